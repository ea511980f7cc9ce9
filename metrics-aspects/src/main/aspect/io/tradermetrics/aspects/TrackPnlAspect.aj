package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Sets the realized and unrealized PnL gauges at methods annotated with {@link TrackPnl}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 */
public aspect TrackPnlAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@TrackPnl * *(..)) || execution(@(@TrackPnl *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.TRACK_PNL, joinPoint);
  }
}
