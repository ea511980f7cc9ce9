package io.tradermetrics.aspects;

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
   * @throws Exception when the batch was not delivered; the dispatcher retries it with backoff
   */
  void send(List<Alert> alerts) throws Exception;
}
