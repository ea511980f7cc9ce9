package io.tradermetrics.annotation;

import java.util.Locale;

/**
 * How urgent an event alert is. Rendered lower-case as the {@code severity} label of the alert in
 * Alertmanager (which routes on it: {@code examples/monitoring/alertmanager/alertmanager.yml} sends
 * {@code critical} and {@code error} to Slack and Telegram, {@code warning} and {@code info} to Slack,
 * all of them to the log receiver) and of {@code tradermetrics_alerts_raised_total}; the same words
 * the Prometheus rules use.
 */
public enum AlertSeverity {
  /** A person must act now: circuit breaker tripped, risk limit breached, strategy panic. Logged at ERROR. */
  CRITICAL,
  /** Something is broken and must be fixed today, without paging at night: a venue disconnected for minutes. Logged at ERROR. */
  ERROR,
  /** A person should look soon: venue disconnected and reconnecting, unusual rejects. Logged at WARN. */
  WARNING,
  /** Worth knowing, no action: a large execution. Logged at INFO. */
  INFO;

  /** The label value: {@code critical}, {@code error}, {@code warning} or {@code info}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
