package io.tradermetrics.aspects.internal;

import org.jspecify.annotations.Nullable;

/**
 * Base of the instruments that record once the method has returned normally and do not time it
 * (counters, gauges, bps histograms): {@link #start()} reads no clock, a call that threw records
 * nothing, and whatever {@link #record} throws is counted and logged by the join point's
 * {@link InstrumentationErrors.Site}, never passed to the caller. Thread-safe as its subclasses are.
 */
abstract class AfterReturnInstrument implements Instrument {

  /** The join point's error sink. */
  final InstrumentationErrors.Site errors;

  AfterReturnInstrument(InstrumentationErrors.Site errors) {
    this.errors = errors;
  }

  @Override
  public final long start() {
    return 0L;
  }

  @Override
  public final void stop(long startNanos, @Nullable Object result, @Nullable Throwable error,
      @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    if (error != null) {
      return;
    }
    try {
      record(result, a0, a1, a2, a3, a4, a5);
    } catch (Throwable t) {
      errors.failure(t);
    }
  }

  /**
   * Records one normal return; may throw, the caller counts it.
   *
   * @param result the return value ({@code null} for void methods or when not in {@link #mask()})
   */
  abstract void record(@Nullable Object result, @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable;
}
