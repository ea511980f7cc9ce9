package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TrackPosition;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Sets the position gauge at methods annotated with {@link TrackPosition}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 */
public aspect TrackPositionAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@TrackPosition * *(..)) || execution(@(@TrackPosition *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.TRACK_POSITION, joinPoint);
  }
}
