package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TimedCall;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import org.aspectj.lang.JoinPoint;

/**
 * Times calls annotated with {@link TimedCall}: on the method, on its class (every public method
 * the class declares), or through a composed annotation that carries it. A method matched both
 * ways is advised once. Woven at compile time; see {@link InstrumentAspect} for the thread,
 * allocation and error behaviour of the advice.
 */
public aspect TimedCallAspect extends InstrumentAspect {

  protected pointcut instrumented():
      (execution(@TimedCall * *(..)) || execution(@(@TimedCall *) * *(..))
          || execution(public * (@TimedCall *).*(..)) || execution(public * (@(@TimedCall *) *).*(..)))
      && !within(InstrumentAspect+);

  protected Instrument instrument(JoinPoint.StaticPart joinPoint) {
    return Engine.current().instrument(Engine.Kind.TIMED_CALL, joinPoint);
  }
}
