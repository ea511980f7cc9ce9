package io.tradermetrics.aspects;

import io.tradermetrics.annotation.MeasureSlippage;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Observes execution slippage at methods annotated with {@link MeasureSlippage}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 */
public aspect MeasureSlippageAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@MeasureSlippage * *(..)) || execution(@(@MeasureSlippage *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.MEASURE_SLIPPAGE, joinPoint);
  }
}
