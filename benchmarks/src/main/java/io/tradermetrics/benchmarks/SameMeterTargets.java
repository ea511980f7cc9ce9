package io.tradermetrics.benchmarks;

import io.tradermetrics.annotation.AlertSeverity;
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
import io.tradermetrics.annotation.OrderExpired;
import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.annotation.OrderOperation;
import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.annotation.TimedCall;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.annotation.TrackPosition;
import io.tradermetrics.annotation.TrackSpread;

/**
 * Every annotation on a method whose body is the same trivial work as its hand-written twin in
 * {@link SameMeterBenchmark}, so that only the instrumentation differs. Parameters and results are
 * the types trader code uses: {@code long} ids, {@code double} prices and quantities, {@code int}
 * counts, {@code boolean} flags, enums, and records read through property paths. Woven by ajc at
 * build time, like a user's class.
 */
public class SameMeterTargets {

  /** An order's side. */
  public enum Side { BUY, SELL }

  /** A fill, read through paths ({@code fill.quantity}). */
  public record Fill(long orderId, String symbol, Side side, double price, double quantity) {}

  /** An acknowledgement with a rejected flag. */
  public record Ack(long orderId, boolean rejected) {}

  /** A quote. */
  public record Quote(String symbol, double bid, double ask) {}

  /** Realized and unrealized PnL. */
  public record Pnl(double realized, double unrealized) {}

  /** A market data tick with its exchange timestamp. */
  public record Tick(String symbol, double price, long exchangeTimeNanos) {}

  /** The work every method does (a few nanoseconds, not foldable). */
  static long work(long x) {
    return x * 31 + 7;
  }

  @TimedOrder(operation = OrderOperation.SUBMIT, venue = "bench")
  public long timedOrder(@Label("symbol") String symbol, @Label("side") Side side, double price, long x) {
    return work(x);
  }

  @TimedCall(target = "exchange", operation = "ping")
  public long timedCall(long x) {
    return work(x);
  }

  @CountOrder(venue = "bench", rejectedIf = "result.rejected")
  public Ack countOrder(@Label("symbol") String symbol, @Label("side") Side side, Ack ack) {
    return ack;
  }

  @CountFill(venue = "bench", quantity = "fill.quantity", price = "fill.price")
  public void countFill(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Fill fill) {}

  @CountQuote
  public long countQuote(@Label("symbol") String symbol, @Label("side") Side side, long x) {
    return work(x);
  }

  @CountEvent(name = "bench.blocks", labels = {"guard=inventory", "side"}, countIf = "result == false")
  public boolean countEvent(@Label("side") Side side, boolean allowed) {
    return allowed;
  }

  @TrackPosition
  public double trackPosition(@Label("symbol") String symbol, double position) {
    return position;
  }

  @TrackOpenOrders
  public int trackOpenOrders(@Label("symbol") String symbol, @Label("side") Side side, int open) {
    return open;
  }

  @TrackPnl(realized = "result.realized", unrealized = "result.unrealized", strategy = "bench")
  public Pnl trackPnl(@Label("symbol") String symbol, Pnl pnl) {
    return pnl;
  }

  @TrackSpread(bid = "quote.bid", ask = "quote.ask")
  public void trackSpread(@Label(value = "symbol", path = "symbol") Quote quote) {}

  @MeasureSlippage(expected = "expected", executed = "executed")
  public void measureSlippage(@Label("symbol") String symbol, @Label("side") Side side, double expected,
      double executed) {}

  @RaiseAlert(severity = AlertSeverity.WARNING, summary = "Limit breached", when = RaiseAlert.When.RETURNED_TRUE)
  public boolean raiseAlert(double position, double limit) {
    return Math.abs(position) > limit;
  }

  @MarketDataTick(exchangeTime = "tick.exchangeTimeNanos")
  public long marketDataTick(@Label(value = "symbol", path = "symbol") Tick tick, long x) {
    return work(x);
  }

  @OrderSent(orderId = "#0", venue = "bench")
  public void orderSent(long id, @Label("symbol") String symbol, @Label("side") Side side) {}

  @CancelSent(orderId = "#0")
  public void cancelSent(long id) {}

  @OrderAcked(orderId = "#0")
  public void orderAcked(long id) {}

  @OrderRejected(orderId = "#0")
  public void orderRejected(long id) {}

  @OrderFilled(orderId = "fill.orderId", complete = "complete")
  public void orderFilled(Fill fill, boolean complete) {}

  @OrderCancelled(orderId = "#0")
  public void orderCancelled(long id) {}

  @OrderExpired(orderId = "#0")
  public void orderExpired(long id) {}
}
