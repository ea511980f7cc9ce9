package io.tradermetrics.aspects.internal;

import io.tradermetrics.aspects.internal.OrderLifecycle.OrderGroup;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.tradermetrics.annotation.OrderSent}: starts an order's clock at the start of the send.
 * When the id and labels are read from parameters, the order enters the in-flight table in
 * {@link #begin}, before the body, so that an answer handled on another thread before the send
 * returns finds it, and leaves it again in {@link #failed} if the body throws. When the id is read
 * from the return value, the order enters the table in {@link #end}, with the start time. Per call:
 * two clock reads, the label lookup, one id read, one lock of the table; no allocation beyond the
 * user's id. Never throws.
 */
public final class SentInstrument {

  /** The bit of {@link #mask()} that asks for the return value. */
  public static final int RESULT = Instrument.RESULT;
  /** What {@link #begin} returns when it did not put the order in the table. */
  private static final long NOT_ENTERED = Long.MIN_VALUE;

  static final SentInstrument NOOP = new SentInstrument(null, null, null, null);

  private final @Nullable OrderLifecycle lifecycle;
  private final @Nullable IdSource id;
  private final @Nullable LabelTree<OrderGroup> labels;
  private final InstrumentationErrors.@Nullable Site errors;
  private final boolean atStart;
  private final int mask;

  SentInstrument(@Nullable OrderLifecycle lifecycle, @Nullable IdSource id, @Nullable LabelTree<OrderGroup> labels,
      InstrumentationErrors.@Nullable Site errors) {
    this.lifecycle = lifecycle;
    this.id = id;
    this.labels = labels;
    this.errors = errors;
    this.mask = id == null || labels == null ? 0 : id.mask() | labels.mask();
    this.atStart = (mask & RESULT) == 0;
  }

  /** Which arguments (bit i for slot i) and whether the result ({@link #RESULT}) the instrument reads. */
  public int mask() {
    return mask;
  }

  /**
   * Before the body: reads the clock and, when everything comes from parameters, enters the order.
   *
   * @return the start time in nanoseconds, or {@code Long.MIN_VALUE} when the order was read at start
   *     but did not enter the table (a duplicate, a missing id, a failure)
   */
  public long begin(@Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    if (lifecycle == null) {
      return NOT_ENTERED;
    }
    long now = lifecycle.clock.monotonicTime();
    if (!atStart) {
      return now;
    }
    return enter(now, null, a0, a1, a2, a3, a4, a5) ? now : NOT_ENTERED;
  }

  /** After a normal return: enters the order now if its id is the result, and records tick-to-trade. */
  public void end(long startNanos, @Nullable Object result, @Nullable Object a0, @Nullable Object a1,
      @Nullable Object a2, @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    OrderLifecycle l = lifecycle;
    if (l == null || errors == null) {
      return;
    }
    try {
      if (!atStart) {
        enter(startNanos, result, a0, a1, a2, a3, a4, a5);
      }
      l.tickToTrade(l.clock.monotonicTime());
    } catch (Throwable t) {
      errors.failure(t);
    }
  }

  /** After the body threw: an order entered at the start leaves the table again. */
  public void failed(long startNanos, @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    OrderLifecycle l = lifecycle;
    IdSource source = id;
    if (l == null || source == null || errors == null || !atStart || startNanos == NOT_ENTERED) {
      return;
    }
    try {
      if (source.longId) {
        l.unsent(source.source.getLong(null, a0, a1, a2, a3, a4, a5), null, startNanos);
      } else {
        Object value = source.source.get(null, a0, a1, a2, a3, a4, a5);
        Object object = IdSource.objectId(value);
        if (value != null) {
          l.unsent(object == null ? IdSource.longId(value) : 0L, object, startNanos);
        }
      }
    } catch (Throwable t) {
      errors.failure(t);
    }
  }

  private boolean enter(long sentAtNanos, @Nullable Object result, @Nullable Object a0, @Nullable Object a1,
      @Nullable Object a2, @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    OrderLifecycle l = lifecycle;
    IdSource source = id;
    if (l == null || source == null || labels == null || errors == null) {
      return false;
    }
    try {
      OrderGroup group = labels.leaf(result, a0, a1, a2, a3, a4, a5);
      if (source.longId) {
        long value = source.source.getLong(result, a0, a1, a2, a3, a4, a5);
        if (value == ValueSource.ABSENT_LONG) {
          errors.badValue("orderId", Double.NaN);
          return false;
        }
        return l.sent(value, null, sentAtNanos, group);
      }
      Object value = source.source.get(result, a0, a1, a2, a3, a4, a5);
      if (value == null) {
        errors.badValue("orderId", Double.NaN);
        return false;
      }
      Object object = IdSource.objectId(value);
      return l.sent(object == null ? IdSource.longId(value) : 0L, object, sentAtNanos, group);
    } catch (Throwable t) {
      errors.failure(t);
      return false;
    }
  }
}
