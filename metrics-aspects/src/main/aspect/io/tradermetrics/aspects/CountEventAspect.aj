package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountEvent;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Counts named events at methods annotated with {@link CountEvent}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 */
public aspect CountEventAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@CountEvent * *(..)) || execution(@(@CountEvent *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.COUNT_EVENT, joinPoint);
  }
}
