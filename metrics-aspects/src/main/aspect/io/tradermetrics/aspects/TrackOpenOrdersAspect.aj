package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Sets the open-orders gauge at methods annotated with {@link TrackOpenOrders}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 */
public aspect TrackOpenOrdersAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@TrackOpenOrders * *(..)) || execution(@(@TrackOpenOrders *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.TRACK_OPEN_ORDERS, joinPoint);
  }
}
