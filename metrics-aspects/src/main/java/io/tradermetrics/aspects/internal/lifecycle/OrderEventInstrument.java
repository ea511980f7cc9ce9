package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.aspects.internal.BindContext;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.LabelTree;
import io.tradermetrics.aspects.internal.Markouts;
import io.tradermetrics.aspects.internal.ValueSource;
import io.tradermetrics.catalog.MetricDefinition;
import java.util.List;
import java.util.Map;
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
  private final @Nullable LabelTree<String> endLabel;

  OrderEventInstrument(OrderLifecycle lifecycle, BindContext ctx, Event event, OrderIds ids) {
    this(lifecycle, ctx, event, ids, null);
  }

  OrderEventInstrument(OrderLifecycle lifecycle, BindContext ctx, Event event, OrderIds ids,
      @Nullable LabelTree<String> endLabel) {
    super(lifecycle, ctx.site());
    this.event = event;
    this.ids = ids;
    this.endLabel = endLabel;
  }

  /**
   * The tree of an end label read from the end point's own attribute ({@code reason},
   * {@code liquidity}): its leaf is the rendered value, bounded by the label's cardinality guard;
   * null when the attribute is empty.
   */
  static @Nullable LabelTree<String> endLabel(BindContext ctx, MetricDefinition definition, String key,
      String expression) {
    if (expression.isBlank()) {
      return null;
    }
    ValueSource source = ctx.source(key, expression);
    return ctx.labels(definition, List.of(key), Map.of(), Tags.empty(), tags -> Markouts.value(tags, key),
        Map.of(key, source), false);
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
      String label = endLabel == null ? null : endLabel.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      lifecycle.onOrder(event, ids, startNanos, null, false, label, site, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4,
          p4, a5, p5);
    }
  }
}
