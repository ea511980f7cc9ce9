package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;
import org.jspecify.annotations.Nullable;

/**
 * What the instruments of the venue's answers share ({@link OrderAckedInstrument},
 * {@link OrderRejectedInstrument}, {@link OrderCancelledInstrument}, {@link OrderExpiredInstrument}):
 * after a handler returns normally, the order of the id read from the call meets its event at the
 * time the handler started. Per call: one id read, one lock of the in-flight table, at most one
 * {@code Timer.record}; no allocation beyond what the user's id costs.
 */
abstract class OrderEventInstrument extends LifecycleInstrument {

  private final Event event;
  private final OrderIds ids;

  OrderEventInstrument(OrderLifecycle lifecycle, BindContext ctx, Event event, OrderIds ids) {
    super(lifecycle, ctx.site());
    this.event = event;
    this.ids = ids;
  }

  /** Binds one of the answers, or {@link Instrument#NONE} without a lifecycle. */
  interface Factory {
    Instrument create(OrderLifecycle lifecycle, BindContext ctx, OrderIds ids);
  }

  static Instrument bind(BindContext ctx, String orderId, Factory factory) {
    OrderLifecycle lifecycle = lifecycleOf(ctx);
    OrderIds ids = OrderIds.of(ctx, orderId);
    return lifecycle == null ? Instrument.NONE : factory.create(lifecycle, ctx, ids);
  }

  @Override
  protected void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
      @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    if (error == null) {
      lifecycle.onOrder(event, ids, startNanos, null, false, site, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    }
  }
}
