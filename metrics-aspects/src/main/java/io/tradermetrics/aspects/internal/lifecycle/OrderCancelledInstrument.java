package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;

/** {@link OrderCancelled}: the order was cancel confirmed by the venue: records {@code trader_order_cancel_latency_seconds{outcome="cancelled"}} from the cancel request (or the send, for an unsolicited cancel) and ends the order; see {@link OrderEventInstrument}. */
public final class OrderCancelledInstrument extends OrderEventInstrument {

  private OrderCancelledInstrument(OrderLifecycle lifecycle, BindContext ctx, OrderIds ids,
      io.tradermetrics.aspects.internal.@org.jspecify.annotations.Nullable LabelTree<String> reason) {
    super(lifecycle, ctx, Event.CANCEL, ids, reason);
  }

  /** The binder of {@link OrderCancelled}. */
  public static Instrument bind(BindContext ctx, OrderCancelled annotation) {
    var reason = endLabel(ctx, io.tradermetrics.catalog.MetricCatalog.ORDER_CANCEL_LATENCY,
        io.tradermetrics.catalog.MetricCatalog.REASON, annotation.reason());
    return bind(ctx, annotation.orderId(), (lifecycle, c, ids) -> new OrderCancelledInstrument(lifecycle, c, ids, reason));
  }
}
