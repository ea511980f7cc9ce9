package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CancelSent;
import io.tradermetrics.annotation.OrderAcked;
import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.annotation.OrderExpired;
import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.OrderLifecycle;
import org.aspectj.lang.JoinPoint;

/**
 * Follows orders across methods: {@link OrderSent} starts an order's clock ({@link OrderSentAspect}),
 * {@link CancelSent} remembers its cancel request ({@link CancelSentAspect}), {@link OrderAcked}, {@link OrderRejected}, {@link OrderFilled},
 * {@link OrderCancelled} and {@link OrderExpired} stop its clocks, directly or through a composed
 * annotation that carries them. The orders in flight are held in one table per bound registry
 * ({@code OrderLifecycle}), which any thread may reach: typically one thread sends and another
 * receives the venue's messages.
 *
 * <p>Woven at compile time; see {@link InstrumentAspect} for the thread, allocation and error
 * behaviour of the advice. In addition, each execution takes the in-flight table's lock once (a spin
 * lock held for tens of nanoseconds) and records its timers outside it.
 */
public aspect OrderLifecycleAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@OrderAcked * *(..)) || execution(@(@OrderAcked *) * *(..))
          || execution(@OrderRejected * *(..)) || execution(@(@OrderRejected *) * *(..))
          || execution(@OrderFilled * *(..)) || execution(@(@OrderFilled *) * *(..))
          || execution(@OrderCancelled * *(..)) || execution(@(@OrderCancelled *) * *(..))
          || execution(@OrderExpired * *(..)) || execution(@(@OrderExpired *) * *(..)))
      && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return OrderLifecycle.instrument(joinPoint);
  }
}
