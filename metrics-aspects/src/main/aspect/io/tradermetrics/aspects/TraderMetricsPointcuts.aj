package io.tradermetrics.aspects;

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

/**
 * Which method executions tradermetrics advises, and the checks ajc can make at compile time.
 *
 * <p>{@link #instrumented()} matches every method execution that carries at least one of the twenty
 * tradermetrics annotations, directly or through a composed annotation that carries it, and the
 * public methods of a class annotated with {@link TimedCall}. The one concrete aspect,
 * {@code TraderMetricsAspect}, gives each such execution exactly one advice, whatever the number of
 * annotations on the method; the engine runs the annotations of a method in one declared order
 * (see {@code docs/annotations.md}).
 *
 * <p>The {@code declare error}s reject at compile time what can be seen from a directly placed
 * annotation's attribute values; everything else (paths, types, composed annotations) is checked
 * when the join point is bound or validated, with the same messages.
 */
public abstract aspect TraderMetricsPointcuts {

  /** Every method execution that carries a tradermetrics annotation. */
  public pointcut instrumented():
      (execution(@TimedOrder * *(..)) || execution(@(@TimedOrder *) * *(..))
          || execution(@TimedCall * *(..)) || execution(@(@TimedCall *) * *(..))
          || execution(public * (@TimedCall *).*(..)) || execution(public * (@(@TimedCall *) *).*(..))
          || execution(@CountOrder * *(..)) || execution(@(@CountOrder *) * *(..))
          || execution(@CountFill * *(..)) || execution(@(@CountFill *) * *(..))
          || execution(@CountQuote * *(..)) || execution(@(@CountQuote *) * *(..))
          || execution(@CountEvent * *(..)) || execution(@(@CountEvent *) * *(..))
          || execution(@CountOpportunity * *(..)) || execution(@(@CountOpportunity *) * *(..))
          || execution(@TrackPosition * *(..)) || execution(@(@TrackPosition *) * *(..))
          || execution(@TrackOpenOrders * *(..)) || execution(@(@TrackOpenOrders *) * *(..))
          || execution(@TrackPnl * *(..)) || execution(@(@TrackPnl *) * *(..))
          || execution(@TrackSpread * *(..)) || execution(@(@TrackSpread *) * *(..))
          || execution(@MeasureSlippage * *(..)) || execution(@(@MeasureSlippage *) * *(..))
          || execution(@VenueConnection * *(..)) || execution(@(@VenueConnection *) * *(..))
          || execution(@RaiseAlert * *(..)) || execution(@(@RaiseAlert *) * *(..))
          || execution(@MarketDataTick * *(..)) || execution(@(@MarketDataTick *) * *(..))
          || execution(@OrderSent * *(..)) || execution(@(@OrderSent *) * *(..))
          || execution(@CancelSent * *(..)) || execution(@(@CancelSent *) * *(..))
          || execution(@OrderAcked * *(..)) || execution(@(@OrderAcked *) * *(..))
          || execution(@OrderRejected * *(..)) || execution(@(@OrderRejected *) * *(..))
          || execution(@OrderFilled * *(..)) || execution(@(@OrderFilled *) * *(..))
          || execution(@OrderCancelled * *(..)) || execution(@(@OrderCancelled *) * *(..))
          || execution(@OrderExpired * *(..)) || execution(@(@OrderExpired *) * *(..)))
      && !within(TraderMetricsPointcuts+) && !execution(@GeneratedAdvice * *(..));

  /** Compile-time check: the default {@code value = "result"} on a method that returns nothing. */
  declare error: execution(@TrackPosition(value = "result") void *(..)):
      "@TrackPosition reads the position from 'result' (the default of attribute 'value'), but the method returns void: "
      + "return the new position, or set value to a parameter expression, e.g. value = \"#0\" or value = \"book.position\"";

  /** Compile-time check: the default {@code value = "result"} on a method that returns nothing. */
  declare error: execution(@TrackOpenOrders(value = "result") void *(..)):
      "@TrackOpenOrders reads the open-order count from 'result' (the default of attribute 'value'), but the method returns void: "
      + "return the count, or set value to a parameter expression, e.g. value = \"#0\" or value = \"book.liveOrders\"";

  /** Compile-time check: neither PnL expression given. */
  declare error: execution(@TrackPnl(realized = "", unrealized = "") * *(..)):
      "@TrackPnl gives neither attribute 'realized' nor 'unrealized': give at least one expression, "
      + "e.g. realized = \"result.realized\", unrealized = \"result.unrealized\"";

  /** Compile-time check: a PnL read from the return value of a method that returns nothing. */
  declare error: execution(@TrackPnl(realized = "result") void *(..)) || execution(@TrackPnl(unrealized = "result") void *(..)):
      "@TrackPnl reads a PnL from 'result', but the method returns void: return it, or use a parameter expression, e.g. realized = \"#1\"";
}
