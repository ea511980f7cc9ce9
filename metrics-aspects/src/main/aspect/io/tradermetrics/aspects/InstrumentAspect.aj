package io.tradermetrics.aspects;

import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.Rethrow;
import org.aspectj.lang.JoinPoint;

/**
 * The advice every tradermetrics aspect shares: around an annotated method execution, ask the
 * join point's {@link Instrument} (bound once, then cached) for a start time, run the method, and
 * hand the instrument the outcome, and those of the return value and the first six arguments
 * that it reads ({@link Instrument#mask()}).
 *
 * <p>One advice per arity (0 to 5 parameters, and 6 or more), each binding the arguments as plain
 * {@code Object}s with {@code args(..)}, so that ajc inlines the advice into the woven class
 * with no {@code JoinPoint} object, no closure and no argument array. Primitive arguments are
 * boxed by ajc and unboxed again for the method body; the JIT removes those boxes when the
 * instrument is inlined (measured in {@code benchmarks}).
 *
 * <p><b>Thread:</b> the advice runs on the caller's thread, inside the caller's call. <b>On
 * error:</b> the method's own exception is handed to the instrument and rethrown unchanged; the
 * instrument never throws (failures are counted and logged). <b>Allocation:</b> none in steady
 * state; the first call of a join point binds its instrument, and the first call with a new label
 * combination registers its meters.
 */
public abstract aspect InstrumentAspect {

  /** The annotated method executions this aspect advises. */
  protected abstract pointcut instrumented();

  /**
   * The instrument of one join point.
   *
   * @param joinPoint the static part of the join point, a per-join-point constant
   * @return the instrument, never null
   */
  protected abstract Instrument instrument(JoinPoint.StaticPart joinPoint);

  Object around(): instrumented() && args() {
    Instrument instrument = instrument(thisJoinPointStaticPart);
    int mask = instrument.mask();
    long start = instrument.start();
    Object result;
    try {
      result = proceed();
    } catch (Throwable t) {
      instrument.stop(start, null, t, null, null, null, null, null, null);
      throw Rethrow.unchanged(t);
    }
    instrument.stop(start, (mask & Instrument.RESULT) == 0 ? null : result, null, null, null, null, null, null, null);
    return result;
  }

  Object around(Object a0): instrumented() && args(a0) {
    Instrument instrument = instrument(thisJoinPointStaticPart);
    int mask = instrument.mask();
    long start = instrument.start();
    Object result;
    try {
      result = proceed(a0);
    } catch (Throwable t) {
      instrument.stop(start, null, t, (mask & 1) == 0 ? null : a0, null, null, null, null, null);
      throw Rethrow.unchanged(t);
    }
    instrument.stop(start, (mask & Instrument.RESULT) == 0 ? null : result, null, (mask & 1) == 0 ? null : a0, null, null, null, null, null);
    return result;
  }

  Object around(Object a0, Object a1): instrumented() && args(a0, a1) {
    Instrument instrument = instrument(thisJoinPointStaticPart);
    int mask = instrument.mask();
    long start = instrument.start();
    Object result;
    try {
      result = proceed(a0, a1);
    } catch (Throwable t) {
      instrument.stop(start, null, t, (mask & 1) == 0 ? null : a0, (mask & 2) == 0 ? null : a1, null, null, null, null);
      throw Rethrow.unchanged(t);
    }
    instrument.stop(start, (mask & Instrument.RESULT) == 0 ? null : result, null, (mask & 1) == 0 ? null : a0, (mask & 2) == 0 ? null : a1, null, null, null, null);
    return result;
  }

  Object around(Object a0, Object a1, Object a2): instrumented() && args(a0, a1, a2) {
    Instrument instrument = instrument(thisJoinPointStaticPart);
    int mask = instrument.mask();
    long start = instrument.start();
    Object result;
    try {
      result = proceed(a0, a1, a2);
    } catch (Throwable t) {
      instrument.stop(start, null, t, (mask & 1) == 0 ? null : a0, (mask & 2) == 0 ? null : a1, (mask & 4) == 0 ? null : a2, null, null, null);
      throw Rethrow.unchanged(t);
    }
    instrument.stop(start, (mask & Instrument.RESULT) == 0 ? null : result, null, (mask & 1) == 0 ? null : a0, (mask & 2) == 0 ? null : a1, (mask & 4) == 0 ? null : a2, null, null, null);
    return result;
  }

  Object around(Object a0, Object a1, Object a2, Object a3): instrumented() && args(a0, a1, a2, a3) {
    Instrument instrument = instrument(thisJoinPointStaticPart);
    int mask = instrument.mask();
    long start = instrument.start();
    Object result;
    try {
      result = proceed(a0, a1, a2, a3);
    } catch (Throwable t) {
      instrument.stop(start, null, t, (mask & 1) == 0 ? null : a0, (mask & 2) == 0 ? null : a1, (mask & 4) == 0 ? null : a2, (mask & 8) == 0 ? null : a3, null, null);
      throw Rethrow.unchanged(t);
    }
    instrument.stop(start, (mask & Instrument.RESULT) == 0 ? null : result, null, (mask & 1) == 0 ? null : a0, (mask & 2) == 0 ? null : a1, (mask & 4) == 0 ? null : a2, (mask & 8) == 0 ? null : a3, null, null);
    return result;
  }

  Object around(Object a0, Object a1, Object a2, Object a3, Object a4): instrumented() && args(a0, a1, a2, a3, a4) {
    Instrument instrument = instrument(thisJoinPointStaticPart);
    int mask = instrument.mask();
    long start = instrument.start();
    Object result;
    try {
      result = proceed(a0, a1, a2, a3, a4);
    } catch (Throwable t) {
      instrument.stop(start, null, t, (mask & 1) == 0 ? null : a0, (mask & 2) == 0 ? null : a1, (mask & 4) == 0 ? null : a2, (mask & 8) == 0 ? null : a3, (mask & 16) == 0 ? null : a4, null);
      throw Rethrow.unchanged(t);
    }
    instrument.stop(start, (mask & Instrument.RESULT) == 0 ? null : result, null, (mask & 1) == 0 ? null : a0, (mask & 2) == 0 ? null : a1, (mask & 4) == 0 ? null : a2, (mask & 8) == 0 ? null : a3, (mask & 16) == 0 ? null : a4, null);
    return result;
  }

  Object around(Object a0, Object a1, Object a2, Object a3, Object a4, Object a5): instrumented() && args(a0, a1, a2, a3, a4, a5, ..) {
    Instrument instrument = instrument(thisJoinPointStaticPart);
    int mask = instrument.mask();
    long start = instrument.start();
    Object result;
    try {
      result = proceed(a0, a1, a2, a3, a4, a5);
    } catch (Throwable t) {
      instrument.stop(start, null, t, (mask & 1) == 0 ? null : a0, (mask & 2) == 0 ? null : a1, (mask & 4) == 0 ? null : a2, (mask & 8) == 0 ? null : a3, (mask & 16) == 0 ? null : a4, (mask & 32) == 0 ? null : a5);
      throw Rethrow.unchanged(t);
    }
    instrument.stop(start, (mask & Instrument.RESULT) == 0 ? null : result, null, (mask & 1) == 0 ? null : a0, (mask & 2) == 0 ? null : a1, (mask & 4) == 0 ? null : a2, (mask & 8) == 0 ? null : a3, (mask & 16) == 0 ? null : a4, (mask & 32) == 0 ? null : a5);
    return result;
  }
}
