package io.tradermetrics.aspects.internal.lifecycle;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.LabelTree;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link OrderSent}: starts an order's clocks at the start of the send. When the id and labels are
 * read from parameters, the order enters the in-flight table in {@link #start}, before the body, so
 * that an answer handled on another thread before the send returns finds it, and leaves it again if
 * the body throws (it was not sent). When the id or a label is read from the return value, the order
 * enters the table when the method returns, with the start time. Tick-to-trade is recorded when the
 * send returns. Per call: the label lookup, one id read, one lock of the table; no allocation beyond
 * the user's id.
 */
public final class OrderSentInstrument extends LifecycleInstrument {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  public static final List<String> SETTABLE = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);

  private final OrderIds ids;
  private final LabelTree<OrderGroup> labels;
  private final boolean atStart;

  private OrderSentInstrument(OrderLifecycle lifecycle, BindContext ctx, OrderIds ids, LabelTree<OrderGroup> labels) {
    super(lifecycle, ctx.site());
    this.ids = ids;
    this.labels = labels;
    this.atStart = !ids.readsResult() && !labels.readsResult();
  }

  /** The binder of {@link OrderSent}. */
  public static Instrument bind(BindContext ctx, OrderSent annotation) {
    OrderLifecycle lifecycle = lifecycleOf(ctx);
    OrderIds ids = OrderIds.of(ctx, annotation.orderId());
    LabelTree<OrderGroup> labels = ctx.labels(MetricCatalog.ORDER_ACK_LATENCY, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol(),
            MetricCatalog.SIDE, annotation.side()),
        Tags.empty(), tags -> lifecycle == null ? null : lifecycle.group(tags));
    return lifecycle == null ? Instrument.NONE : new OrderSentInstrument(lifecycle, ctx, ids, labels);
  }

  @Override
  protected boolean timesStop() {
    return true;
  }

  @Override
  protected boolean arms() {
    return atStart;
  }

  /** With the id and labels from parameters: enters the order; whether it entered. */
  @Override
  protected boolean start(long startNanos, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    if (!atStart) {
      return true;
    }
    return enter(startNanos, null, 0L, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
  }

  @Override
  protected void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
      @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    if (error != null) {
      if (atStart && armed) {
        lifecycle.onOrder(Event.UNSENT, ids, startNanos, null, false, site, null, 0L,
            a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      }
      return;
    }
    if (!atStart) {
      enter(startNanos, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    }
    lifecycle.tickToTrade(stopNanos);
  }

  private boolean enter(long sentAtNanos, @Nullable Object r, long rb, @Nullable Object a0, long p0,
      @Nullable Object a1, long p1, @Nullable Object a2, long p2, @Nullable Object a3, long p3,
      @Nullable Object a4, long p4, @Nullable Object a5, long p5) throws Throwable {
    OrderGroup group = labels.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    return group != null && lifecycle.onOrder(Event.SENT, ids, sentAtNanos, group, false, site,
        r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
  }
}
