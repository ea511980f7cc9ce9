package io.tradermetrics.alerts;

/**
 * Thrown by an {@link AlertSink} when the destination refused a batch for good, e.g. Alertmanager
 * answering HTTP 400 (malformed alert) or 401/403/404 (credentials or URL wrong): sending the same
 * batch again would fail the same way. The {@link AlertDispatcher} then does not retry the batch: it
 * drops it (counted in {@code tradermetrics_alerts_dropped_total}), counts the failed post
 * ({@code tradermetrics_alerts_send_failures_total}) and goes on with the next batch, so one bad
 * batch cannot hold up the alerts behind it. Any other exception from a sink is taken as transient
 * (connection refused, timeout, 5xx, 408, 429) and retried with backoff.
 */
public class AlertRejectedException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was refused and why, e.g. the HTTP status and the start of the response body
   * @param cause   the underlying failure, or null
   */
  public AlertRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
