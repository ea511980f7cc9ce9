package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TrackPosition;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Sets the position gauge at methods annotated with {@link TrackPosition}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 *
 * <p>A {@code declare error} rejects at compile time a direct {@code @TrackPosition} whose value is
 * read from the return value of a {@code void} method; composed annotations are checked when the
 * join point is bound.
 */
public aspect TrackPositionAspect extends InstrumentAspect {

  /** Compile-time check: the default {@code value = "result"} on a method that returns nothing. */
  declare error: execution(@TrackPosition(value = "result") void *(..)):
      "@TrackPosition reads the position from 'result' (the default of attribute 'value'), but the method returns void: "
      + "return the new position, or set value to a parameter expression, e.g. value = \"#0\" or value = \"book.position\"";

  protected pointcut instrumented():
      (execution(@TrackPosition * *(..)) || execution(@(@TrackPosition *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.TRACK_POSITION, joinPoint);
  }
}
