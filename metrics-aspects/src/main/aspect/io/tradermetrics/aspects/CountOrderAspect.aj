package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountOrder;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Counts orders at methods annotated with {@link CountOrder}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 */
public aspect CountOrderAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@CountOrder * *(..)) || execution(@(@CountOrder *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.COUNT_ORDER, joinPoint);
  }
}
