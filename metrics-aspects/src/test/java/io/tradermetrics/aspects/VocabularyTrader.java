package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountEvent;
import io.tradermetrics.annotation.CountOrder;
import io.tradermetrics.annotation.CountQuote;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.MeasureSlippage;
import io.tradermetrics.annotation.OrderEvent;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.annotation.TrackSpread;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** A woven fixture for the issue 3 vocabulary: a trader whose methods carry the annotations, as a user's would. */
class VocabularyTrader {

  enum Side { BUY, SELL }

  enum Status { ACCEPTED, REJECTED }

  record Order(String symbol, Side side, double price, double quantity) {}

  record Ack(String venue, Status status, long orderId) {
    boolean rejected() {
      return status == Status.REJECTED;
    }
  }

  record Quote(String symbol, double bid, double ask) {}

  record Pnl(double realized, double unrealized) {}

  record Execution(String symbol, Side side, double price) {}

  /** A quote whose bid cannot be read: the path fails inside the instrumentation. */
  static final class BrokenQuote {
    public double getBid() {
      throw new IllegalStateException("feed handler bug");
    }

    public double getAsk() {
      return 100;
    }
  }

  /** Runs inside every annotated method body, so tests can advance a MockClock "during" the call. */
  Runnable duringCall = () -> {};

  /** What the simulated venue answers next. */
  Status venueAnswers = Status.ACCEPTED;

  /** The venue the simulated router picks. */
  String routedTo = "bitstamp";

  // ---- @CountOrder -------------------------------------------------------------------------

  @CountOrder(rejectedIf = "result.status == REJECTED")
  @Label(value = "venue", path = "venue")
  Ack submit(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Order order) {
    duringCall.run();
    if (order.quantity() <= 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
    return new Ack(routedTo, venueAnswers, 1);
  }

  @CountOrder(venue = "kraken", rejectedIf = "result.rejected")
  Ack submitKraken(@Label("symbol") String symbol, @Label("side") Side side) {
    return new Ack("kraken", venueAnswers, 2);
  }

  @CountOrder(event = OrderEvent.CANCELLED, venue = "bitstamp")
  void cancel(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Order order)
      throws IOException {
    if (order.symbol().isEmpty()) {
      throw new IOException("venue unreachable");
    }
  }

  @CountOrder(event = OrderEvent.CANCELLED, venue = "bitstamp", countFailures = false)
  void cancelAll(@Label("symbol") String symbol) throws IOException {
    throw new IOException("venue unreachable");
  }

  @CountOrder(event = OrderEvent.REJECTED, venue = "bitstamp")
  void onVenueReject(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Order order) {}

  // ---- @TimedOrder rejectedIf --------------------------------------------------------------

  @TimedOrder(venue = "bitstamp", rejectedIf = "result.status == REJECTED")
  Ack timedSubmit(@Label("symbol") String symbol, Status answer) {
    duringCall.run();
    return new Ack("bitstamp", answer, 3);
  }

  @TimedOrder(venue = "bitstamp", rejectedIf = "result")
  boolean timedSubmitBoolean(@Label("symbol") String symbol, boolean rejected) {
    return rejected;
  }

  /** The venue's answer to an asynchronous submit; the test completes it. */
  CompletableFuture<Ack> pendingAck = new CompletableFuture<>();

  @TimedOrder(venue = "binance", rejectedIf = "result.rejected")
  CompletableFuture<Ack> timedSubmitAsync(@Label("symbol") String symbol) {
    return pendingAck;
  }

  @TimedOrder(venue = "bitstamp")
  @Label(value = "side", path = "side")
  Execution timedExecute(@Label(value = "symbol", path = "symbol") Order order) {
    duringCall.run();
    return new Execution(order.symbol(), order.side(), order.price());
  }

  // ---- @TimedOrder orderId -----------------------------------------------------------------

  /** The client order id the last {@code @TimedOrder(orderId)} method saw current while it ran (none: the id is read after). */
  @org.jspecify.annotations.Nullable String currentDuringCall;

  @TimedOrder(venue = "bitstamp", orderId = "result.orderId")
  Ack timedSubmitWithId(@Label("symbol") String symbol, long clientOrderId) {
    currentDuringCall = OrderExemplars.currentOrderId();
    return clientOrderId < 0 ? null : new Ack("bitstamp", Status.ACCEPTED, clientOrderId);
  }

  @TimedOrder(operation = io.tradermetrics.annotation.OrderOperation.CANCEL, venue = "bitstamp", orderId = "#1")
  void timedCancelWithTextId(@Label("symbol") String symbol, String clientOrderId) {}

  // ---- @TrackOpenOrders --------------------------------------------------------------------

  @TrackOpenOrders
  int openOrders(@Label("symbol") String symbol, @Label("side") Side side, int live) {
    return live;
  }

  @TrackOpenOrders(value = "#0", symbol = "ETH/USD", side = "buy")
  void openOrdersFromParameter(long live) {}

  // ---- @TrackPnl ---------------------------------------------------------------------------

  @TrackPnl(realized = "result.realized", unrealized = "result.unrealized", strategy = "market-maker")
  Pnl mark(@Label("symbol") String symbol, double realized, double unrealized) {
    return new Pnl(realized, unrealized);
  }

  @TrackPnl(realized = "realized", symbol = "ETH/USD")
  void bookRealized(@Label("strategy") String strategy, double realized) {}

  // ---- @TrackSpread ------------------------------------------------------------------------

  @TrackSpread(bid = "quote.bid", ask = "quote.ask")
  void publish(@Label(value = "symbol", path = "symbol") Quote quote) {}

  @TrackSpread(bid = "#0", ask = "#1", symbol = "ETH/USD", buckets = {5, 15, 25})
  void publishCustomBuckets(double bid, double ask) {}

  @TrackSpread(bid = "quote.bid", ask = "quote.ask", symbol = "BROKEN")
  void publishBroken(BrokenQuote quote) {}

  // ---- @MeasureSlippage --------------------------------------------------------------------

  @MeasureSlippage(expected = "order.price", executed = "result.price")
  @Label(value = "symbol", path = "symbol")
  @Label(value = "side", path = "side")
  Execution execute(Order order, double executedPrice) {
    return new Execution(order.symbol(), order.side(), executedPrice);
  }

  @MeasureSlippage(expected = "#1", executed = "#2", symbol = "ETH/USD")
  void slippageBySide(@Label("side") String side, double expected, double executed) {}

  // ---- @CountQuote -------------------------------------------------------------------------

  @CountQuote
  double postQuote(@Label("symbol") String symbol, @Label("side") Side side, double price) {
    if (price <= 0) {
      throw new IllegalArgumentException("price must be positive");
    }
    return price;
  }

  // ---- @CountEvent -------------------------------------------------------------------------

  @CountEvent(name = "guard.blocks", labels = {"guard=inventory", "side"}, countIf = "result == false",
      help = "Quotes blocked by pre-trade guards")
  boolean withinInventoryLimit(@Label("side") Side side, boolean within) {
    return within;
  }

  @CountEvent(name = "guard.blocks", labels = {"side", "guard=kill_switch"})
  void blockedByKillSwitch(@Label("side") Side side) {}

  @CountEvent(name = "reconciliation_orphans")
  void orphanFound() {}
}
