package io.tradermetrics.aspects;

import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Raises event alerts from methods annotated with {@link RaiseAlert} (directly or through a
 * composed annotation), when a call meets the annotation's {@code when}: the alert is logged,
 * counted and queued for Alertmanager by {@link Alerts#raise}, which never blocks or throws. Woven
 * at compile time; see {@link InstrumentAspect} for the thread, allocation and error behaviour of
 * the advice. A call that raises nothing allocates nothing.
 */
public aspect RaiseAlertAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@RaiseAlert * *(..)) || execution(@(@RaiseAlert *) * *(..))) && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.RAISE_ALERT, joinPoint);
  }
}
