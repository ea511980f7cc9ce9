package io.tradermetrics.aspects.internal;

import org.jspecify.annotations.Nullable;

/**
 * What the advice at one join point calls: resolved once when the join point is first reached,
 * then called on every execution.
 *
 * <p>The advice passes the first six arguments of the method in the slots {@code a0}..{@code a5}
 * (unused slots are {@code null}; primitives arrive boxed by ajc), so that no argument array is
 * built per call. Implementations never throw: a failure is counted and logged by
 * {@link InstrumentationErrors}. Thread-safe.
 */
public interface Instrument {

  /** The bit of {@link #mask()} that asks for the return value. */
  int RESULT = 1 << 6;

  /**
   * Which values {@link #stop} reads: bit {@code i} for slot {@code ai}, {@link #RESULT} for the
   * return value. The advice passes {@code null} for the others, so that the boxes ajc makes for
   * unread primitive arguments and results do not escape and the JIT can remove them.
   */
  int mask();

  /**
   * Called before the method body.
   *
   * @return the monotonic start time in nanoseconds, or 0 for instruments that do not time
   */
  long start();

  /**
   * Called after the method body.
   *
   * @param startNanos what {@link #start()} returned
   * @param result     the return value, {@code null} for void methods or when the body threw
   * @param error      what the body threw, or {@code null} when it returned normally
   */
  void stop(long startNanos, @Nullable Object result, @Nullable Throwable error,
      @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5);

  /** The instrument of a join point whose binding failed: records nothing. */
  Instrument NOOP = new Instrument() {
    @Override
    public int mask() {
      return 0;
    }

    @Override
    public long start() {
      return 0L;
    }

    @Override
    public void stop(long startNanos, @Nullable Object result, @Nullable Throwable error,
        @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
        @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
      // nothing: the join point's annotation was rejected when it was bound
    }
  };
}
