package io.tradermetrics.aspects.internal;

import org.jspecify.annotations.Nullable;

/**
 * What one tradermetrics annotation does at one join point: built once by its binder when the join
 * point is bound, then called on every execution by the join point's {@link JoinPointInstrument},
 * which runs the instruments of every annotation on the method in the declared order.
 *
 * <p><b>The call.</b> Both methods receive the first six arguments of the method in slots:
 * {@code a}<i>i</i> holds a reference argument (and a {@code boolean}, as a cached
 * {@code Boolean}), {@code p}<i>i</i> the bits of a primitive one ({@code long}, {@code int},
 * {@code short}, {@code byte}, {@code char} widened to {@code long}; {@code double} and
 * {@code float} as {@link Double#doubleToRawLongBits}); the declared parameter type tells which,
 * and {@link ValueSource} reads them so. The return value arrives the same way in {@code r} and
 * {@code rb}. Nothing is boxed for the instrument.
 *
 * <p><b>Time.</b> The join point reads the clock at most once before the body and once after it,
 * only if one of its instruments asks ({@link #timesStart()}, {@link #timesStop()}), and hands both
 * readings to every instrument: all instruments of a join point measure the same interval.
 *
 * <p><b>Errors.</b> Implementations may throw: the join point catches whatever an instrument
 * throws, counts and logs it against that instrument's annotation and goes on with the others, so
 * nothing reaches the caller. Implementations are immutable after binding and thread-safe.
 */
public abstract class Instrument extends JoinPointInstrument {

  private InstrumentationErrors.@org.jspecify.annotations.Nullable Site site;
  private boolean clockAtStart;
  private boolean clockAtStop;
  private boolean arming;

  /**
   * Makes this instrument the whole join point of a method with one tradermetrics annotation; by the
   * engine, once, before publication.
   */
  final void attachAlone(Engine engine, java.lang.reflect.Method method, InstrumentationErrors.Site errors) {
    attach(engine, method);
    this.site = errors;
    this.clockAtStart = timesStart();
    this.clockAtStop = timesStop();
    this.arming = arms();
  }

  /** The join point of a method with this one annotation: reads the clock if asked, starts, catches. */
  @Override
  public final long enter(@Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
      @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5) {
    InstrumentationErrors.Site errors = site;
    if (errors == null) {
      return 0L; // not attached: only ever a part of a composite, which calls start and stop itself
    }
    long now = clockAtStart ? readClock(errors) : 0L;
    boolean armed;
    try {
      armed = start(now, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5) || !arming;
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      errors.failure(t);
      armed = !arming;
    }
    return token(now, armed);
  }

  /** The join point of a method with this one annotation: reads the clock if asked, stops, catches. */
  @Override
  public final void exit(long token, @Nullable Object r, long rb, @Nullable Throwable error,
      @Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
      @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5) {
    InstrumentationErrors.Site errors = site;
    if (errors == null) {
      return;
    }
    long now = clockAtStop ? readClock(errors) : 0L;
    try {
      stop(startOf(token), now, armedOf(token), r, rb, error, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      errors.failure(t);
    }
  }

  /** An instrument that records nothing (its annotation has nothing to record into, e.g. no order lifecycle). */
  public static final Instrument NONE = new Instrument() {
    @Override
    protected void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
        @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
        @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
        @Nullable Object a5, long p5) {
      // nothing
    }
  };

  /** Whether {@link #start} needs the monotonic time of the start of the call. */
  protected boolean timesStart() {
    return false;
  }

  /** Whether {@link #stop} needs the monotonic time of the end of the call. */
  protected boolean timesStop() {
    return false;
  }

  /**
   * Called before the method body.
   *
   * @param startNanos the monotonic time of the start of the call, if any instrument of the join
   *     point asked for it, else 0
   * @return whether this call armed the instrument: false tells {@link #stop} that the start did not
   *     take effect (an order that did not enter the in-flight table); only one instrument per
   *     join point may return false (the order lifecycle's; see {@link #arms()})
   * @throws Throwable anything; counted and logged by the join point, never passed on
   */
  protected boolean start(long startNanos, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    return true;
  }

  /** Whether {@link #start}'s answer matters to {@link #stop}; at most one instrument of a join point. */
  protected boolean arms() {
    return false;
  }

  /**
   * Called after the method body, however it ended.
   *
   * @param startNanos what the join point read before the body (0 if nobody asked)
   * @param stopNanos  what the join point read after the body (0 if nobody asked)
   * @param armed      what {@link #start} returned in this call (true if {@link #arms()} is false)
   * @param r          a reference return value ({@code null} for {@code void}, primitives in {@code rb},
   *                   and when the body threw)
   * @param rb         the bits of a primitive return value
   * @param error      what the body threw, or {@code null} when it returned normally
   * @throws Throwable anything; counted and logged by the join point, never passed on
   */
  protected abstract void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
      @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable;

  /**
   * Base of the instruments that record once the method has returned normally and do not time it
   * (counters, gauges, bps histograms): a call that threw records nothing.
   */
  public abstract static class OnReturn extends Instrument {

    @Override
    protected final void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
        @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
        @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
        @Nullable Object a5, long p5) throws Throwable {
      if (error == null) {
        returned(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      }
    }

    /** Records one normal return; may throw, the join point counts it. */
    protected abstract void returned(@Nullable Object r, long rb, @Nullable Object a0, long p0,
        @Nullable Object a1, long p1, @Nullable Object a2, long p2, @Nullable Object a3, long p3,
        @Nullable Object a4, long p4, @Nullable Object a5, long p5) throws Throwable;
  }
}
