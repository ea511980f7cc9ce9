package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.annotation.OrderExpired;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;

/** {@link OrderExpired}: the order was expired at the venue: records {@code trader_order_cancel_latency_seconds{outcome="expired"}} and ends the order; see {@link OrderEventInstrument}. */
public final class OrderExpiredInstrument extends OrderEventInstrument {

  private OrderExpiredInstrument(OrderLifecycle lifecycle, BindContext ctx, OrderIds ids) {
    super(lifecycle, ctx, Event.EXPIRE, ids);
  }

  /** The binder of {@link OrderExpired}. */
  public static Instrument bind(BindContext ctx, OrderExpired annotation) {
    return bind(ctx, annotation.orderId(), OrderExpiredInstrument::new);
  }
}
