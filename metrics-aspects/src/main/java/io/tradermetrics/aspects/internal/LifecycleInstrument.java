package io.tradermetrics.aspects.internal;

import io.tradermetrics.aspects.internal.OrderLifecycle.Event;
import org.jspecify.annotations.Nullable;

/**
 * The instruments of the points of an order's life. Each reads the order id (and, for a send, the
 * label group; for a fill, whether it completes the order) and hands it to the engine's
 * {@link OrderLifecycle}. Per call: one clock read, one id read, one lock of the in-flight table,
 * at most two {@code Timer.record}s; no allocation beyond what the user's id costs (none for a
 * {@code long} read through a getter or a {@code String}; ajc's box for a bare {@code long}
 * parameter). Never throws into the caller: failures and missing ids are counted and logged.
 */
abstract class LifecycleInstrument implements Instrument {

  final OrderLifecycle lifecycle;
  final IdSource id;
  final InstrumentationErrors.Site errors;

  LifecycleInstrument(OrderLifecycle lifecycle, IdSource id, InstrumentationErrors.Site errors) {
    this.lifecycle = lifecycle;
    this.id = id;
    this.errors = errors;
  }

  @Override
  public int mask() {
    return id.mask();
  }

  /** Receipt events take the time at entry: when the venue's message reached the handler. */
  @Override
  public long start() {
    return lifecycle.clock.monotonicTime();
  }

  /** Acknowledgement, rejection, cancel request, cancel confirmation, venue expiry. */
  static final class End extends LifecycleInstrument {
    private final Event event;

    End(OrderLifecycle lifecycle, Event event, IdSource id, InstrumentationErrors.Site errors) {
      super(lifecycle, id, errors);
      this.event = event;
    }

    /** A cancel request is timed when it has been sent, like an order. */
    @Override
    public long start() {
      return event == Event.CANCEL_SENT ? 0L : lifecycle.clock.monotonicTime();
    }

    @Override
    public void stop(long startNanos, @Nullable Object result, @Nullable Throwable error,
        @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
        @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
      if (error != null) {
        return;
      }
      try {
        long now = event == Event.CANCEL_SENT ? lifecycle.clock.monotonicTime() : startNanos;
        if (id.longId) {
          long value = id.source.getLong(result, a0, a1, a2, a3, a4, a5);
          if (value == ValueSource.ABSENT_LONG) {
            errors.badValue("orderId", Double.NaN);
            return;
          }
          lifecycle.event(event, value, null, now);
        } else {
          Object value = id.source.get(result, a0, a1, a2, a3, a4, a5);
          if (value == null) {
            errors.badValue("orderId", Double.NaN);
            return;
          }
          Object object = IdSource.objectId(value);
          lifecycle.event(event, object == null ? IdSource.longId(value) : 0L, object, now);
        }
      } catch (Throwable t) {
        errors.failure(t);
      }
    }
  }

  /** {@link io.tradermetrics.annotation.OrderFilled}. */
  static final class Filled extends LifecycleInstrument {
    private final ValueSource complete;

    Filled(OrderLifecycle lifecycle, IdSource id, ValueSource complete, InstrumentationErrors.Site errors) {
      super(lifecycle, id, errors);
      this.complete = complete;
    }

    @Override
    public int mask() {
      return id.mask() | complete.mask();
    }

    @Override
    public void stop(long startNanos, @Nullable Object result, @Nullable Throwable error,
        @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
        @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
      if (error != null) {
        return;
      }
      try {
        Object done = complete.get(result, a0, a1, a2, a3, a4, a5);
        if (!(done instanceof Boolean)) {
          errors.badValue("complete", Double.NaN);
          return;
        }
        boolean isComplete = (Boolean) done;
        if (id.longId) {
          long value = id.source.getLong(result, a0, a1, a2, a3, a4, a5);
          if (value == ValueSource.ABSENT_LONG) {
            errors.badValue("orderId", Double.NaN);
            return;
          }
          lifecycle.filled(value, null, startNanos, isComplete);
        } else {
          Object value = id.source.get(result, a0, a1, a2, a3, a4, a5);
          if (value == null) {
            errors.badValue("orderId", Double.NaN);
            return;
          }
          Object object = IdSource.objectId(value);
          lifecycle.filled(object == null ? IdSource.longId(value) : 0L, object, startNanos, isComplete);
        }
      } catch (Throwable t) {
        errors.failure(t);
      }
    }
  }
}
