package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountQuote;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Counts quotes at methods annotated with {@link CountQuote}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 */
public aspect CountQuoteAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@CountQuote * *(..)) || execution(@(@CountQuote *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.COUNT_QUOTE, joinPoint);
  }
}
