package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.annotation.OrderAcked;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;

/** {@link OrderAcked}: the order was acknowledged by the venue: records {@code trader_order_ack_latency_seconds{outcome="ack"}} from the start of the send; see {@link OrderEventInstrument}. */
public final class OrderAckedInstrument extends OrderEventInstrument {

  private OrderAckedInstrument(OrderLifecycle lifecycle, BindContext ctx, OrderIds ids) {
    super(lifecycle, ctx, Event.ACK, ids);
  }

  /** The binder of {@link OrderAcked}. */
  public static Instrument bind(BindContext ctx, OrderAcked annotation) {
    return bind(ctx, annotation.orderId(), OrderAckedInstrument::new);
  }
}
