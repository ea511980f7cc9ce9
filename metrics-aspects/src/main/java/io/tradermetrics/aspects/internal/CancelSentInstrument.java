package io.tradermetrics.aspects.internal;

import io.tradermetrics.aspects.internal.OrderLifecycle.Event;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.tradermetrics.annotation.CancelSent}: remembers the time of an order's cancel request
 * when the request method starts. Per call: one clock read, one id read, one lock of the in-flight
 * table; no allocation beyond the user's id. Never throws.
 */
public final class CancelSentInstrument {

  static final CancelSentInstrument NOOP = new CancelSentInstrument(null, null, null);

  private final @Nullable OrderLifecycle lifecycle;
  private final @Nullable IdSource id;
  private final InstrumentationErrors.@Nullable Site errors;

  CancelSentInstrument(@Nullable OrderLifecycle lifecycle, @Nullable IdSource id,
      InstrumentationErrors.@Nullable Site errors) {
    this.lifecycle = lifecycle;
    this.id = id;
    this.errors = errors;
  }

  /** Which arguments the instrument reads: bit i for slot i. */
  public int mask() {
    return id == null ? 0 : id.mask();
  }

  /** Before the request method's body, with its first six arguments. */
  public void requested(@Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    OrderLifecycle l = lifecycle;
    IdSource source = id;
    if (l == null || source == null || errors == null) {
      return;
    }
    try {
      long now = l.clock.monotonicTime();
      if (source.longId) {
        long value = source.source.getLong(null, a0, a1, a2, a3, a4, a5);
        if (value == ValueSource.ABSENT_LONG) {
          errors.badValue("orderId", Double.NaN);
          return;
        }
        l.event(Event.CANCEL_SENT, value, null, now);
      } else {
        Object value = source.source.get(null, a0, a1, a2, a3, a4, a5);
        if (value == null) {
          errors.badValue("orderId", Double.NaN);
          return;
        }
        Object object = IdSource.objectId(value);
        l.event(Event.CANCEL_SENT, object == null ? IdSource.longId(value) : 0L, object, now);
      }
    } catch (Throwable t) {
      errors.failure(t);
    }
  }
}
