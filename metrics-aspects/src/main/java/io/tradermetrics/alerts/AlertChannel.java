package io.tradermetrics.alerts;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.catalog.MetricCatalog;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert side of one binding ({@code TraderMetrics.bind}): the raised counters of its registry,
 * the throttle, on its clock, and the dispatcher alerts are delivered through, if any. What
 * {@link Alerts} and {@code @RaiseAlert} use; created and swapped with the binding, so a new
 * binding starts with a fresh throttle.
 *
 * <p>{@link #raise(Alert)} never throws or blocks. It counts the alert in
 * {@code tradermetrics_alerts_raised_total{severity}}; then, unless the same alert identity (name and
 * labels, which is also how Alertmanager tells alerts apart) passed less than
 * {@link Alerts#THROTTLE_INTERVAL} ago on the clock, writes it to the log {@code io.tradermetrics.alerts}
 * (ERROR for critical, WARN for warning, INFO for info) and queues it with the dispatcher. The next
 * line of an identity says how many raises were suppressed. At most 10,000 identities are tracked;
 * beyond that the throttle starts afresh. A failure inside (a counter that throws, a logger that
 * fails) is logged at WARN once per kind, then at DEBUG. Thread-safe.
 */
public final class AlertChannel {

  private static final Logger LOG = LoggerFactory.getLogger("io.tradermetrics.alerts");
  private static final long THROTTLE_NANOS = Alerts.THROTTLE_INTERVAL.toNanos();
  private static final int MAX_IDENTITIES = 10_000;

  private final MeterRegistry registry;
  private final Clock clock;
  private final @Nullable AlertDispatcher dispatcher;
  private final ConcurrentHashMap<Identity, Gate> gates = new ConcurrentHashMap<>();
  private final Set<Class<?>> warnedFailures = ConcurrentHashMap.newKeySet();
  private volatile Counter @Nullable [] raised;

  private AlertChannel(MeterRegistry registry, Clock clock, @Nullable AlertDispatcher dispatcher) {
    this.registry = registry;
    this.clock = clock;
    this.dispatcher = dispatcher;
  }

  /**
   * The alert channel of a binding. {@code tradermetrics_alerts_raised_total} is registered with the
   * first raise (or up front with {@link #registerMeters}); if the registry refuses it, raising still
   * logs and delivers. Never throws.
   *
   * @param clock      the binding's clock: throttle intervals (monotonic) and alert timestamps (wall)
   * @param dispatcher where alerts are delivered, or null: logged and counted only
   */
  public static AlertChannel create(MeterRegistry registry, Clock clock, @Nullable AlertDispatcher dispatcher) {
    return new AlertChannel(registry, clock, dispatcher);
  }

  /** The dispatcher alerts are delivered through, or null. */
  public @Nullable AlertDispatcher dispatcher() {
    return dispatcher;
  }

  /** Now on the binding's clock, as an alert timestamp (microseconds with the system clock). */
  public Instant now() {
    return clock == Clock.SYSTEM || clock instanceof io.tradermetrics.aspects.TraderClock
        ? Instant.now() : Instant.ofEpochMilli(clock.wallTime());
  }

  /**
   * Counts, throttles, logs and queues an alert; see the class comment. Never throws.
   *
   * @return whether it was queued for delivery (false when throttled, without a dispatcher, or when
   *     its queue is full)
   */
  public boolean raise(Alert alert) {
    long suppressed = admit(alert.name(), alert.severity(), alert.labels());
    return suppressed >= 0 && deliverAdmitted(alert, suppressed);
  }

  /**
   * The first half of {@link #raise}, for {@code @RaiseAlert}, which builds the alert's message and
   * fields only when this admits it: counts the raise and checks the throttle. Never throws.
   *
   * @param labels the alert's labels (compared by content, not copied)
   * @return how many raises of this identity were suppressed since it was last admitted (0 or more)
   *     if this one is admitted, then call {@link #deliverAdmitted}; -1 if it is suppressed
   */
  public long admit(String name, AlertSeverity severity, Map<String, String> labels) {
    try {
      Counter[] counters = counters();
      if (counters.length > 0) {
        counters[severity.ordinal()].increment();
      }
    } catch (Throwable t) {
      failed("counting a raised alert", t);
    }
    try {
      if (gates.size() >= MAX_IDENTITIES) {
        gates.clear();
      }
      return gates.computeIfAbsent(new Identity(name, labels), k -> new Gate()).tryPass(clock.monotonicTime());
    } catch (Throwable t) {
      failed("throttling an alert", t);
      return -1;
    }
  }

  /**
   * The second half of {@link #raise}, after {@link #admit} admitted the alert: logs it (with the
   * number of suppressed raises) and queues it with the dispatcher. Never throws.
   *
   * @param suppressed what {@link #admit} returned
   * @return whether it was queued for delivery
   */
  public boolean deliverAdmitted(Alert alert, long suppressed) {
    try {
      log(alert, suppressed);
    } catch (Throwable t) {
      failed("logging an alert", t);
    }
    try {
      return dispatcher != null && dispatcher.offer(alert);
    } catch (Throwable t) {
      failed("queueing an alert", t);
      return false;
    }
  }

  /** Forgets which alerts were raised lately: the next raise of each is logged and queued. */
  void resetThrottle() {
    gates.clear();
  }

  /**
   * Registers {@code tradermetrics_alerts_raised_total{severity}} for every severity in
   * {@code registry}, so that the series exist (at 0) before the first alert. Idempotent.
   */
  public static void registerMeters(MeterRegistry registry) {
    for (AlertSeverity severity : AlertSeverity.values()) {
      raisedCounter(registry, severity);
    }
  }

  /** The raised counters by severity, registered once; none if the registry refused them (asked once). */
  private Counter[] counters() {
    Counter[] counters = raised;
    if (counters == null) {
      synchronized (this) {
        counters = raised;
        if (counters == null) {
          try {
            counters = new Counter[AlertSeverity.values().length];
            for (AlertSeverity s : AlertSeverity.values()) {
              counters[s.ordinal()] = raisedCounter(registry, s);
            }
          } catch (Throwable t) {
            counters = new Counter[0];
            failed("registering tradermetrics_alerts_raised_total", t);
          }
          raised = counters;
        }
      }
    }
    return counters;
  }

  private static Counter raisedCounter(MeterRegistry registry, AlertSeverity severity) {
    return Counter.builder(MetricCatalog.ALERTS_RAISED.meterName(""))
        .description(MetricCatalog.ALERTS_RAISED.help())
        .tag(MetricCatalog.SEVERITY, severity.label())
        .register(registry);
  }

  /** Logs a failure of the alert path: WARN the first time per exception class, then DEBUG. Never throws. */
  private void failed(String what, Throwable t) {
    if (t instanceof VirtualMachineError vme && !(t instanceof OutOfMemoryError)) {
      throw vme;
    }
    try {
      if (warnedFailures.add(t.getClass())) {
        LOG.warn("tradermetrics: {} failed; the caller was not affected (further failures of this kind are logged "
            + "at DEBUG)", what, t);
      } else if (LOG.isDebugEnabled()) {
        LOG.debug("tradermetrics: {} failed", what, t);
      }
    } catch (Throwable ignored) {
      // a logger that fails: nothing else to tell
    }
  }

  private static void log(Alert alert, long suppressed) {
    String line = "ALERT " + alert.severity().label() + " " + alert.name() + ": " + alert.summary()
        + (alert.message().isEmpty() ? "" : " - " + alert.message())
        + render(" labels", alert.labels()) + render(" fields", alert.fields()) + " at " + alert.timestamp()
        + (suppressed > 0 ? " (" + suppressed + " more suppressed since the last line of this alert)" : "");
    switch (alert.severity()) {
      case CRITICAL, ERROR -> LOG.error(line);
      case WARNING -> LOG.warn(line);
      default -> LOG.info(line);
    }
  }

  private static String render(String title, Map<String, String> values) {
    return values.isEmpty() ? "" : title + values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", " {", "}"));
  }

  /** What Alertmanager tells alerts apart by (besides the configured common labels). */
  private record Identity(String name, Map<String, String> labels) {}

  /** The throttle of one alert identity. */
  private static final class Gate {
    private static final long NEVER = Long.MIN_VALUE;
    private final AtomicLong lastPassed = new AtomicLong(NEVER);
    private final AtomicLong suppressed = new AtomicLong();

    /** The number suppressed since the last pass if this call passes, else -1 (and it is counted as suppressed). */
    long tryPass(long now) {
      long last = lastPassed.get();
      if ((last == NEVER || now - last >= THROTTLE_NANOS) && lastPassed.compareAndSet(last, now)) {
        return suppressed.getAndSet(0);
      }
      suppressed.incrementAndGet();
      return -1;
    }
  }
}
