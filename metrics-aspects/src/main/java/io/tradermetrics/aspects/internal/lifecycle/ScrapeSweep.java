package io.tradermetrics.aspects.internal.lifecycle;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.aspects.internal.Meters;
import io.tradermetrics.catalog.MetricCatalog;
import java.time.Instant;
import java.util.function.IntConsumer;

/**
 * The scrape side of an order lifecycle: {@code trader_orders_inflight} and
 * {@code trader_orders_expired_total{reason}}, read from the in-flight table when a scrape asks, and
 * the relation of the monotonic clock to the wall clock that tick delays need.
 *
 * <p>Before the figures are read, every order sent a timeout or more ago is taken out, at most once
 * per millisecond (so one scrape sees figures that add up), in chunks of {@value #CHUNK} each under
 * the table's lock, released between chunks: after a venue disconnect a hundred thousand orders
 * time out together, and the senders must not wait for all of them at once. Runs on the scrape
 * thread. Thread-safe.
 */
final class ScrapeSweep {

  /** Timed-out entries taken out per hold of the table's lock (a few microseconds). */
  static final int CHUNK = 256;
  private static final long INTERVAL_NANOS = 1_000_000L;
  private static final IntConsumer NO_PROBE = n -> { };

  private final OrderLifecycle lifecycle;
  private final OrderTable table;
  private final Clock clock;
  private long lastSweepNanos; // guarded by the table's lock
  /** Nanoseconds to add to the monotonic clock to get nanoseconds since the epoch. */
  volatile long wallOffsetNanos;
  /** Called, outside the lock, with the count of each chunk a sweep took out; for tests. */
  IntConsumer chunkProbe = NO_PROBE;

  ScrapeSweep(OrderLifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.table = lifecycle.table;
    this.clock = lifecycle.clock;
    calibrateWallClock();
  }

  /**
   * Registers the scrape-time meters; a second lifecycle on the same registry replaces the first
   * one's figures instead of reading them.
   */
  void register(Meters meters) {
    meters.removeAll(MetricCatalog.ORDERS_INFLIGHT);
    meters.removeAll(MetricCatalog.ORDERS_EXPIRED);
    meters.stateGauge(MetricCatalog.ORDERS_INFLIGHT, Tags.empty(), this, ScrapeSweep::inflight);
    meters.functionCounter(MetricCatalog.ORDERS_EXPIRED, Tags.of(MetricCatalog.REASON, "timeout"), this,
        ScrapeSweep::expiredTimeout);
    meters.functionCounter(MetricCatalog.ORDERS_EXPIRED, Tags.of(MetricCatalog.REASON, "capacity"), this,
        ScrapeSweep::expiredCapacity);
  }

  /**
   * Takes out every order sent a timeout or more ago, at most once per millisecond, in chunks. It
   * returns when no timed-out order is left; the millisecond starts when a sweep ends, so two
   * readers at once both sweep to the end (their chunks interleave harmlessly).
   */
  private void sweep() {
    long now = clock.monotonicTime();
    long deadline = now - lifecycle.timeoutNanos;
    int n;
    table.lock();
    try {
      if (lastSweepNanos != 0L && now - lastSweepNanos < INTERVAL_NANOS) {
        return;
      }
      n = table.expire(deadline, CHUNK);
    } finally {
      table.unlock();
    }
    chunkProbe.accept(n);
    while (n == CHUNK) {
      Thread.onSpinWait(); // a window for a spinning sender to take the lock
      table.lock();
      try {
        n = table.expire(deadline, CHUNK);
      } finally {
        table.unlock();
      }
      chunkProbe.accept(n);
    }
    table.lock();
    try {
      lastSweepNanos = now;
    } finally {
      table.unlock();
    }
  }

  /** {@code trader_orders_inflight} at a scrape: timed-out orders taken out first. */
  double inflight() {
    sweep();
    calibrateWallClock();
    table.lock();
    try {
      return table.size();
    } finally {
      table.unlock();
    }
  }

  double expiredTimeout() {
    sweep();
    table.lock();
    try {
      return table.expiredTimeout();
    } finally {
      table.unlock();
    }
  }

  double expiredCapacity() {
    table.lock();
    try {
      return table.expiredCapacity();
    } finally {
      table.unlock();
    }
  }

  /**
   * Relates the registry's monotonic clock to the wall clock, for the exchange-to-local delay of
   * ticks: with the system clock or a {@code TraderClock} (whose monotonic time is the system's) from
   * {@link Instant#now()} (microseconds on Linux), else from the
   * registry clock's wall time (milliseconds; a {@code MockClock} moves both together). Redone at
   * every scrape, so that wall clock adjustments (NTP) are followed.
   */
  void calibrateWallClock() {
    if (clock == Clock.SYSTEM || clock instanceof io.tradermetrics.aspects.TraderClock) {
      Instant now = Instant.now();
      long mono = clock.monotonicTime();
      wallOffsetNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - mono;
    } else {
      wallOffsetNanos = clock.wallTime() * 1_000_000L - clock.monotonicTime();
    }
  }
}
