package io.tradermetrics.aspects;

import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.aspects.internal.OrderLifecycle;
import io.tradermetrics.aspects.internal.Rethrow;
import io.tradermetrics.aspects.internal.SentInstrument;

/**
 * Starts the clock of each order sent by a method annotated with {@link OrderSent} (directly or
 * through a composed annotation).
 *
 * <p>When the order id and labels come from the parameters, the order enters the in-flight table
 * <em>before</em> the method body runs, so that a venue answer handled on another thread before the
 * send returns still finds it; if the body throws, the order is taken out again (it was not sent).
 * When the id comes from the return value, the order enters the table when the method returns, with
 * the time taken at its start. Tick-to-trade is recorded when the send returns.
 *
 * <p>One advice per arity (0 to 5 parameters, and 6 or more), binding the arguments as plain
 * {@code Object}s, so ajc inlines it with no {@code JoinPoint} object, closure or argument array.
 * <b>Thread:</b> the caller's. <b>On error:</b> the method's own exception is rethrown unchanged;
 * instrumentation failures are counted and logged, never thrown. <b>Allocation:</b> none in steady
 * state beyond ajc's boxes of primitive arguments.
 */
public aspect OrderSentAspect {

  pointcut sent(): (execution(@OrderSent * *(..)) || execution(@(@OrderSent *) * *(..)))
      && !within(InstrumentAspect+) && !within(OrderSentAspect);

  Object around(): sent() && args() {
    SentInstrument s = OrderLifecycle.sentInstrument(thisJoinPointStaticPart);
    int m = s.mask();
    long start = s.begin(null, null, null, null, null, null);
    Object result;
    try {
      result = proceed();
    } catch (Throwable t) {
      s.failed(start, null, null, null, null, null, null);
      throw Rethrow.unchanged(t);
    }
    s.end(start, (m & SentInstrument.RESULT) == 0 ? null : result, null, null, null, null, null, null);
    return result;
  }

  Object around(Object a0): sent() && args(a0) {
    SentInstrument s = OrderLifecycle.sentInstrument(thisJoinPointStaticPart);
    int m = s.mask();
    long start = s.begin((m & 1) == 0 ? null : a0, null, null, null, null, null);
    Object result;
    try {
      result = proceed(a0);
    } catch (Throwable t) {
      s.failed(start, (m & 1) == 0 ? null : a0, null, null, null, null, null);
      throw Rethrow.unchanged(t);
    }
    s.end(start, (m & SentInstrument.RESULT) == 0 ? null : result, (m & 1) == 0 ? null : a0, null, null, null, null, null);
    return result;
  }

  Object around(Object a0, Object a1): sent() && args(a0, a1) {
    SentInstrument s = OrderLifecycle.sentInstrument(thisJoinPointStaticPart);
    int m = s.mask();
    long start = s.begin((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, null, null, null, null);
    Object result;
    try {
      result = proceed(a0, a1);
    } catch (Throwable t) {
      s.failed(start, (m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, null, null, null, null);
      throw Rethrow.unchanged(t);
    }
    s.end(start, (m & SentInstrument.RESULT) == 0 ? null : result, (m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, null, null, null, null);
    return result;
  }

  Object around(Object a0, Object a1, Object a2): sent() && args(a0, a1, a2) {
    SentInstrument s = OrderLifecycle.sentInstrument(thisJoinPointStaticPart);
    int m = s.mask();
    long start = s.begin((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, null, null, null);
    Object result;
    try {
      result = proceed(a0, a1, a2);
    } catch (Throwable t) {
      s.failed(start, (m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, null, null, null);
      throw Rethrow.unchanged(t);
    }
    s.end(start, (m & SentInstrument.RESULT) == 0 ? null : result, (m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, null, null, null);
    return result;
  }

  Object around(Object a0, Object a1, Object a2, Object a3): sent() && args(a0, a1, a2, a3) {
    SentInstrument s = OrderLifecycle.sentInstrument(thisJoinPointStaticPart);
    int m = s.mask();
    long start = s.begin((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, null, null);
    Object result;
    try {
      result = proceed(a0, a1, a2, a3);
    } catch (Throwable t) {
      s.failed(start, (m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, null, null);
      throw Rethrow.unchanged(t);
    }
    s.end(start, (m & SentInstrument.RESULT) == 0 ? null : result, (m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, null, null);
    return result;
  }

  Object around(Object a0, Object a1, Object a2, Object a3, Object a4): sent() && args(a0, a1, a2, a3, a4) {
    SentInstrument s = OrderLifecycle.sentInstrument(thisJoinPointStaticPart);
    int m = s.mask();
    long start = s.begin((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, (m & 16) == 0 ? null : a4, null);
    Object result;
    try {
      result = proceed(a0, a1, a2, a3, a4);
    } catch (Throwable t) {
      s.failed(start, (m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, (m & 16) == 0 ? null : a4, null);
      throw Rethrow.unchanged(t);
    }
    s.end(start, (m & SentInstrument.RESULT) == 0 ? null : result, (m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, (m & 16) == 0 ? null : a4, null);
    return result;
  }

  Object around(Object a0, Object a1, Object a2, Object a3, Object a4, Object a5): sent() && args(a0, a1, a2, a3, a4, a5, ..) {
    SentInstrument s = OrderLifecycle.sentInstrument(thisJoinPointStaticPart);
    int m = s.mask();
    long start = s.begin((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, (m & 16) == 0 ? null : a4, (m & 32) == 0 ? null : a5);
    Object result;
    try {
      result = proceed(a0, a1, a2, a3, a4, a5);
    } catch (Throwable t) {
      s.failed(start, (m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, (m & 16) == 0 ? null : a4, (m & 32) == 0 ? null : a5);
      throw Rethrow.unchanged(t);
    }
    s.end(start, (m & SentInstrument.RESULT) == 0 ? null : result, (m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, (m & 16) == 0 ? null : a4, (m & 32) == 0 ? null : a5);
    return result;
  }
}
