package io.tradermetrics.aspects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.Map;
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
 */
public final class Alerts {

  private static final Logger LOG = LoggerFactory.getLogger("io.tradermetrics.alerts");
  private static final AtomicReference<@Nullable AlertDispatcher> DISPATCHER = new AtomicReference<>();

  private Alerts() {}

  /**
   * Logs, counts and (with a bound dispatcher) queues the alert for Alertmanager. Returns at once;
   * never throws.
   *
   * @param alert the alert
   * @return whether it was queued for delivery (false when no dispatcher is bound or its queue is full)
   */
  public static boolean raise(Alert alert) {
    try {
      log(alert);
      raisedCounter(TraderMetrics.registry(), alert.severity()).increment();
      AlertDispatcher dispatcher = DISPATCHER.get();
      return dispatcher != null && dispatcher.offer(alert);
    } catch (Throwable t) {
      LOG.warn("tradermetrics: raising alert failed; the caller was not affected", t);
      return false;
    }
  }

  /**
   * Delivers raised alerts through {@code dispatcher} from now on.
   *
   * @return the dispatcher bound before, or null
   */
  public static @Nullable AlertDispatcher sendTo(AlertDispatcher dispatcher) {
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

  /** {@code tradermetrics_alerts_raised_total{severity}} in {@code registry}, registered if new. */
  static Counter raisedCounter(MeterRegistry registry, AlertSeverity severity) {
    return Counter.builder(MetricCatalog.ALERTS_RAISED.meterName(""))
        .description(MetricCatalog.ALERTS_RAISED.help())
        .tag(MetricCatalog.SEVERITY, severity.label())
        .register(registry);
  }

  private static void log(Alert alert) {
    String line = "ALERT " + alert.severity().label() + " " + alert.name() + ": " + alert.summary()
        + (alert.message().isEmpty() ? "" : " - " + alert.message())
        + render(" labels", alert.labels()) + render(" fields", alert.fields()) + " at " + alert.timestamp();
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
