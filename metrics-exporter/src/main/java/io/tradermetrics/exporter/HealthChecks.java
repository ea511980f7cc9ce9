package io.tradermetrics.exporter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link HealthCheck}s with a timeout on a small pool of their own daemon threads, so that a
 * hung check cannot hold an HTTP thread longer than the timeout. Each check has at most one run in
 * flight: a request arriving while a run is under way waits on that run instead of starting another,
 * so a check that never returns occupies one pool thread, not one per probe. Thread-safe.
 */
final class HealthChecks implements AutoCloseable {

  private final List<Entry> entries;
  private final long timeoutNanos;
  private final @Nullable ThreadPoolExecutor pool;

  HealthChecks(List<HealthCheck> checks, Duration timeout) {
    this.entries = new ArrayList<>();
    for (HealthCheck check : checks) {
      entries.add(new Entry(check));
    }
    this.timeoutNanos = timeout.toNanos();
    if (checks.isEmpty()) {
      this.pool = null;
    } else {
      // At most one run per check is ever outstanding, so the queue holds at most checks.size() tasks.
      ThreadPoolExecutor p = new ThreadPoolExecutor(checks.size(), checks.size(), 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), new NamedDaemonThreads("tradermetrics-health"));
      p.allowCoreThreadTimeOut(true);
      this.pool = p;
    }
  }

  /** The checks, in registration order; index {@code i} is the one {@link #status(int)} reads. */
  List<HealthCheck> checks() {
    List<HealthCheck> list = new ArrayList<>();
    for (Entry e : entries) {
      list.add(e.check);
    }
    return list;
  }

  /**
   * The status of the {@code index}-th check for the {@code tradermetrics_health_status} gauge: the
   * last result if it is less than a second old (a scrape reads one gauge per status, and a probe
   * may just have run the check), else a fresh run with the timeout.
   */
  HealthStatus status(int index) {
    Entry e = entries.get(index);
    Entry.Last last = e.last;
    if (last != null && System.nanoTime() - last.atNanos() < STATUS_MAX_AGE_NANOS) {
      return last.status();
    }
    HealthResult r = await(e.start(java.util.Objects.requireNonNull(pool)), System.nanoTime() + timeoutNanos);
    e.last = new Entry.Last(r.status(), System.nanoTime());
    return r.status();
  }

  private static final long STATUS_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The aggregate and the per-check results of the checks whose kind {@code include} accepts. */
  Report run(Predicate<HealthCheck.Kind> include) {
    List<Entry> selected = new ArrayList<>();
    List<Future<HealthResult>> futures = new ArrayList<>();
    for (Entry e : entries) {
      if (include.test(e.check.kind())) {
        selected.add(e);
        futures.add(e.start(java.util.Objects.requireNonNull(pool)));
      }
    }
    long deadline = System.nanoTime() + timeoutNanos;
    Map<String, HealthResult> results = new LinkedHashMap<>();
    HealthStatus aggregate = HealthStatus.UP;
    for (int i = 0; i < selected.size(); i++) {
      HealthResult r = await(futures.get(i), deadline);
      selected.get(i).last = new Entry.Last(r.status(), System.nanoTime());
      results.put(selected.get(i).check.name(), r);
      aggregate = worse(aggregate, r.status());
    }
    return new Report(aggregate, results);
  }

  private HealthResult await(Future<HealthResult> future, long deadline) {
    try {
      HealthResult r = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return r != null ? r : HealthResult.down("check returned null");
    } catch (TimeoutException e) {
      return HealthResult.down("timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new HealthResult(HealthStatus.DOWN,
          Map.of("reason", "check threw an exception", "error", String.valueOf(cause)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthResult.down("interrupted while waiting for the check");
    } catch (RuntimeException e) { // RejectedExecutionException after close
      return HealthResult.down("check could not run: " + e);
    }
  }

  /**
   * The worse of two statuses, worst first: DOWN, OUT_OF_SERVICE, UNKNOWN, UP. Unlike Spring Boot's
   * default order, UNKNOWN outranks UP: a check that cannot tell yet (no market data so far) keeps
   * the process out of the load balancer.
   */
  static HealthStatus worse(HealthStatus a, HealthStatus b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(HealthStatus s) {
    switch (s) {
      case DOWN: return 3;
      case OUT_OF_SERVICE: return 2;
      case UNKNOWN: return 1;
      default: return 0;
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** An aggregate status and the results by check name, in registration order. */
  record Report(HealthStatus status, Map<String, HealthResult> components) {}

  private static final class Entry {
    final HealthCheck check;
    private @Nullable Future<HealthResult> inFlight;
    volatile @Nullable Last last;

    record Last(HealthStatus status, long atNanos) {}

    Entry(HealthCheck check) {
      this.check = check;
    }

    synchronized Future<HealthResult> start(ExecutorService pool) {
      if (inFlight == null || inFlight.isDone()) {
        inFlight = pool.submit(check::check);
      }
      return inFlight;
    }
  }
}
