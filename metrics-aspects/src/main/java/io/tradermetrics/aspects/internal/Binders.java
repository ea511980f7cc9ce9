package io.tradermetrics.aspects.internal;

import io.tradermetrics.annotation.CancelSent;
import io.tradermetrics.annotation.CountEvent;
import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.CountOpportunity;
import io.tradermetrics.annotation.CountOrder;
import io.tradermetrics.annotation.CountQuote;
import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.annotation.MeasureSlippage;
import io.tradermetrics.annotation.OrderAcked;
import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.annotation.OrderExpired;
import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.annotation.TimedCall;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.annotation.TrackPosition;
import io.tradermetrics.annotation.TrackSpread;
import io.tradermetrics.annotation.VenueConnection;
import io.tradermetrics.aspects.internal.lifecycle.CancelSentInstrument;
import io.tradermetrics.aspects.internal.lifecycle.MarketDataTickInstrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderAckedInstrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderCancelledInstrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderExpiredInstrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderFilledInstrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderRejectedInstrument;
import io.tradermetrics.aspects.internal.lifecycle.OrderSentInstrument;
import java.lang.annotation.Annotation;
import java.util.List;

/**
 * The binder table: every tradermetrics annotation and the binder that turns it into an
 * instrument, in the declared order in which the instruments of one method run. Weaving, the Guice
 * fallback and validation all go through this table; a new annotation is one entry here, one
 * instrument class and one line of {@code TraderMetricsPointcuts}.
 *
 * <p><b>Order.</b> Before the body the instruments start in this order, after it they stop in the
 * reverse order, so an earlier entry wraps a later one (docs/annotations.md): alerts outermost,
 * so that they see the outcome every other annotation recorded; then the timers; then the tick and
 * the order lifecycle; then the counters; then the gauges and distributions. The clock is read once
 * before the first start and once after the body, so every timer of a join point measures the same
 * interval: the body and the starts of the instruments after it, none of their stops.
 *
 * <p><b>Labels.</b> Each entry names the {@code @Label} keys its annotation takes; a {@code @Label}
 * on a method applies to each of the method's annotations that takes its key, and a key none of them
 * takes is an error of the join point.
 */
public final class Binders {

  /** The table, in the declared order. */
  public static final List<Binder<? extends Annotation>> ALL = List.of(
      Binder.of(RaiseAlert.class, RaiseAlertInstrument::bind).labels(a -> null),
      Binder.onMethodOrClass(TimedCall.class, TimedCallInstrument::bind),
      Binder.of(TimedOrder.class, TimedOrderInstrument::bind).labels(TimedOrderInstrument.SETTABLE),
      Binder.of(MarketDataTick.class, MarketDataTickInstrument::bind).labels(MarketDataTickInstrument.SETTABLE),
      Binder.of(OrderSent.class, OrderSentInstrument::bind).labels(OrderSentInstrument.SETTABLE),
      Binder.of(CancelSent.class, CancelSentInstrument::bind),
      Binder.of(OrderAcked.class, OrderAckedInstrument::bind),
      Binder.of(OrderRejected.class, OrderRejectedInstrument::bind),
      Binder.of(OrderFilled.class, OrderFilledInstrument::bind),
      Binder.of(OrderCancelled.class, OrderCancelledInstrument::bind),
      Binder.of(OrderExpired.class, OrderExpiredInstrument::bind),
      Binder.of(CountOrder.class, CountOrderInstrument::bind).labels(CountOrderInstrument.SETTABLE),
      Binder.of(CountFill.class, CountFillInstrument::bind).labels(CountFillInstrument.SETTABLE),
      Binder.of(CountQuote.class, CountQuoteInstrument::bind).labels(CountQuoteInstrument.SETTABLE),
      Binder.of(CountEvent.class, CountEventInstrument::bind).labels(CountEventInstrument::labelKeys),
      Binder.of(CountOpportunity.class, CountOpportunityInstrument::bind).labels(CountOpportunityInstrument.SETTABLE),
      Binder.of(TrackPosition.class, TrackPositionInstrument::bind).labels(TrackPositionInstrument.SETTABLE),
      Binder.of(TrackOpenOrders.class, TrackOpenOrdersInstrument::bind).labels(TrackOpenOrdersInstrument.SETTABLE),
      Binder.of(TrackPnl.class, TrackPnlInstrument::bind).labels(TrackPnlInstrument.SETTABLE),
      Binder.of(TrackSpread.class, TrackSpreadInstrument::bind).labels(TrackSpreadInstrument.SETTABLE),
      Binder.of(VenueConnection.class, VenueConnectionInstrument::bind).labels(VenueConnectionInstrument.SETTABLE),
      Binder.of(MeasureSlippage.class, MeasureSlippageInstrument::bind).labels(MeasureSlippageInstrument.SETTABLE));

  private Binders() {}
}
