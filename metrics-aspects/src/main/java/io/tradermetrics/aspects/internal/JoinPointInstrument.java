package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Clock;
import io.tradermetrics.aspects.internal.ValueSource.Kind;
import java.lang.reflect.Method;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the advice at one join point calls: the instruments of every tradermetrics annotation on
 * the method, bound once, run in the declared order of {@link Binders} (started in that order,
 * stopped in reverse), with one clock read before the body and one after it, shared by all.
 *
 * <p><b>Never throws into trading code, by construction:</b> {@link #enter} and {@link #exit} catch
 * whatever an instrument throws, count and log it against that instrument's annotation (bounded:
 * WARN once per join point and kind, then DEBUG) and run the others; only the JVM's own breakdowns
 * pass ({@link Fatal}). An annotation whose binding failed has no instrument here; a join point
 * whose every binding failed is {@link #NOOP}-like and costs a length check.
 *
 * <p><b>Arguments</b> arrive as {@link Instrument} describes (references and primitive bits in
 * separate slots), from the generated advice ({@link #enter}, {@link #exit}), or boxed from the
 * advice of methods with more than four parameters and from interceptors ({@link #enterBoxed},
 * {@link #exitBoxed}), which unbox them by the declared parameter types.
 *
 * <p><b>Thread:</b> the caller's. <b>Allocation:</b> none. The token {@link #enter} returns carries
 * the start time and whether the order lifecycle's start took effect, so nothing is kept per call.
 * Immutable and thread-safe.
 */
public final class JoinPointInstrument {

  /** The instrument of a join point with nothing to record. */
  public static final JoinPointInstrument NOOP = new JoinPointInstrument(null, List.of(), List.of(), null);

  private final Instrument[] parts;
  private final InstrumentationErrors.Site[] sites;
  private final @Nullable Clock clock;
  private final long epochNanos;
  private final boolean clockAtStart;
  private final boolean clockAtStop;
  private final int armedPart;
  private final Kind[] kinds;
  private final Kind resultKind;

  JoinPointInstrument(@Nullable Engine engine, List<Instrument> parts, List<InstrumentationErrors.Site> sites,
      @Nullable Method method) {
    this.parts = parts.toArray(new Instrument[0]);
    this.sites = sites.toArray(new InstrumentationErrors.Site[0]);
    this.clock = engine == null ? null : engine.clock;
    this.epochNanos = engine == null ? 0L : engine.epochNanos;
    boolean atStart = false;
    boolean atStop = false;
    int armed = -1;
    for (int i = 0; i < this.parts.length; i++) {
      atStart |= this.parts[i].timesStart();
      atStop |= this.parts[i].timesStop();
      if (this.parts[i].arms()) {
        armed = i;
      }
    }
    this.clockAtStart = atStart;
    this.clockAtStop = atStop;
    this.armedPart = armed;
    this.kinds = new Kind[BindContext.MAX_SLOTS];
    Class<?>[] params = method == null ? new Class<?>[0] : method.getParameterTypes();
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = i < params.length ? Kind.of(params[i]) : Kind.REF;
    }
    this.resultKind = method == null ? Kind.REF : Kind.of(method.getReturnType());
  }

  /** How many annotations of the method record something (bound without error). */
  public int size() {
    return parts.length;
  }

  /**
   * Before the body.
   *
   * @return the token to hand to {@link #exit}
   */
  public long enter(@Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
      @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5) {
    Instrument[] ps = parts;
    if (ps.length == 0) {
      return 0L;
    }
    long now = 0L;
    if (clockAtStart) {
      now = readClock();
    }
    boolean armed = true;
    for (int i = 0; i < ps.length; i++) {
      try {
        boolean a = ps[i].start(now, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
        if (i == armedPart) {
          armed = a;
        }
      } catch (Throwable t) {
        fail(i, t);
        if (i == armedPart) {
          armed = false;
        }
      }
    }
    return ((now - epochNanos) << 1) | (armed ? 1L : 0L);
  }

  /**
   * After the body, however it ended.
   *
   * @param token what {@link #enter} returned
   * @param r     a reference result, or null ({@code void}, a primitive result, or the body threw)
   * @param rb    the bits of a primitive result
   * @param error what the body threw, or null
   */
  public void exit(long token, @Nullable Object r, long rb, @Nullable Throwable error,
      @Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
      @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5) {
    Instrument[] ps = parts;
    if (ps.length == 0) {
      return;
    }
    long start = (token >> 1) + epochNanos;
    boolean armed = (token & 1L) != 0L;
    long now = 0L;
    if (clockAtStop) {
      now = readClock();
    }
    for (int i = ps.length - 1; i >= 0; i--) {
      try {
        ps[i].stop(start, now, i != armedPart || armed, r, rb, error, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      } catch (Throwable t) {
        fail(i, t);
      }
    }
  }

  /** {@link #enter} with the first six arguments boxed (primitives as their wrappers). */
  public long enterBoxed(@Nullable Object a0, @Nullable Object a1, @Nullable Object a2, @Nullable Object a3,
      @Nullable Object a4, @Nullable Object a5) {
    if (parts.length == 0) {
      return 0L;
    }
    return enter(ref(0, a0), bits(0, a0), ref(1, a1), bits(1, a1), ref(2, a2), bits(2, a2),
        ref(3, a3), bits(3, a3), ref(4, a4), bits(4, a4), ref(5, a5), bits(5, a5));
  }

  /** {@link #exit} with the result and the first six arguments boxed (primitives as their wrappers). */
  public void exitBoxed(long token, @Nullable Object result, @Nullable Throwable error, @Nullable Object a0,
      @Nullable Object a1, @Nullable Object a2, @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    if (parts.length == 0) {
      return;
    }
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

  private long readClock() {
    try {
      return clock == null ? 0L : clock.monotonicTime();
    } catch (Throwable t) {
      fail(0, t);
      return 0L;
    }
  }

  private void fail(int part, Throwable t) {
    Fatal.rethrowIfFatal(t);
    sites[part].failure(t);
  }
}
