package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.annotation.CancelSent;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;
import org.jspecify.annotations.Nullable;

/**
 * {@link CancelSent}: remembers the time of an order's cancel request when the request method
 * starts, before its body, so that a confirmation handled on another thread before the request
 * returns is timed from it. The id must come from a parameter. Per call: one id read, one lock of
 * the in-flight table; no allocation beyond the user's id.
 */
public final class CancelSentInstrument extends LifecycleInstrument {

  private final OrderIds ids;

  private CancelSentInstrument(OrderLifecycle lifecycle, BindContext ctx, OrderIds ids) {
    super(lifecycle, ctx.site());
    this.ids = ids;
  }

  /** The binder of {@link CancelSent}. */
  public static Instrument bind(BindContext ctx, CancelSent annotation) {
    OrderLifecycle lifecycle = lifecycleOf(ctx);
    OrderIds ids = OrderIds.of(ctx, annotation.orderId());
    if (ids.readsResult()) {
      throw ctx.error("orderId", "'" + annotation.orderId() + "' reads the return value; a cancel request is "
          + "remembered when the method starts, so read the id from a parameter, e.g. orderId = \"#0\"");
    }
    return lifecycle == null ? Instrument.NONE : new CancelSentInstrument(lifecycle, ctx, ids);
  }

  @Override
  protected boolean start(long startNanos, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    lifecycle.onOrder(Event.CANCEL_SENT, ids, startNanos, null, false, site, null, 0L,
        a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    return true;
  }

  @Override
  protected void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
      @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) {
    // recorded at the start
  }
}
