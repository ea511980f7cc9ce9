package io.tradermetrics.benchmarks;

import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import io.micrometer.core.aop.MeterTag;
import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.Label;
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
}
