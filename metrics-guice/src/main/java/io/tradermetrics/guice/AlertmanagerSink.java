package io.tradermetrics.guice;

import io.tradermetrics.alerts.Alert;
import io.tradermetrics.alerts.AlertRejectedException;
import io.tradermetrics.alerts.AlertSink;
import io.tradermetrics.exporter.AlertmanagerClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Delivers event alerts to Alertmanager: each {@link Alert} becomes a postable alert with labels
 * {@code alertname}, {@code severity}, the configured labels and the alert's own labels, and
 * annotations {@code summary}, {@code description}, {@code runbook_url} (when a runbook base URL is
 * configured) and the alert's fields; {@code startsAt} is the alert's time and {@code endsAt} that
 * plus {@code tradermetrics.alerts.resolve-after}. A 4xx answer other than 408 and 429 is thrown as
 * {@link AlertRejectedException} (the dispatcher drops the batch instead of retrying it); other
 * failures as they come (retried). Called on the dispatcher's thread only.
 */
final class AlertmanagerSink implements AlertSink {

  private final AlertmanagerClient client;
  private final TraderMetricsConfig.Alerting settings;

  AlertmanagerSink(AlertmanagerClient client, TraderMetricsConfig.Alerting settings) {
    this.client = client;
    this.settings = settings;
  }

  @Override
  public void send(List<Alert> alerts) throws Exception {
    List<AlertmanagerClient.PostableAlert> postable = new ArrayList<>(alerts.size());
    for (Alert alert : alerts) {
      postable.add(toPostable(alert));
    }
    try {
      client.post(postable);
    } catch (AlertmanagerClient.StatusException e) {
      if (e.permanent()) {
        throw new AlertRejectedException(e.getMessage(), e);
      }
      throw e;
    }
  }

  AlertmanagerClient.PostableAlert toPostable(Alert alert) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", alert.name());
    labels.put("severity", alert.severity().label());
    labels.putAll(settings.labels());
    labels.putAll(alert.labels());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", alert.summary());
    if (!alert.message().isEmpty()) {
      annotations.put("description", alert.message());
    }
    if (!settings.runbookUrl().isEmpty()) {
      annotations.put("runbook_url", settings.runbookUrl() + "#" + alert.name().toLowerCase(Locale.ROOT));
    }
    annotations.putAll(alert.fields());
    return new AlertmanagerClient.PostableAlert(labels, annotations, alert.timestamp(),
        alert.timestamp().plus(settings.resolveAfter()), null);
  }
}
