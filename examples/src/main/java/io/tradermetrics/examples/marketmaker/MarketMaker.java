package io.tradermetrics.examples.marketmaker;

import io.tradermetrics.annotation.CancelSent;
import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.annotation.OrderAcked;
import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.annotation.OrderOperation;
import io.tradermetrics.annotation.TimedOrder;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A simple market maker on one symbol. On every trade printed by the venue it first checks whether
 * the trade crossed one of its quotes (a trade at or below its bid fills the bid, at or above its
 * ask fills the ask; a trade smaller than the quote fills it partially, at the quote's price), then
 * re-quotes a bid and an ask {@code halfSpreadBps} around the trade price, cancelling a quote that
 * is more than {@code requoteBps} away from where it should be. It stops quoting the side that
 * would take its position past the inventory limit.
 *
 * <p>The venue is simulated in-process. Its matching is done here: a quote is live from the moment it
 * is sent. With a {@link SimulatedVenue} connected, the venue's acknowledgements and cancel
 * confirmations arrive on the venue's thread after a modelled delay ({@link #onAck},
 * {@link #onCancelConfirmed}); without one they never arrive. The methods carry tradermetrics
 * annotations, including the order lifecycle ones (send, cancel request, ack, fill, cancel
 * confirmation, market data tick); this class contains no meter code. Not thread-safe: one thread
 * replays the trades; only {@link #onAck} and {@link #onCancelConfirmed} may run on another.
 */
public class MarketMaker {

  /** The venue label of every order. */
  public static final String VENUE = "bitstamp";

  private final Ledger ledger;
  private final Settings settings;
  private final Map<Side, Order> quotes = new EnumMap<>(Side.class);
  private long nextOrderId = 1;
  private long ordersSent;
  private long cancels;
  private long completeFills;
  private final AtomicLong acks = new AtomicLong();
  private final AtomicLong cancelsConfirmed = new AtomicLong();
  private @Nullable SimulatedVenue venue;

  /**
   * What the market maker quotes.
   *
   * @param symbol          the instrument, e.g. {@code BTC/USD}
   * @param quoteSize       size of each quote, base-asset units
   * @param halfSpreadBps   distance of each quote from the last trade price, bps
   * @param requoteBps      how far a quote may drift from its target before it is replaced, bps
   * @param inventoryLimit  largest absolute position the maker takes on, base-asset units
   */
  public record Settings(String symbol, double quoteSize, double halfSpreadBps, double requoteBps,
      double inventoryLimit) {

    /** BTC/USD, 0.5 BTC quotes, 10 bps half-spread, re-quote past 5 bps, at most 5 BTC either way. */
    public static Settings defaults() {
      return new Settings("BTC/USD", 0.5, 10, 5, 5);
    }
  }

  /** A maker with {@link Settings#defaults()}. */
  @Inject
  public MarketMaker(Ledger ledger) {
    this(ledger, Settings.defaults());
  }

  /** A maker with the given settings. */
  public MarketMaker(Ledger ledger, Settings settings) {
    this.ledger = ledger;
    this.settings = settings;
  }

  /** Sends orders and cancel requests to {@code venue} from now on; see {@link SimulatedVenue#connect}. */
  void connect(SimulatedVenue venue) {
    this.venue = venue;
  }

  /**
   * Handles one market data tick: the trade it carries. Orders sent while handling it record
   * tick-to-trade; its exchange timestamp gives the market data delay.
   *
   * @param tick the tick
   */
  @MarketDataTick(exchangeTime = "tick.exchangeTimeNanos")
  public void onTick(@Label(value = "symbol", path = "symbol") Tick tick) {
    onMarketTrade(tick.trade());
  }

  /**
   * Handles one trade printed by the venue: fills first, then re-quotes.
   *
   * @param trade the market trade
   */
  public void onMarketTrade(Trade trade) {
    matchAgainstQuotes(trade);
    requote(trade.price());
  }

  private void matchAgainstQuotes(Trade trade) {
    Order bid = quotes.get(Side.BUY);
    if (bid != null && trade.price() <= bid.price()) {
      fill(bid, trade.amount());
    }
    Order ask = quotes.get(Side.SELL);
    if (ask != null && trade.price() >= ask.price()) {
      fill(ask, trade.amount());
    }
  }

  private void fill(Order order, double tradeAmount) {
    double quantity = Math.min(tradeAmount, order.remaining());
    if (quantity <= 0) {
      return;
    }
    order.reduce(quantity);
    boolean complete = order.remaining() <= 1e-12;
    if (complete) {
      quotes.remove(order.side());
    }
    onExecution(new Fill(order.id(), order.symbol(), order.side(), order.price(), quantity), complete);
  }

  /**
   * Receives an execution of one of the maker's orders from the venue's matching, and books the fill.
   *
   * @param fill     the fill
   * @param complete whether it completes the order
   */
  @OrderFilled(orderId = "fill.orderId", complete = "complete")
  public void onExecution(Fill fill, boolean complete) {
    if (complete) {
      completeFills++;
    }
    onFill(fill);
  }

  private void requote(double lastPrice) {
    for (Side side : Side.values()) {
      double target = lastPrice * (1 - side.sign() * settings.halfSpreadBps() / 10_000);
      Order live = quotes.get(side);
      boolean allowed = Math.abs(ledger.position() + side.sign() * settings.quoteSize()) <= settings.inventoryLimit();
      if (live != null && (!allowed || Math.abs(live.price() - target) / target * 10_000 > settings.requoteBps())) {
        cancel(live);
        quotes.remove(side);
        live = null;
      }
      if (live == null && allowed) {
        quotes.put(side, submit(settings.symbol(), side, round(target), settings.quoteSize()));
      }
    }
  }

  private static double round(double price) {
    return Math.round(price * 100) / 100.0;
  }

  /**
   * Sends a limit order to the venue.
   *
   * @param symbol   the instrument
   * @param side     buy or sell
   * @param price    limit price, quote currency
   * @param quantity base-asset units
   * @return the acknowledged live order
   */
  @TimedOrder(operation = OrderOperation.SUBMIT, venue = VENUE)
  public Order submit(@Label("symbol") String symbol, @Label("side") Side side, double price, double quantity) {
    ordersSent++;
    Order order = new Order(nextOrderId++, symbol, side, price, quantity);
    send(order);
    return order;
  }

  /**
   * Writes a new order, whose client order id is already assigned, to the venue connection. Its id
   * is read from the parameter, so the order is in flight before the venue can answer.
   *
   * @param order the order
   */
  @OrderSent(orderId = "order.id", venue = VENUE)
  void send(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Order order) {
    if (venue != null) {
      venue.orderSent(order.id());
    }
  }

  /**
   * Cancels a live order at the venue.
   *
   * @param order the order to cancel
   */
  @TimedOrder(operation = OrderOperation.CANCEL, venue = VENUE)
  @CancelSent(orderId = "order.id")
  public void cancel(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Order order) {
    cancels++;
    if (venue != null) {
      venue.cancelSent(order.id());
    }
  }

  /**
   * Receives the venue's acknowledgement of an order; runs on the venue's thread.
   *
   * @param orderId the order acknowledged
   */
  @OrderAcked(orderId = "orderId")
  public void onAck(long orderId) {
    acks.incrementAndGet();
  }

  /**
   * Receives the venue's confirmation that an order was cancelled; runs on the venue's thread.
   *
   * @param orderId the order cancelled
   */
  @OrderCancelled(orderId = "orderId")
  public void onCancelConfirmed(long orderId) {
    cancelsConfirmed.incrementAndGet();
  }

  /**
   * Receives a fill from the venue and books it.
   *
   * @param fill the fill
   */
  @CountFill(venue = VENUE, quantity = "fill.quantity", price = "fill.price")
  public void onFill(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Fill fill) {
    ledger.apply(fill);
  }

  /** The live quote on a side, or null. */
  public @Nullable Order quote(Side side) {
    return quotes.get(side);
  }

  /** Orders sent to the venue so far. */
  public long ordersSent() {
    return ordersSent;
  }

  /** Cancels sent so far. */
  public long cancels() {
    return cancels;
  }

  /** Orders completely filled so far. */
  public long completeFills() {
    return completeFills;
  }

  /** Acknowledgements received from the venue so far. */
  public long acks() {
    return acks.get();
  }

  /** Cancel confirmations received from the venue so far. */
  public long cancelsConfirmed() {
    return cancelsConfirmed.get();
  }

  /** The maker's books. */
  public Ledger ledger() {
    return ledger;
  }

  /** What the maker quotes. */
  public Settings settings() {
    return settings;
  }
}
