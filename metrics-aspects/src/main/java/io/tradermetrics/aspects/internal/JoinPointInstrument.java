package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Clock;
import io.tradermetrics.aspects.internal.ValueSource.Kind;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * What the advice at one join point calls: before the body {@link #enter}, after it {@link #exit}.
 * A method with one tradermetrics annotation gets that annotation's {@link Instrument} itself, so the
 * advice's call is monomorphic and the JIT can inline it; a method with several gets a composite that
 * runs them in the declared order of {@link Binders} (started in that order, stopped in reverse), with
 * one clock read before the body and one after it, shared by all.
 *
 * <p><b>Never throws into trading code, by construction:</b> {@link #enter} and {@link #exit} catch
 * whatever an instrument throws, count and log it against that instrument's annotation (bounded:
 * WARN once per join point and kind, then DEBUG) and run the others; only the JVM's own breakdowns
 * pass ({@link Fatal}). An annotation whose binding failed has no instrument; a join point whose
 * every binding failed gets {@link #NOOP}.
 *
 * <p><b>Arguments</b> arrive as {@link Instrument} describes (references and primitive bits in
 * separate slots), from the generated advice ({@link #enter}, {@link #exit}), or boxed from the
 * advice of methods with more than four parameters and from interceptors ({@link #enterBoxed},
 * {@link #exitBoxed}), which unbox them by the declared parameter types.
 *
 * <p><b>Thread:</b> the caller's. <b>Allocation:</b> none. The token {@link #enter} returns carries
 * the start time and whether the order lifecycle's start took effect, so nothing is kept per call.
 * Immutable once published (the engine sets the join point's clock and declared types before it
 * hands the instrument out) and thread-safe.
 */
public abstract class JoinPointInstrument {

  /** The instrument of a join point with nothing to record. */
  public static final JoinPointInstrument NOOP = new JoinPointInstrument() {
    @Override
    public long enter(@Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
        @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5) {
      return 0L;
    }

    @Override
    public void exit(long token, @Nullable Object r, long rb, @Nullable Throwable error,
        @Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
        @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5) {
      // nothing to record
    }
  };

  private @Nullable Clock clock;
  long epochNanos;
  private Kind[] kinds = new Kind[BindContext.MAX_SLOTS];
  private Kind resultKind = Kind.REF;

  JoinPointInstrument() {
    java.util.Arrays.fill(kinds, Kind.REF);
  }

  /** Sets the join point's clock and declared types; by the engine, once, before publication. */
  void attach(Engine engine, Method method) {
    this.clock = engine.clock;
    this.epochNanos = engine.epochNanos;
    Class<?>[] params = method.getParameterTypes();
    Kind[] k = new Kind[BindContext.MAX_SLOTS];
    for (int i = 0; i < k.length; i++) {
      k[i] = i < params.length ? Kind.of(params[i]) : Kind.REF;
    }
    this.kinds = k;
    this.resultKind = Kind.of(method.getReturnType());
  }

  /**
   * Before the body.
   *
   * @return the token to hand to {@link #exit}
   */
  public abstract long enter(@Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
      @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5);

  /**
   * After the body, however it ended.
   *
   * @param token what {@link #enter} returned
   * @param r     a reference result, or null ({@code void}, a primitive result, or the body threw)
   * @param rb    the bits of a primitive result
   * @param error what the body threw, or null
   */
  public abstract void exit(long token, @Nullable Object r, long rb, @Nullable Throwable error,
      @Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
      @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5);

  /** {@link #enter} with the first six arguments boxed (primitives as their wrappers). */
  public final long enterBoxed(@Nullable Object a0, @Nullable Object a1, @Nullable Object a2, @Nullable Object a3,
      @Nullable Object a4, @Nullable Object a5) {
    return enter(ref(0, a0), bits(0, a0), ref(1, a1), bits(1, a1), ref(2, a2), bits(2, a2),
        ref(3, a3), bits(3, a3), ref(4, a4), bits(4, a4), ref(5, a5), bits(5, a5));
  }

  /** {@link #exit} with the result and the first six arguments boxed (primitives as their wrappers). */
  public final void exitBoxed(long token, @Nullable Object result, @Nullable Throwable error, @Nullable Object a0,
      @Nullable Object a1, @Nullable Object a2, @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    Object r = resultKind == Kind.REF ? result : null;
    long rb = error == null && resultKind != Kind.REF ? unbox(resultKind, result) : 0L;
    exit(token, r, rb, error, ref(0, a0), bits(0, a0), ref(1, a1), bits(1, a1), ref(2, a2), bits(2, a2),
        ref(3, a3), bits(3, a3), ref(4, a4), bits(4, a4), ref(5, a5), bits(5, a5));
  }

  private @Nullable Object ref(int slot, @Nullable Object boxed) {
    return kinds[slot] == Kind.REF ? boxed : null;
  }

  private long bits(int slot, @Nullable Object boxed) {
    return kinds[slot] == Kind.REF ? 0L : unbox(kinds[slot], boxed);
  }

  private static long unbox(Kind kind, @Nullable Object boxed) {
    if (boxed instanceof Character c) {
      return c;
    }
    if (!(boxed instanceof Number n)) {
      return 0L;
    }
    return kind == Kind.DOUBLE || kind == Kind.FLOAT ? Double.doubleToRawLongBits(n.doubleValue()) : n.longValue();
  }

  /** The monotonic time, or 0 if the clock itself fails (reported through {@code site}). */
  final long readClock(InstrumentationErrors.Site site) {
    try {
      Clock c = clock;
      return c == null ? 0L : c.monotonicTime();
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      site.failure(t);
      return 0L;
    }
  }

  /** The token of a call: the start time relative to the engine's epoch, and the armed bit. */
  final long token(long startNanos, boolean armed) {
    return ((startNanos - epochNanos) << 1) | (armed ? 1L : 0L);
  }

  final long startOf(long token) {
    return (token >> 1) + epochNanos;
  }

  static boolean armedOf(long token) {
    return (token & 1L) != 0L;
  }
}
