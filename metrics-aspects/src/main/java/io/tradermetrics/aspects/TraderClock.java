package io.tradermetrics.aspects;

import io.micrometer.core.instrument.Clock;

/**
 * A Micrometer {@link Clock} for the order path: {@link #monotonicTime()} is
 * {@link System#nanoTime()}, and {@link #wallTime()} costs a field read instead of a system call.
 *
 * <p>Micrometer's timers and histograms read the wall clock on every record, twice, only to decide
 * whether their time windows (the {@code _max} gauge's) must rotate, which happens every couple of
 * minutes; on a virtual machine each read is a {@code clock_gettime} of about 30 ns, two thirds of a
 * whole {@code Timer.record} (measured by {@code TimerCostBenchmark} in {@code benchmarks/}). This
 * clock answers {@link #wallTime()} from its latest monotonic reading instead: milliseconds since the
 * epoch at the latest anchor (a real {@link System#currentTimeMillis()}, taken at most once a second
 * from a monotonic reading, so wall clock steps are followed within about a second) plus the
 * monotonic time elapsed since then, as of the latest monotonic reading at least a millisecond newer
 * than the one before.
 *
 * <p>So the wall time is exact to a millisecond while anything reads the monotonic time (every
 * timed tradermetrics annotation does, and tradermetrics' exporter does before each scrape), and
 * stands still while nothing does: a time window that ends in an idle period rotates at the next
 * reading. Use it where the wall time serves Micrometer's windows (a Prometheus registry); not for a
 * push registry whose steps follow the wall clock (OTLP: give that one {@link Clock#SYSTEM}).
 *
 * <p>Thread-safe: any thread may read either time; a monotonic reading writes shared state at most
 * once a millisecond, so trading threads do not contend on it.
 */
public final class TraderClock implements Clock {

  private static final long REFRESH_NANOS = 1_000_000L;
  private static final long ANCHOR_NANOS = 1_000_000_000L;

  /** The wall time of one monotonic reading; replaced whole, so readers see a consistent pair. */
  private record Anchor(long monotonicNanos, long wallMillis) {}

  private volatile Anchor anchor;
  private volatile long latestNanos;

  private TraderClock() {
    long now = System.nanoTime();
    this.anchor = new Anchor(now, System.currentTimeMillis());
    this.latestNanos = now;
  }

  /** A new clock, anchored to the system's wall clock now. */
  public static TraderClock create() {
    return new TraderClock();
  }

  /** {@code System.nanoTime()}, in nanoseconds; at most once a millisecond it also refreshes the wall time. */
  @Override
  public long monotonicTime() {
    long now = System.nanoTime();
    if (now - latestNanos >= REFRESH_NANOS) {
      refresh(now);
    }
    return now;
  }

  private void refresh(long now) {
    latestNanos = now;
    if (now - anchor.monotonicNanos() >= ANCHOR_NANOS) {
      anchor = new Anchor(now, System.currentTimeMillis());
    }
  }

  /** Milliseconds since the epoch, as of the latest monotonic reading (see the class comment). */
  @Override
  public long wallTime() {
    Anchor a = anchor;
    return a.wallMillis() + (latestNanos - a.monotonicNanos()) / 1_000_000L;
  }
}
