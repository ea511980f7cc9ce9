package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CancelSent;
import io.tradermetrics.aspects.internal.CancelSentInstrument;
import io.tradermetrics.aspects.internal.OrderLifecycle;

/**
 * Remembers the cancel request of an order in flight at methods annotated with {@link CancelSent}
 * (directly or through a composed annotation), when the method starts: a confirmation handled on
 * another thread before the request method returns still finds it. A request method that throws
 * still counts as requested.
 *
 * <p>A {@code before} advice per arity binding the arguments as {@code Object}s, inlined by ajc.
 * <b>Thread:</b> the caller's. <b>On error:</b> nothing reaches the caller; failures are counted
 * and logged. <b>Allocation:</b> none in steady state beyond ajc's boxes of primitive arguments.
 */
public aspect CancelSentAspect {

  pointcut cancelSent(): (execution(@CancelSent * *(..)) || execution(@(@CancelSent *) * *(..)))
      && !within(InstrumentAspect+) && !within(CancelSentAspect);

  before(): cancelSent() && args() {
    CancelSentInstrument c = OrderLifecycle.cancelSentInstrument(thisJoinPointStaticPart);
    int m = c.mask();
    c.requested(null, null, null, null, null, null);
  }

  before(Object a0): cancelSent() && args(a0) {
    CancelSentInstrument c = OrderLifecycle.cancelSentInstrument(thisJoinPointStaticPart);
    int m = c.mask();
    c.requested((m & 1) == 0 ? null : a0, null, null, null, null, null);
  }

  before(Object a0, Object a1): cancelSent() && args(a0, a1) {
    CancelSentInstrument c = OrderLifecycle.cancelSentInstrument(thisJoinPointStaticPart);
    int m = c.mask();
    c.requested((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, null, null, null, null);
  }

  before(Object a0, Object a1, Object a2): cancelSent() && args(a0, a1, a2) {
    CancelSentInstrument c = OrderLifecycle.cancelSentInstrument(thisJoinPointStaticPart);
    int m = c.mask();
    c.requested((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, null, null, null);
  }

  before(Object a0, Object a1, Object a2, Object a3): cancelSent() && args(a0, a1, a2, a3) {
    CancelSentInstrument c = OrderLifecycle.cancelSentInstrument(thisJoinPointStaticPart);
    int m = c.mask();
    c.requested((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, null, null);
  }

  before(Object a0, Object a1, Object a2, Object a3, Object a4): cancelSent() && args(a0, a1, a2, a3, a4) {
    CancelSentInstrument c = OrderLifecycle.cancelSentInstrument(thisJoinPointStaticPart);
    int m = c.mask();
    c.requested((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, (m & 16) == 0 ? null : a4, null);
  }

  before(Object a0, Object a1, Object a2, Object a3, Object a4, Object a5): cancelSent() && args(a0, a1, a2, a3, a4, a5, ..) {
    CancelSentInstrument c = OrderLifecycle.cancelSentInstrument(thisJoinPointStaticPart);
    int m = c.mask();
    c.requested((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, (m & 8) == 0 ? null : a3, (m & 16) == 0 ? null : a4, (m & 32) == 0 ? null : a5);
  }
}
