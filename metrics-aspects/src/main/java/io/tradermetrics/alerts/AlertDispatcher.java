package io.tradermetrics.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradermetrics.catalog.MetricCatalog;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers event alerts to an {@link AlertSink} from a bounded queue on one daemon thread of its
 * own ({@code tradermetrics-alerts}), so that raising an alert never blocks or fails the caller.
 *
 * <p>{@link #offer(Alert)} only enqueues: when the queue is full the alert is dropped and counted
 * ({@code tradermetrics_alerts_dropped_total}; it was logged when raised). The thread takes up to
 * {@code batchSize} alerts at a time and hands them to the sink; when the sink throws (Alertmanager
 * down, timeout, HTTP 5xx, 408 or 429), the failure is counted ({@code tradermetrics_alerts_send_failures_total})
 * and the same batch is retried after a backoff that doubles from {@code initialBackoff} up to
 * {@code maxBackoff}. When the sink throws {@link AlertRejectedException} (Alertmanager refused the
 * batch for good: HTTP 4xx other than 408 and 429), retrying cannot help: the failure is counted,
 * the batch is dropped at once (counted in {@code tradermetrics_alerts_dropped_total}; the first
 * rejection is logged at WARN, further ones at DEBUG) and the next batch is sent without waiting. Alerts older than {@code expireAfter} are given up (counted as dropped): by
 * then Alertmanager would show them resolved anyway. Delivered alerts are counted in
 * {@code tradermetrics_alerts_sent_total}. The first failure of an outage is logged at WARN,
 * further retries at DEBUG, the recovery at INFO.
 *
 * <p>Registers its meters (and {@code tradermetrics_alerts_raised_total} for every severity, so
 * that every series exists from the start) on the registry given to {@link #builder}.
 * Thread-safe: any thread may offer; {@link #close()} is idempotent.
 */
public final class AlertDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("io.tradermetrics.alerts");
  /** How long {@link #close()} waits for the thread after interrupting it at the close deadline. */
  public static final long CLOSE_GRACE_MILLIS = 500;

  private final AlertSink sink;
  private final ArrayBlockingQueue<Alert> queue;
  private final int batchSize;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final Duration expireAfter;
  private final Duration closeTimeout;
  private final Clock clock;
  private final Counter dropped;
  private final Counter sent;
  private final Counter failures;
  private final Thread worker;
  private final Object wake = new Object();
  private volatile boolean closing;
  private volatile long drainDeadlineNanos;
  /** Set by the worker before its last sweep of the queue; an offer that sees it takes its alert back. */
  private volatile boolean workerDone;
  /** Whether a rejected batch has been logged at WARN (then DEBUG); worker thread only. */
  private boolean rejectionLogged;

  private AlertDispatcher(Builder b) {
    this.sink = b.sink;
    this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    this.batchSize = b.batchSize;
    this.initialBackoffNanos = b.initialBackoff.toNanos();
    this.maxBackoffNanos = b.maxBackoff.toNanos();
    this.expireAfter = b.expireAfter;
    this.closeTimeout = b.closeTimeout;
    this.clock = b.clock;
    MeterRegistry registry = b.registry;
    AlertChannel.registerMeters(registry);
    this.dropped = counter(registry, MetricCatalog.ALERTS_DROPPED);
    this.sent = counter(registry, MetricCatalog.ALERTS_SENT);
    this.failures = counter(registry, MetricCatalog.ALERTS_SEND_FAILURES);
    this.worker = new Thread(this::run, "tradermetrics-alerts");
    this.worker.setDaemon(true);
  }

  private static Counter counter(MeterRegistry registry, io.tradermetrics.catalog.MetricDefinition definition) {
    return Counter.builder(definition.meterName("")).description(definition.help()).register(registry);
  }

  /**
   * A builder.
   *
   * @param sink     where alerts go
   * @param registry where the dispatcher's counters are registered
   */
  public static Builder builder(AlertSink sink, MeterRegistry registry) {
    return new Builder(sink, registry);
  }

  /**
   * Enqueues an alert for delivery without blocking.
   *
   * @return false if the queue was full or the dispatcher is closed; the alert is then counted as dropped
   */
  public boolean offer(Alert alert) {
    if (!closing && queue.offer(alert)) {
      if (!workerDone) {
        return true;
      }
      // close() began after the check above and the worker has swept the queue a last time: nobody
      // will send this alert. Take it back and count it, unless the last sweep took (and counted) it.
      if (queue.remove(alert)) {
        dropped.increment();
      }
      LOG.debug("tradermetrics: alert {} dropped: the dispatcher closed while it was queued", alert.name());
      return false;
    }
    dropped.increment();
    LOG.debug("tradermetrics: alert {} dropped: the send queue is full or closed", alert.name());
    return false;
  }

  /** Alerts waiting to be delivered. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    List<Alert> batch = new ArrayList<>(batchSize);
    long backoffNanos = initialBackoffNanos;
    boolean failing = false;
    while (true) {
      try {
        if (batch.isEmpty()) {
          if (closing && (queue.isEmpty() || System.nanoTime() - drainDeadlineNanos > 0)) {
            break;
          }
          Alert first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, batchSize - 1);
        }
        dropExpired(batch);
        if (batch.isEmpty()) {
          continue;
        }
        try {
          sink.send(List.copyOf(batch));
          sent.increment(batch.size());
          batch.clear();
          backoffNanos = initialBackoffNanos;
          if (failing) {
            failing = false;
            LOG.info("tradermetrics: alert delivery recovered");
          }
        } catch (AlertRejectedException e) {
          failures.increment();
          dropped.increment(batch.size());
          if (!rejectionLogged) {
            rejectionLogged = true;
            LOG.warn("tradermetrics: {} alert(s) refused and dropped, not retried (further refusals are logged at "
                + "DEBUG): {}", batch.size(), e.getMessage());
          } else {
            LOG.debug("tradermetrics: {} alert(s) refused and dropped: {}", batch.size(), e.getMessage());
          }
          batch.clear();
        } catch (Exception e) {
          failures.increment();
          if (!failing) {
            failing = true;
            LOG.warn("tradermetrics: cannot deliver {} alert(s), retrying with backoff (up to {} ms; further failures "
                + "are logged at DEBUG): {}", batch.size(), TimeUnit.NANOSECONDS.toMillis(maxBackoffNanos), e.toString());
          } else {
            LOG.debug("tradermetrics: alert delivery failed again", e);
          }
          if (closing && System.nanoTime() - drainDeadlineNanos > 0) {
            dropped.increment(batch.size());
            batch.clear();
            continue;
          }
          pause(backoffNanos);
          backoffNanos = Math.min(maxBackoffNanos, backoffNanos * 2);
        }
      } catch (InterruptedException e) {
        // close() interrupts a backoff: loop, then drain or stop
      } catch (Throwable t) {
        LOG.warn("tradermetrics: alert dispatcher failed; alerts in hand are dropped", t);
        dropped.increment(batch.size());
        batch.clear();
      }
    }
    // an offer that enqueues after this sweep sees workerDone and takes its alert back (see offer)
    workerDone = true;
    int left = batch.size();
    batch.clear();
    while (queue.poll() != null) {
      left++;
    }
    if (left > 0) {
      dropped.increment(left);
      LOG.warn("tradermetrics: {} alert(s) not delivered before close (they were logged when raised)", left);
    }
  }

  /** Waits before a retry; close() cuts the wait short once, and while closing no wait passes the drain deadline. */
  private void pause(long nanos) throws InterruptedException {
    boolean wasClosing = closing;
    long deadline = System.nanoTime() + nanos;
    if (wasClosing && drainDeadlineNanos - deadline < 0) {
      deadline = drainDeadlineNanos;
    }
    synchronized (wake) {
      long left;
      while ((wasClosing || !closing) && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(wake, left);
      }
    }
  }

  private void dropExpired(List<Alert> batch) {
    Instant oldest = Instant.ofEpochMilli(clock.wallTime()).minus(expireAfter);
    for (Iterator<Alert> it = batch.iterator(); it.hasNext(); ) {
      Alert alert = it.next();
      if (alert.timestamp().isBefore(oldest)) {
        it.remove();
        dropped.increment();
        LOG.warn("tradermetrics: alert {} given up: not delivered within {} of being raised", alert.name(), expireAfter);
      }
    }
  }

  /**
   * Stops taking alerts, tries for up to the close timeout to deliver what is queued, then stops
   * the thread; what is left is counted as dropped. Idempotent.
   *
   * <p>Bounded: returns within {@code closeTimeout} plus at most 500 ms.
   * A post still in flight at the deadline (one post can take up to the sink's own timeout, 5 s for
   * Alertmanager by default) is cancelled by interrupting the dispatcher's thread; its batch and
   * everything still queued are counted in {@code tradermetrics_alerts_dropped_total}. A sink that
   * ignores interruption keeps the (daemon) thread alive past this call; its batch is counted when
   * the sink returns.
   *
   * <p>Alerts are delivered from memory: alerts raised shortly before the JVM exits without this
   * being called (e.g. {@code System.exit} with no shutdown hook; metrics-guice installs one only
   * with {@code tradermetrics.lifecycle.shutdown-hook = true}) may never reach Alertmanager. They were
   * logged when raised.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    drainDeadlineNanos = System.nanoTime() + closeTimeout.toNanos();
    closing = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    try {
      long waitNanos = drainDeadlineNanos - System.nanoTime();
      if (waitNanos > 0) {
        TimeUnit.NANOSECONDS.timedJoin(worker, waitNanos);
      }
      if (worker.isAlive()) {
        // at the deadline: cancel a post in flight (the JDK HttpClient aborts on interrupt) or a wait
        worker.interrupt();
        worker.join(CLOSE_GRACE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Builds an {@link AlertDispatcher}; {@link #build()} starts its thread. Not thread-safe.
   */
  public static final class Builder {
    private final AlertSink sink;
    private final MeterRegistry registry;
    private int queueCapacity = 1000;
    private int batchSize = 64;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration expireAfter = Duration.ofMinutes(10);
    private Duration closeTimeout = Duration.ofSeconds(2);
    private Clock clock = Clock.SYSTEM;

    private Builder(AlertSink sink, MeterRegistry registry) {
      this.sink = Objects.requireNonNull(sink, "sink");
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Optional: alerts waiting at most; further ones are dropped and counted. Default is 1000. */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queueCapacity " + capacity + " is not valid: expected 1 or more");
      }
      this.queueCapacity = capacity;
      return this;
    }

    /** Optional: alerts per call of the sink at most. Default is 64. */
    public Builder batchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("batchSize " + size + " is not valid: expected 1 or more");
      }
      this.batchSize = size;
      return this;
    }

    /** Optional: the wait after the first failed delivery, doubled after each further one. Default is 500 ms. */
    public Builder initialBackoff(Duration backoff) {
      this.initialBackoff = positive("initialBackoff", backoff);
      return this;
    }

    /** Optional: the longest wait between retries. Default is 30 s. */
    public Builder maxBackoff(Duration backoff) {
      this.maxBackoff = positive("maxBackoff", backoff);
      return this;
    }

    /** Optional: how long after being raised an undelivered alert is given up. Default is 10 min. */
    public Builder expireAfter(Duration expireAfter) {
      this.expireAfter = positive("expireAfter", expireAfter);
      return this;
    }

    /**
     * Optional: how long {@link AlertDispatcher#close()} keeps trying to deliver what is queued; a
     * post still in flight then is cancelled. Default is 2 s.
     */
    public Builder closeTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout " + timeout + " is not valid: expected 0 or more");
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * Optional: the clock whose wall time ages alerts ({@code expireAfter}). Default is {@link Clock#SYSTEM}; tests
     * pass a {@code MockClock}. The retry backoff and the close deadline are real waits of the dispatcher's thread
     * and follow the system's monotonic time.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Registers the meters and starts the dispatcher's thread.
     *
     * @throws IllegalArgumentException if {@code maxBackoff} is shorter than {@code initialBackoff}
     */
    public AlertDispatcher build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is not valid: expected at least initialBackoff "
            + initialBackoff);
      }
      AlertDispatcher dispatcher = new AlertDispatcher(this);
      dispatcher.worker.start();
      return dispatcher;
    }

    private static Duration positive(String option, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(option + " " + d + " is not valid: expected a positive duration");
      }
      return d;
    }
  }

}
