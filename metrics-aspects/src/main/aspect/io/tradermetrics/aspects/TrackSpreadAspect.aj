package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TrackSpread;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Records the bid/ask spread at methods annotated with {@link TrackSpread}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 */
public aspect TrackSpreadAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@TrackSpread * *(..)) || execution(@(@TrackSpread *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.TRACK_SPREAD, joinPoint);
  }
}
