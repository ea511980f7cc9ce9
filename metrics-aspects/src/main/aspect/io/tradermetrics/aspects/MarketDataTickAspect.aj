package io.tradermetrics.aspects;

import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.aspects.internal.OrderLifecycle;
import io.tradermetrics.aspects.internal.TickInstrument;

/**
 * Marks the executions of {@link MarketDataTick} handlers (directly or through a composed
 * annotation) as ticks of their thread: orders sent on the thread while a handler runs record
 * tick-to-trade, and a tick's exchange timestamp its delay.
 *
 * <p>A {@code before} advice per arity (0 to 5 parameters, and 6 or more) binds the first six
 * arguments as {@code Object}s, so ajc inlines it with no {@code JoinPoint} object or argument
 * array; an {@code after} advice (which runs however the handler ends) closes the tick.
 *
 * <p><b>Thread:</b> the handler's own. <b>Allocation:</b> none in steady state (ajc boxes primitive
 * arguments, as for every tradermetrics advice). <b>On error:</b> nothing reaches the handler;
 * failures are counted in {@code tradermetrics_instrumentation_errors_total} and logged.
 */
public aspect MarketDataTickAspect {

  pointcut tick(): (execution(@MarketDataTick * *(..)) || execution(@(@MarketDataTick *) * *(..)))
      && !within(InstrumentAspect+) && !within(MarketDataTickAspect);

  before(): tick() && args() {
    OrderLifecycle.tickInstrument(thisJoinPointStaticPart).begin(null, null, null, null, null, null);
  }

  before(Object a0): tick() && args(a0) {
    TickInstrument t = OrderLifecycle.tickInstrument(thisJoinPointStaticPart);
    int m = t.mask();
    t.begin((m & 1) == 0 ? null : a0, null, null, null, null, null);
  }

  before(Object a0, Object a1): tick() && args(a0, a1) {
    TickInstrument t = OrderLifecycle.tickInstrument(thisJoinPointStaticPart);
    int m = t.mask();
    t.begin((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, null, null, null, null);
  }

  before(Object a0, Object a1, Object a2): tick() && args(a0, a1, a2) {
    TickInstrument t = OrderLifecycle.tickInstrument(thisJoinPointStaticPart);
    int m = t.mask();
    t.begin((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2, null, null, null);
  }

  before(Object a0, Object a1, Object a2, Object a3): tick() && args(a0, a1, a2, a3) {
    TickInstrument t = OrderLifecycle.tickInstrument(thisJoinPointStaticPart);
    int m = t.mask();
    t.begin((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2,
        (m & 8) == 0 ? null : a3, null, null);
  }

  before(Object a0, Object a1, Object a2, Object a3, Object a4): tick() && args(a0, a1, a2, a3, a4) {
    TickInstrument t = OrderLifecycle.tickInstrument(thisJoinPointStaticPart);
    int m = t.mask();
    t.begin((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2,
        (m & 8) == 0 ? null : a3, (m & 16) == 0 ? null : a4, null);
  }

  before(Object a0, Object a1, Object a2, Object a3, Object a4, Object a5): tick() && args(a0, a1, a2, a3, a4, a5, ..) {
    TickInstrument t = OrderLifecycle.tickInstrument(thisJoinPointStaticPart);
    int m = t.mask();
    t.begin((m & 1) == 0 ? null : a0, (m & 2) == 0 ? null : a1, (m & 4) == 0 ? null : a2,
        (m & 8) == 0 ? null : a3, (m & 16) == 0 ? null : a4, (m & 32) == 0 ? null : a5);
  }

  after(): tick() {
    OrderLifecycle.tickInstrument(thisJoinPointStaticPart).end();
  }
}
