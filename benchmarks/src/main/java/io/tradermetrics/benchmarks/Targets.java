package io.tradermetrics.benchmarks;

import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import io.micrometer.core.aop.MeterTag;
import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.annotation.TimedOrder;

/**
 * The methods measured. Each does the same trivial work, {@link #work(long)}, so that only the
 * instrumentation differs; ajc weaves the annotated ones at build time.
 */
public class Targets {

  /** The side of an order, an enum as in real trader code. */
  public enum Side { BUY, SELL }

  static long work(long x) {
    return x * 31 + 0x5DEECE66DL;
  }

  /** Not instrumented. */
  public long plain(long x) {
    return work(x);
  }

  /** Ours: three labels from arguments (venue, symbol, side). */
  @TimedOrder
  public long timedOrder(@Label("venue") String venue, @Label("symbol") String symbol, @Label("side") Side side, long x) {
    return work(x);
  }

  /** Ours: three labels from arguments, no primitive argument or result (nothing for ajc to box). */
  @TimedOrder
  public String timedOrderNoPrimitives(@Label("venue") String venue, @Label("symbol") String symbol, @Label("side") Side side) {
    return symbol;
  }

  /** Ours: two labels from arguments and a volume (a primitive double parameter). */
  @CountFill(quantity = "quantity", venue = "bitstamp")
  public long countFill(@Label("symbol") String symbol, @Label("side") Side side, double quantity, long x) {
    return work(x);
  }

  /** Micrometer's TimedAspect. */
  @Timed(value = "bench.micrometer.timed")
  public long micrometerTimed(long x) {
    return work(x);
  }

  /** Micrometer's TimedAspect with two @MeterTag parameters. */
  @Timed(value = "bench.micrometer.timed.tagged")
  public long micrometerTimedTagged(@MeterTag(key = "symbol") String symbol, @MeterTag(key = "side") String side, long x) {
    return work(x);
  }

  /** Micrometer's CountedAspect. */
  @Counted("bench.micrometer.counted")
  public long micrometerCounted(long x) {
    return work(x);
  }

  /** A new order as a gateway holds it: a mutable message reused for every send, so only the id changes. */
  public static final class NewOrder {
    long clientOrderId;
    String symbol = "BTC/USD";
    Side side = Side.BUY;

    /** The client order id. */
    public long clientOrderId() {
      return clientOrderId;
    }

    /** The instrument. */
    public String symbol() {
      return symbol;
    }

    /** The side. */
    public Side side() {
      return side;
    }
  }

  /** Ours: an order's send; the id (a primitive long through a getter) and two labels from the message. */
  @OrderSent(orderId = "order.clientOrderId", venue = "bitstamp")
  public long sendOrder(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") NewOrder order) {
    return work(order.clientOrderId);
  }

  /** Ours: the venue's cancel confirmation for the same message's id; ends the order. */
  @OrderCancelled(orderId = "order.clientOrderId")
  public long orderCancelled(NewOrder order) {
    return work(order.clientOrderId);
  }
}
