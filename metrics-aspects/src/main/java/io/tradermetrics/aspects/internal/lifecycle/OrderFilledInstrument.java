package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.ValueSource;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;
import org.jspecify.annotations.Nullable;

/**
 * {@link OrderFilled}: after the fill handler returns normally, records the first fill of the order
 * (and, when the fill completes it, the complete fill) in {@code trader_order_fill_latency_seconds}
 * from the start of the send; a complete fill ends the order. Per call: one id read, one boolean
 * read, one lock of the in-flight table, at most two {@code Timer.record}s.
 */
public final class OrderFilledInstrument extends LifecycleInstrument {

  private final OrderIds ids;
  private final ValueSource complete;
  private final io.tradermetrics.aspects.internal.@Nullable LabelTree<String> liquidity;

  private OrderFilledInstrument(OrderLifecycle lifecycle, BindContext ctx, OrderIds ids, ValueSource complete,
      io.tradermetrics.aspects.internal.@Nullable LabelTree<String> liquidity) {
    super(lifecycle, ctx.site());
    this.ids = ids;
    this.complete = complete;
    this.liquidity = liquidity;
  }

  /** The binder of {@link OrderFilled}. */
  public static Instrument bind(BindContext ctx, OrderFilled annotation) {
    OrderLifecycle lifecycle = lifecycleOf(ctx);
    ValueSource complete = io.tradermetrics.aspects.internal.BooleanValue.source(ctx, "complete", annotation.complete(),
        "true when this fill completes the order");
    OrderIds ids = OrderIds.of(ctx, annotation.orderId());
    var liquidity = OrderEventInstrument.endLabel(ctx, io.tradermetrics.catalog.MetricCatalog.ORDER_FILL_LATENCY,
        io.tradermetrics.catalog.MetricCatalog.LIQUIDITY, annotation.liquidity());
    return lifecycle == null ? Instrument.NONE : new OrderFilledInstrument(lifecycle, ctx, ids, complete, liquidity);
  }

  @Override
  protected void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
      @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    if (error != null) {
      return;
    }
    Boolean isComplete = io.tradermetrics.aspects.internal.BooleanValue.read(complete, "complete", site, r, rb, a0, p0,
        a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (isComplete == null) {
      return;
    }
    String label = liquidity == null ? null : liquidity.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    lifecycle.onOrder(Event.FILL, ids, startNanos, null, isComplete, label, site, r, rb, a0, p0, a1, p1, a2, p2, a3,
        p3, a4, p4, a5, p5);
  }
}
