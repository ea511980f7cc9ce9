package io.tradermetrics.alerts;

import java.util.List;

/**
 * Where an {@link AlertDispatcher} delivers event alerts, e.g. Alertmanager's
 * {@code /api/v2/alerts} (metrics-guice wires one when {@code tradermetrics.alerts.alertmanager-url}
 * is set). Called on the dispatcher's own thread only, one batch at a time, never on a trading
 * thread; it may block (up to its own timeout).
 */
@FunctionalInterface
public interface AlertSink {

  /**
   * Delivers a batch of alerts.
   *
   * @param alerts one to the dispatcher's batch size, oldest first
   * @throws AlertRejectedException when the destination refused the batch for good (e.g. HTTP 4xx
   *     other than 408 and 429); the dispatcher drops the batch, counts it and goes on
   * @throws Exception when the batch was not delivered for a reason that may pass (connection error,
   *     timeout, HTTP 5xx, 408, 429); the dispatcher retries it with backoff
   */
  void send(List<Alert> alerts) throws Exception;
}
