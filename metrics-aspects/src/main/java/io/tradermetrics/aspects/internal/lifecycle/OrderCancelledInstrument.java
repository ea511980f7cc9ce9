package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;

/** {@link OrderCancelled}: the order was cancel confirmed by the venue: records {@code trader_order_cancel_latency_seconds{outcome="cancelled"}} from the cancel request (or the send, for an unsolicited cancel) and ends the order; see {@link OrderEventInstrument}. */
public final class OrderCancelledInstrument extends OrderEventInstrument {

  private OrderCancelledInstrument(OrderLifecycle lifecycle, BindContext ctx, OrderIds ids) {
    super(lifecycle, ctx, Event.CANCEL, ids);
  }

  /** The binder of {@link OrderCancelled}. */
  public static Instrument bind(BindContext ctx, OrderCancelled annotation) {
    return bind(ctx, annotation.orderId(), OrderCancelledInstrument::new);
  }
}
