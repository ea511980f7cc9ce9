package io.tradermetrics.aspects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.catalog.MetricCatalog;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises event alerts from code: the API behind {@link RaiseAlert @RaiseAlert}, for events that
 * must reach a person now (circuit breaker tripped, risk limit breached, venue disconnected,
 * strategy panic, large execution).
 *
 * <p>{@link #raise(Alert)} does three things and never throws or blocks: it writes the alert to
 * the log {@code io.tradermetrics.alerts} (always; ERROR for critical, WARN for warning, INFO for
 * info), counts it in {@code tradermetrics_alerts_raised_total{severity}} in the registry the
 * aspects record into ({@link TraderMetrics#registry()}), and, if a dispatcher is bound
 * ({@link #sendTo}), hands it to the dispatcher's bounded queue for delivery to Alertmanager.
 * {@code TraderMetricsModule} binds a dispatcher when {@code tradermetrics.alerts.alertmanager-url}
 * is set. Like {@link TraderMetrics}, a static holder, because the woven aspects cannot be injected.
 * Thread-safe.
 *
 * <p>Throttled per alert identity (name and labels, which is also how Alertmanager tells alerts
 * apart): of the raises of one identity, at most one per {@link #THROTTLE_INTERVAL} (1 s) is logged
 * and queued; the others are only counted in {@code tradermetrics_alerts_raised_total}, and the next
 * log line of that identity says how many were suppressed ("N more suppressed"). So a
 * {@code @RaiseAlert(when = THREW)} on a hot method during an outage costs its callers a counter
 * increment and a map look-up per call, not a log line and an enqueue each. Nothing is lost that
 * Alertmanager would keep: it de-duplicates alerts with identical labels anyway (a repeat only
 * refreshes the alert's annotations and times); the message and fields of suppressed repeats appear
 * in neither the log nor Alertmanager. At most 10,000 identities are tracked; beyond that the
 * throttle starts afresh.
 */
public final class Alerts {

  private static final Logger LOG = LoggerFactory.getLogger("io.tradermetrics.alerts");
  private static final AtomicReference<@Nullable AlertDispatcher> DISPATCHER = new AtomicReference<>();

  /** Per alert identity (name and labels), at most one raise per interval is logged and queued. */
  public static final Duration THROTTLE_INTERVAL = Duration.ofSeconds(1);
  private static final long THROTTLE_NANOS = THROTTLE_INTERVAL.toNanos();
  private static final int MAX_IDENTITIES = 10_000;
  private static final ConcurrentHashMap<Identity, Gate> GATES = new ConcurrentHashMap<>();
  private static volatile @Nullable RaisedCounters raised;

  private Alerts() {}

  /**
   * Counts the alert and, unless the same alert identity (name and labels) was logged and queued
   * less than {@link #THROTTLE_INTERVAL} ago, logs it and (with a bound dispatcher) queues it for
   * Alertmanager. Returns at once; never throws.
   *
   * @param alert the alert
   * @return whether it was queued for delivery (false when throttled, when no dispatcher is bound or
   *     when its queue is full)
   */
  public static boolean raise(Alert alert) {
    try {
      long suppressed = admit(alert.name(), alert.severity(), alert.labels());
      return suppressed >= 0 && deliverAdmitted(alert, suppressed);
    } catch (Throwable t) {
      LOG.warn("tradermetrics: raising alert failed; the caller was not affected", t);
      return false;
    }
  }

  /**
   * The first half of {@link #raise}, for the woven {@code @RaiseAlert} instrument, which builds the
   * alert's message and fields only when this admits it: counts the raise in
   * {@code tradermetrics_alerts_raised_total{severity}} and checks the throttle. Never throws.
   *
   * @param name     the alert's name
   * @param severity the alert's severity
   * @param labels   the alert's labels (compared by content, not copied)
   * @return how many raises of this identity were suppressed since it was last admitted (0 or more)
   *     if this one is admitted: then call {@link #deliverAdmitted}; -1 if this one is suppressed
   */
  public static long admit(String name, AlertSeverity severity, Map<String, String> labels) {
    try {
      raisedCounter(severity).increment();
      if (GATES.size() >= MAX_IDENTITIES) {
        GATES.clear();
      }
      return GATES.computeIfAbsent(new Identity(name, labels), k -> new Gate()).tryPass(System.nanoTime());
    } catch (Throwable t) {
      LOG.warn("tradermetrics: raising alert failed; the caller was not affected", t);
      return -1;
    }
  }

  /**
   * The second half of {@link #raise}, after {@link #admit} admitted the alert: logs it (with the
   * number of suppressed raises) and queues it with the bound dispatcher. Never throws.
   *
   * @param suppressed what {@link #admit} returned
   * @return whether it was queued for delivery
   */
  public static boolean deliverAdmitted(Alert alert, long suppressed) {
    try {
      log(alert, suppressed);
      AlertDispatcher dispatcher = DISPATCHER.get();
      return dispatcher != null && dispatcher.offer(alert);
    } catch (Throwable t) {
      LOG.warn("tradermetrics: raising alert failed; the caller was not affected", t);
      return false;
    }
  }

  /**
   * Delivers raised alerts through {@code dispatcher} from now on, with the throttle started afresh
   * (so the first raise of every alert reaches it).
   *
   * @return the dispatcher bound before, or null
   */
  public static @Nullable AlertDispatcher sendTo(AlertDispatcher dispatcher) {
    resetThrottle();
    return DISPATCHER.getAndSet(dispatcher);
  }

  /**
   * Stops delivering through {@code dispatcher}, but only if it is the one bound now (so closing one
   * injector cannot unbind another's). Does not close it.
   *
   * @return whether it was bound and has been unbound
   */
  public static boolean stopSending(AlertDispatcher dispatcher) {
    return DISPATCHER.compareAndSet(dispatcher, null);
  }

  /** The dispatcher alerts are delivered through now, or null: then alerts are only logged and counted. */
  public static @Nullable AlertDispatcher dispatcher() {
    return DISPATCHER.get();
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

  /** Forgets which alerts were raised lately: the next raise of each is logged and queued. */
  static void resetThrottle() {
    GATES.clear();
  }

  /** The raised counter of {@link TraderMetrics#registry()}, looked up once per registry. */
  private static Counter raisedCounter(AlertSeverity severity) {
    MeterRegistry registry = TraderMetrics.registry();
    RaisedCounters counters = raised;
    if (counters == null || counters.registry != registry) {
      Counter[] bySeverity = new Counter[AlertSeverity.values().length];
      for (AlertSeverity s : AlertSeverity.values()) {
        bySeverity[s.ordinal()] = raisedCounter(registry, s);
      }
      counters = new RaisedCounters(registry, bySeverity);
      raised = counters;
    }
    return counters.bySeverity[severity.ordinal()];
  }

  private record RaisedCounters(MeterRegistry registry, Counter[] bySeverity) {}

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

  /** {@code tradermetrics_alerts_raised_total{severity}} in {@code registry}, registered if new. */
  static Counter raisedCounter(MeterRegistry registry, AlertSeverity severity) {
    return Counter.builder(MetricCatalog.ALERTS_RAISED.meterName(""))
        .description(MetricCatalog.ALERTS_RAISED.help())
        .tag(MetricCatalog.SEVERITY, severity.label())
        .register(registry);
  }

  private static void log(Alert alert, long suppressed) {
    String line = "ALERT " + alert.severity().label() + " " + alert.name() + ": " + alert.summary()
        + (alert.message().isEmpty() ? "" : " - " + alert.message())
        + render(" labels", alert.labels()) + render(" fields", alert.fields()) + " at " + alert.timestamp()
        + (suppressed > 0 ? " (" + suppressed + " more suppressed since the last line of this alert)" : "");
    switch (alert.severity()) {
      case CRITICAL -> LOG.error(line);
      case WARNING -> LOG.warn(line);
      default -> LOG.info(line);
    }
  }

  private static String render(String title, Map<String, String> values) {
    return values.isEmpty() ? "" : title + values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", " {", "}"));
  }
}
