package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;

/** {@link OrderRejected}: the order was rejected by the venue: records {@code trader_order_ack_latency_seconds{outcome="rejected"}} and ends the order; see {@link OrderEventInstrument}. */
public final class OrderRejectedInstrument extends OrderEventInstrument {

  private OrderRejectedInstrument(OrderLifecycle lifecycle, BindContext ctx, OrderIds ids) {
    super(lifecycle, ctx, Event.REJECT, ids);
  }

  /** The binder of {@link OrderRejected}. */
  public static Instrument bind(BindContext ctx, OrderRejected annotation) {
    return bind(ctx, annotation.orderId(), OrderRejectedInstrument::new);
  }
}
