package io.tradermetrics.alerts;

import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.aspects.TraderMetrics;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Raises event alerts from code: the API behind {@link RaiseAlert @RaiseAlert}, for events that
 * must reach a person now (circuit breaker tripped, risk limit breached, venue disconnected,
 * strategy panic, large execution).
 *
 * <pre>{@code
 * Alerts.raise(Alert.of(AlertSeverity.CRITICAL, "VenueDisconnected", "Venue disconnected")
 *     .withLabel("venue", "bitstamp"));
 * }</pre>
 *
 * <p>Each call goes to the {@link AlertChannel} of the current binding
 * ({@link TraderMetrics#alerts()}): counted in {@code tradermetrics_alerts_raised_total{severity}} of
 * the bound registry, throttled per alert identity (name and labels: at most one raise per
 * {@link #THROTTLE_INTERVAL} is logged and queued, the others only counted, and the next log line
 * says how many were suppressed), written to the log {@code io.tradermetrics.alerts} and queued with
 * the binding's {@link AlertDispatcher} for Alertmanager, if one was bound. Nothing is lost that
 * Alertmanager would keep: it de-duplicates alerts with identical labels anyway. Never throws or
 * blocks. Thread-safe.
 */
public final class Alerts {

  /** Per alert identity (name and labels), at most one raise per interval is logged and queued. */
  public static final Duration THROTTLE_INTERVAL = Duration.ofSeconds(1);

  private Alerts() {}

  /**
   * Counts the alert and, unless the same identity passed less than {@link #THROTTLE_INTERVAL} ago,
   * logs it and queues it for delivery. Returns at once; never throws.
   *
   * @return whether it was queued for delivery (false when throttled, when no dispatcher is bound or
   *     when its queue is full)
   */
  public static boolean raise(Alert alert) {
    return TraderMetrics.alerts().raise(alert);
  }

  /**
   * Counts a raise and checks the throttle, without logging or queueing: {@link AlertChannel#admit}
   * of the current binding. Never throws.
   *
   * @return the raises suppressed since this identity was last admitted if this one is admitted,
   *     else -1
   */
  public static long admit(String name, AlertSeverity severity, Map<String, String> labels) {
    return TraderMetrics.alerts().admit(name, severity, labels);
  }

  /** The dispatcher alerts are delivered through now, or null: then alerts are only logged and counted. */
  public static @Nullable AlertDispatcher dispatcher() {
    return TraderMetrics.alerts().dispatcher();
  }
}
