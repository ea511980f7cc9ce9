package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Counts fills at methods annotated with {@link CountFill}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 */
public aspect CountFillAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@CountFill * *(..)) || execution(@(@CountFill *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.COUNT_FILL, joinPoint);
  }
}
