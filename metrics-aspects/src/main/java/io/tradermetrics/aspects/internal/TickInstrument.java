package io.tradermetrics.aspects.internal;

import io.tradermetrics.aspects.internal.OrderLifecycle.TickMeters;
import io.tradermetrics.aspects.internal.OrderLifecycle.TickState;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.tradermetrics.annotation.MarketDataTick}: marks the thread as handling a tick from the
 * start of the handler ({@link #begin}) to its end ({@link #end}), so that orders sent meanwhile on
 * the thread record tick-to-trade; with an exchange timestamp, records the exchange-to-local delay
 * or counts clock skew. Per call: one clock read, a thread-local read, the label lookup, with a
 * timestamp one read and one record; no allocation once the symbol has been seen. Never throws.
 */
public class TickInstrument {

  /** The instrument of a join point whose binding failed: records nothing. */
  static final TickInstrument NOOP = new TickInstrument(null, null, null, TimeUnit.NANOSECONDS, null);

  private final @Nullable OrderLifecycle lifecycle;
  private final @Nullable LabelTree<TickMeters> labels;
  private final @Nullable ValueSource exchangeTime;
  private final long nanosPerUnit;
  private final @Nullable InstrumentationErrors.Site errors;

  TickInstrument(@Nullable OrderLifecycle lifecycle, @Nullable LabelTree<TickMeters> labels,
      @Nullable ValueSource exchangeTime, TimeUnit unit, InstrumentationErrors.@Nullable Site errors) {
    this.lifecycle = lifecycle;
    this.labels = labels;
    this.exchangeTime = exchangeTime;
    this.nanosPerUnit = unit.toNanos(1);
    this.errors = errors;
  }

  /** Called before the handler's body, with its first six arguments (primitives boxed by ajc). */
  public void begin(@Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    if (lifecycle == null || labels == null || errors == null) {
      return;
    }
    try {
      long now = lifecycle.clock.monotonicTime();
      TickState tick = lifecycle.ticks.get();
      if (tick.depth++ > 0) {
        return; // a nested handler: the outermost tick holds
      }
      tick.startNanos = now;
      tick.meters = null;
      TickMeters meters = labels.leaf(null, a0, a1, a2, a3, a4, a5);
      tick.meters = meters;
      if (exchangeTime != null) {
        long stampNanos = exchangeNanos(a0, a1, a2, a3, a4, a5);
        if (stampNanos == ValueSource.ABSENT_LONG) {
          errors.badValue("exchangeTime", Double.NaN);
          return;
        }
        long delayNanos = now + lifecycle.wallOffsetNanos - stampNanos;
        if (delayNanos < 0) {
          meters.skew().increment();
        } else {
          meters.delay().record(delayNanos, TimeUnit.NANOSECONDS);
        }
      }
    } catch (Throwable t) {
      errors.failure(t);
    }
  }

  private long exchangeNanos(@Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    ValueSource source = exchangeTime;
    if (source == null) {
      return ValueSource.ABSENT_LONG;
    }
    if (source.type() == Instant.class || source.type() == Object.class) {
      Object value = source.get(null, a0, a1, a2, a3, a4, a5);
      if (value instanceof Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
      }
      if (!(value instanceof Long || value instanceof Integer)) {
        return ValueSource.ABSENT_LONG;
      }
      return ((Number) value).longValue() * nanosPerUnit;
    }
    long value = source.getLong(null, a0, a1, a2, a3, a4, a5);
    return value == ValueSource.ABSENT_LONG ? value : value * nanosPerUnit;
  }

  /** Called after the handler's body, however it ended. */
  public void end() {
    if (lifecycle == null) {
      return;
    }
    TickState tick = lifecycle.ticks.get();
    if (tick.depth > 0 && --tick.depth == 0) {
      tick.meters = null;
    }
  }

  /** The bits of the arguments {@link #begin} reads, as {@link Instrument#mask()}. */
  public int mask() {
    if (labels == null) {
      return 0;
    }
    return labels.mask() | (exchangeTime == null ? 0 : exchangeTime.mask());
  }
}
