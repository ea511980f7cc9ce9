package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import org.jspecify.annotations.Nullable;

/**
 * What {@link CountQuoteInstrument} and {@link CountEventInstrument} share: one increment per normal
 * return (that meets the {@code countIf} condition, if any). Per call: at most one condition read,
 * the label lookup and one counter increment; no allocation once the label combination has been
 * seen.
 */
abstract class CountingInstrument extends Instrument.OnReturn {

  private final LabelTree<Counter> labels;
  private final @Nullable Condition countIf;

  CountingInstrument(LabelTree<Counter> labels, @Nullable Condition countIf) {
    this.labels = labels;
    this.countIf = countIf;
  }

  @Override
  protected final void returned(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    if (countIf == null || countIf.test(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5)) {
      Counter counter = labels.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      if (counter != null) {
        counter.increment();
      }
    }
  }
}
