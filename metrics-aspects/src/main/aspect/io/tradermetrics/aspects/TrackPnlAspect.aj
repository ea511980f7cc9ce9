package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Sets the realized and unrealized PnL gauges at methods annotated with {@link TrackPnl}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 *
 * <p>{@code declare error}s reject at compile time a direct {@code @TrackPnl} with neither
 * expression, or reading {@code result} on a {@code void} method; other problems (paths, types, and
 * composed annotations) are checked when the join point is bound.
 */
public aspect TrackPnlAspect extends InstrumentAspect {

  /** Compile-time check: neither PnL expression given. */
  declare error: execution(@TrackPnl(realized = "", unrealized = "") * *(..)):
      "@TrackPnl gives neither attribute 'realized' nor 'unrealized': give at least one expression, "
      + "e.g. realized = \"result.realized\", unrealized = \"result.unrealized\"";

  /** Compile-time check: a PnL read from the return value of a method that returns nothing. */
  declare error: execution(@TrackPnl(realized = "result") void *(..)) || execution(@TrackPnl(unrealized = "result") void *(..)):
      "@TrackPnl reads a PnL from 'result', but the method returns void: return it, or use a parameter expression, e.g. realized = \"#1\"";

  protected pointcut instrumented():
      (execution(@TrackPnl * *(..)) || execution(@(@TrackPnl *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.TRACK_PNL, joinPoint);
  }
}
