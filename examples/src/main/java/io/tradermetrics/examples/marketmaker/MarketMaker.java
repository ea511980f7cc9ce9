package io.tradermetrics.examples.marketmaker;

import io.tradermetrics.annotation.CancelSent;
import io.tradermetrics.annotation.CountEvent;
import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.CountOrder;
import io.tradermetrics.annotation.CountQuote;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.annotation.MeasureSlippage;
import io.tradermetrics.annotation.OrderAcked;
import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.annotation.OrderEvent;
import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.annotation.OrderOperation;
import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.annotation.TrackSpread;
import io.tradermetrics.annotation.VenueConnection;
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
 * would take its position past the inventory limit. After the fills it marks its books to the
 * trade price; after re-quoting it publishes its two-sided quote when that changed.
 *
 * <p>The venue is simulated in-process and deterministically. Its matching is done here: a quote is
 * live from the moment it is sent, and a venue rate limit of {@link #VENUE_SUBMITS_PER_SECOND} new
 * orders per second of market time (the trades' own timestamps) rejects the orders past it, which
 * {@link #submit} reports at once; a side whose quote was rejected is quoted again on the next
 * trade. With a {@link SimulatedVenue} connected, the venue's acknowledgements, rejects and cancel
 * confirmations also arrive as messages on the venue's thread after a modelled delay
 * ({@link #onAck}, {@link #onReject}, {@link #onCancelConfirmed}); without one they never arrive.
 * The methods carry tradermetrics annotations, including the order lifecycle ones (send, cancel
 * request, ack, reject, fill, cancel confirmation, market data tick); this class contains no meter
 * code. Not thread-safe: one thread replays the trades; only {@link #onAck}, {@link #onReject} and
 * {@link #onCancelConfirmed} may run on another.
 */
public class MarketMaker {

  /** The venue label of every order. */
  public static final String VENUE = "bitstamp";

  /** A fill above this notional (USD) raises the {@code LargeExecution} alert; the maker's own fills stay below. */
  public static final double LARGE_EXECUTION_NOTIONAL = 10_000;

  /** The quote currency of the notional, fees and PnL. */
  public static final String CURRENCY = "USD";

  /** The venue's reason for an order past its rate limit. */
  public static final String REJECT_RATE_LIMIT = "rate_limit";

  /** New orders the simulated venue accepts per second of market time; it rejects those past it. */
  public static final int VENUE_SUBMITS_PER_SECOND = 8;

  private final Ledger ledger;
  private final Settings settings;
  private final Map<Side, Order> quotes = new EnumMap<>(Side.class);
  private long nextOrderId = 1;
  private long ordersSent;
  private long cancels;
  private long rejects;
  private long inventoryBlocks;
  private long quotesPublished;
  private double printThroughBpsSum;
  private @Nullable Quote lastQuote;
  private long marketSecond = Long.MIN_VALUE;
  private int submitsThisSecond;
  private long completeFills;
  private final AtomicLong acks = new AtomicLong();
  private final AtomicLong rejectMessages = new AtomicLong();
  private final AtomicLong cancelsConfirmed = new AtomicLong();
  private @Nullable SimulatedVenue venue;
  private volatile boolean connected = true;
  private final java.util.List<Execution> executions = new java.util.ArrayList<>();

  /**
   * One fill of the maker at the market time of the trade that caused it: what the tests mark out
   * independently of the metrics.
   *
   * @param epochSeconds the trade's time, Unix seconds
   * @param fill         the fill
   */
  public record Execution(long epochSeconds, Fill fill) {}

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

    /** BTC/USD, 0.5 BTC quotes, 10 bps half-spread, re-quote past 5 bps, at most 5 BTC either way ({@link Ledger#POSITION_LIMIT}). */
    public static Settings defaults() {
      return new Settings("BTC/USD", 0.5, 10, 5, Ledger.POSITION_LIMIT);
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
   * tick-to-trade; its exchange timestamp gives the market data delay. The trade's price is the
   * mid that marks out the maker's fills ({@code trader_markout_bps} at 1 s, 10 s and 60 s of market
   * time): the replay has trades, no book, and the maker quotes around the last trade.
   *
   * @param tick the tick
   */
  @MarketDataTick(exchangeTime = "tick.exchangeTimeNanos", mid = "tick.trade.price", marketTime = "tick.trade.epochNanos")
  public void onTick(@Label(value = "symbol", path = "symbol") Tick tick) {
    onMarketTrade(tick.trade());
  }

  /**
   * Handles one trade printed by the venue: fills first, then re-quotes.
   *
   * @param trade the market trade
   */
  public void onMarketTrade(Trade trade) {
    if (trade.epochSeconds() != marketSecond) {
      marketSecond = trade.epochSeconds();
      submitsThisSecond = 0;
    }
    matchAgainstQuotes(trade);
    ledger.mark(settings.symbol(), trade.price());
    if (requote(trade.price())) {
      Order bid = quotes.get(Side.BUY);
      Order ask = quotes.get(Side.SELL);
      if (bid != null && ask != null) {
        publishQuote(new Quote(settings.symbol(), bid.price(), ask.price()));
      }
    }
    for (Side side : Side.values()) {
      openOrders(settings.symbol(), side);
    }
  }

  private void matchAgainstQuotes(Trade trade) {
    Order bid = quotes.get(Side.BUY);
    if (bid != null && trade.price() <= bid.price()) {
      fillQuote(bid, trade);
    }
    Order ask = quotes.get(Side.SELL);
    if (ask != null && trade.price() >= ask.price()) {
      fillQuote(ask, trade);
    }
  }

  private void fillQuote(Order order, Trade trade) {
    double quantity = Math.min(trade.amount(), order.remaining());
    if (quantity <= 0) {
      return;
    }
    order.reduce(quantity);
    boolean complete = order.remaining() <= 1e-12;
    if (complete) {
      quotes.remove(order.side());
    }
    printThroughBpsSum += Math.abs(order.price() - trade.price()) / trade.price() * 10_000;
    Fill fill = execute(order, trade, quantity);
    executions.add(new Execution(trade.epochSeconds(), fill));
    onExecution(fill, complete);
  }

  /**
   * Receives an execution of one of the maker's orders from the venue's matching, and books the fill.
   *
   * @param fill     the fill
   * @param complete whether it completes the order
   */
  @OrderFilled(orderId = "fill.orderId", complete = "complete", liquidity = "fill.liquidity")
  public void onExecution(Fill fill, boolean complete) {
    if (complete) {
      completeFills++;
    }
    onFill(fill);
  }

  /**
   * Executes part of a resting quote against the market trade that crossed it, and measures the
   * fill in {@code trader_slippage_bps}.
   *
   * <p>A passive fill is at the quote's own price, so slippage against the quoted price is 0 by
   * construction. What is measured instead is the fill price against the market trade that crossed
   * the quote: a bid at 100.00 filled by a trade printed at 99.90 bought 10 bps above the market
   * (the market traded through the quote; for a sell, below it). Always 0 or worse, it shows how
   * much adverse selection the quotes suffer.
   *
   * @param order    the resting quote
   * @param trade    the market trade that crossed it; its price is the expected price
   * @param quantity base-asset units filled, positive
   * @return the fill, at the quote's price
   */
  @MeasureSlippage(expected = "trade.price", executed = "result.price")
  @Label(value = "symbol", path = "symbol")
  @Label(value = "side", path = "side")
  Fill execute(Order order, Trade trade, double quantity) {
    return new Fill(order.id(), order.symbol(), order.side(), order.price(), quantity);
  }

  /** Re-quotes both sides; whether a quote was cancelled or sent. */
  private boolean requote(double lastPrice) {
    boolean changed = false;
    for (Side side : Side.values()) {
      double target = lastPrice * (1 - side.sign() * settings.halfSpreadBps() / 10_000);
      Order live = quotes.get(side);
      boolean allowed = withinInventoryLimit(side);
      if (live != null && (!allowed || Math.abs(live.price() - target) / target * 10_000 > settings.requoteBps())) {
        cancel(live);
        quotes.remove(side);
        live = null;
        changed = true;
      }
      if (live == null && allowed) {
        Order order = postQuote(settings.symbol(), side, round(target));
        if (!order.rejected()) {
          quotes.put(side, order);
        }
        changed = true;
      }
    }
    return changed;
  }

  /**
   * The inventory guard: whether one more quote on {@code side} keeps the position within the
   * limit. A block is counted in {@code trader_guard_blocks_total{guard="inventory"}}.
   *
   * @param side the side to quote
   * @return true if quoting is allowed
   */
  @CountEvent(name = "guard.blocks", labels = {"guard=inventory", "side"}, countIf = "result == false",
      help = "Quotes not posted because a pre-trade guard blocked them")
  boolean withinInventoryLimit(@Label("side") Side side) {
    boolean allowed = Math.abs(ledger.position() + side.sign() * settings.quoteSize()) <= settings.inventoryLimit();
    if (!allowed) {
      inventoryBlocks++;
    }
    return allowed;
  }

  /**
   * Posts one side's quote at the venue, counted in {@code trader_quotes_total}.
   *
   * @return the order; {@link Order#rejected()} if the venue refused it
   */
  @CountQuote
  Order postQuote(@Label("symbol") String symbol, @Label("side") Side side, double price) {
    return submit(symbol, side, price, settings.quoteSize());
  }

  /**
   * Publishes the two-sided quote after it changed; its spread goes to {@code trader_spread}
   * (quote currency) and {@code trader_spread_bps}.
   *
   * @param quote the live bid and ask
   */
  @TrackSpread(bid = "quote.bid", ask = "quote.ask")
  void publishQuote(@Label(value = "symbol", path = "symbol") Quote quote) {
    quotesPublished++;
    lastQuote = quote;
  }

  /**
   * The live orders on one side, reported in {@code trader_orders_open} after every trade.
   *
   * @param symbol the instrument
   * @param side   buy or sell
   * @return 1 if a quote is live on that side, else 0
   */
  @TrackOpenOrders(venue = VENUE)
  public int openOrders(@Label("symbol") String symbol, @Label("side") Side side) {
    return quotes.containsKey(side) ? 1 : 0;
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
   * @return the acknowledged live order, or a {@linkplain Order#rejected() rejected} one when the
   *     venue's rate limit of {@link #VENUE_SUBMITS_PER_SECOND} per second of market time is reached
   */
  @TimedOrder(operation = OrderOperation.SUBMIT, venue = VENUE, rejectedIf = "result.rejected",
      orderId = "result.id")
  @CountOrder(venue = VENUE, rejectedIf = "result.rejected", rejectReason = "result.rejectReason")
  public Order submit(@Label("symbol") String symbol, @Label("side") Side side, double price, double quantity) {
    ordersSent++;
    boolean rejected = ++submitsThisSecond > VENUE_SUBMITS_PER_SECOND;
    if (rejected) {
      rejects++;
    }
    Order order = new Order(nextOrderId++, symbol, side, price, quantity, rejected);
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
      venue.orderSent(order.id(), order.rejected());
    }
  }

  /**
   * Cancels a live order at the venue.
   *
   * @param order the order to cancel
   */
  @TimedOrder(operation = OrderOperation.CANCEL, venue = VENUE, orderId = "order.id")
  @CountOrder(event = OrderEvent.CANCELLED, venue = VENUE)
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
   * Receives the venue's reject message for an order past its rate limit; runs on the venue's thread.
   *
   * @param orderId the order rejected
   * @param reason  the venue's reason, e.g. {@link #REJECT_RATE_LIMIT}
   */
  @OrderRejected(orderId = "orderId", reason = "reason")
  public void onReject(long orderId, String reason) {
    rejectMessages.incrementAndGet();
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
  @CountFill(venue = VENUE, quantity = "fill.quantity", price = "fill.price", currency = CURRENCY, fee = "fill.fee",
      alertNotionalAbove = LARGE_EXECUTION_NOTIONAL)
  public void onFill(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Fill fill) {
    ledger.apply(fill);
  }

  /** Every fill so far, in order, with the market time of the trade that caused it. */
  public java.util.List<Execution> executions() {
    return java.util.Collections.unmodifiableList(executions);
  }

  /**
   * The venue adapter's connection callback: {@code trader_venue_connected{venue}} follows it.
   * While disconnected the demo does not hand the maker any tick.
   *
   * @param venue     the venue, e.g. {@link #VENUE}
   * @param connected whether the connection is up
   */
  @VenueConnection(connected = "connected")
  public void venueConnection(@Label("venue") String venue, boolean connected) {
    this.connected = connected;
  }

  /** Whether the venue connection is up (as last reported to {@link #venueConnection}). */
  public boolean connected() {
    return connected;
  }

  /**
   * Books a block trade bought outside the quotes (the fault injection's large fill): a fill of
   * client order id 0 at {@code price}, through {@link #onFill}.
   *
   * @param quantity BTC bought
   * @param price    USD per BTC
   */
  public void bookBlockTrade(double quantity, double price) {
    onFill(new Fill(0, settings.symbol(), Side.BUY, price, quantity));
  }

  /** The live quote on a side, or null. */
  public @Nullable Order quote(Side side) {
    return quotes.get(side);
  }

  /** Orders the venue rejected so far (rate limit); included in {@link #ordersSent()}. */
  public long rejects() {
    return rejects;
  }

  /** Times a side was not quoted because of the inventory limit. */
  public long inventoryBlocks() {
    return inventoryBlocks;
  }

  /** Two-sided quotes published so far (after a change, with both sides live). */
  public long quotesPublished() {
    return quotesPublished;
  }

  /** The last two-sided quote published, or null if none was. */
  public @Nullable Quote lastQuote() {
    return lastQuote;
  }

  /**
   * The sum over fills of how far the crossing market trade printed through the quote, in bps of
   * the trade price: {@code |quote price - trade price| / trade price * 10_000}.
   */
  public double printThroughBpsSum() {
    return printThroughBpsSum;
  }

  /** Orders sent to the venue so far, rejected ones included. */
  public long ordersSent() {
    return ordersSent;
  }

  /** Orders completely filled so far. */
  public long completeFills() {
    return completeFills;
  }

  /** Acknowledgements received from the venue so far. */
  public long acks() {
    return acks.get();
  }

  /** Reject messages received from the venue so far. */
  public long rejectMessages() {
    return rejectMessages.get();
  }

  /** Cancel confirmations received from the venue so far. */
  public long cancelsConfirmed() {
    return cancelsConfirmed.get();
  }

  /** Cancels sent so far. */
  public long cancels() {
    return cancels;
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
