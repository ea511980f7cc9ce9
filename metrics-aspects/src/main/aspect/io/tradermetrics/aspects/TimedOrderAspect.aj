package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Times order methods annotated with {@link TimedOrder}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 */
public aspect TimedOrderAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@TimedOrder * *(..)) || execution(@(@TimedOrder *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.TIMED_ORDER, joinPoint);
  }
}
