package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Sets the open-orders gauge at methods annotated with {@link TrackOpenOrders}, directly or through a
 * composed annotation that carries it. Woven at compile time; see {@link InstrumentAspect} for
 * the thread, allocation and error behaviour of the advice.
 *
 * <p>A {@code declare error} rejects at compile time a direct {@code @TrackOpenOrders} whose value
 * is read from the return value of a {@code void} method; composed annotations are checked when
 * the join point is bound.
 */
public aspect TrackOpenOrdersAspect extends InstrumentAspect {

  /** Compile-time check: the default {@code value = "result"} on a method that returns nothing. */
  declare error: execution(@TrackOpenOrders(value = "result") void *(..)):
      "@TrackOpenOrders reads the open-order count from 'result' (the default of attribute 'value'), but the method returns void: "
      + "return the count, or set value to a parameter expression, e.g. value = \"#0\" or value = \"book.liveOrders\"";

  protected pointcut instrumented():
      (execution(@TrackOpenOrders * *(..)) || execution(@(@TrackOpenOrders *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.TRACK_OPEN_ORDERS, joinPoint);
  }
}
