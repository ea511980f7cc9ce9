package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;

/** {@link OrderRejected}: the order was rejected by the venue: records {@code trader_order_ack_latency_seconds{outcome="rejected"}} and ends the order; see {@link OrderEventInstrument}. */
public final class OrderRejectedInstrument extends OrderEventInstrument {

  private OrderRejectedInstrument(OrderLifecycle lifecycle, BindContext ctx, OrderIds ids,
      io.tradermetrics.aspects.internal.@org.jspecify.annotations.Nullable LabelTree<String> reason) {
    super(lifecycle, ctx, Event.REJECT, ids, reason);
  }

  /** The binder of {@link OrderRejected}. */
  public static Instrument bind(BindContext ctx, OrderRejected annotation) {
    var reason = endLabel(ctx, io.tradermetrics.catalog.MetricCatalog.ORDER_ACK_LATENCY,
        io.tradermetrics.catalog.MetricCatalog.REASON, annotation.reason());
    return bind(ctx, annotation.orderId(), (lifecycle, c, ids) -> new OrderRejectedInstrument(lifecycle, c, ids, reason));
  }
}
