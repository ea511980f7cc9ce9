package io.tradermetrics.guice;

import static io.tradermetrics.guice.ConfigKey.duration;
import static io.tradermetrics.guice.ConfigKey.integer;
import static io.tradermetrics.guice.ConfigKey.map;
import static io.tradermetrics.guice.ConfigKey.string;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The keys of event-alert delivery to Alertmanager ({@code alerts.*}). Immutable. */
final class AlertsProperties {

  private static final String HTTP_URL = "an http or https URL";

  static final ConfigKey ALERTMANAGER_URL = string("alerts.alertmanager-url", "",
      "empty (alerts are only logged and counted) or " + HTTP_URL + ", e.g. http://alertmanager:9093");
  static final ConfigKey QUEUE_CAPACITY = integer("alerts.queue-capacity", 1000, 1, 1_000_000);
  static final ConfigKey TIMEOUT = duration("alerts.timeout", Duration.ofSeconds(5), Duration.ofMillis(1),
      Duration.ofMinutes(5));
  static final ConfigKey INITIAL_BACKOFF = duration("alerts.initial-backoff", Duration.ofMillis(500), Duration.ofMillis(1),
      Duration.ofHours(1));
  static final ConfigKey MAX_BACKOFF = duration("alerts.max-backoff", Duration.ofSeconds(30), Duration.ofMillis(1),
      Duration.ofHours(1));
  static final ConfigKey RESOLVE_AFTER = duration("alerts.resolve-after", Duration.ofMinutes(5), Duration.ofSeconds(1),
      Duration.ofDays(7));
  static final ConfigKey RUNBOOK_URL = string("alerts.runbook-url", "",
      "empty or " + HTTP_URL + ", e.g. https://wiki.example.com/runbooks/trading");
  static final ConfigKey LABELS = map("alerts.labels", "label names (" + InstrumentationProperties.TAG_KEY_RULE + ") to strings");

  static final List<ConfigKey> KEYS = List.of(ALERTMANAGER_URL, QUEUE_CAPACITY, TIMEOUT, INITIAL_BACKOFF, MAX_BACKOFF,
      RESOLVE_AFTER, RUNBOOK_URL, LABELS);

  final TraderMetricsConfig.@Nullable Alerting alerting;

  private AlertsProperties(ConfigReader r, Map<String, String> commonTags) {
    String amUrl = r.string(ALERTMANAGER_URL, v -> true);
    URI am = amUrl.isBlank() ? null : r.httpUrl(ALERTMANAGER_URL);
    int queueCapacity = r.integer(QUEUE_CAPACITY);
    Duration timeout = r.duration(TIMEOUT);
    Duration initialBackoff = r.duration(INITIAL_BACKOFF);
    Duration maxBackoff = r.duration(MAX_BACKOFF);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      r.bad(MAX_BACKOFF, "at least alerts.initial-backoff (" + initialBackoff + ")");
    }
    Duration resolveAfter = r.duration(RESOLVE_AFTER);
    String runbookUrl = r.string(RUNBOOK_URL, v -> v.isEmpty() || v.startsWith("http://") || v.startsWith("https://"));
    Map<String, String> labels = new LinkedHashMap<>(commonTags);
    labels.putAll(r.stringMap(LABELS, InstrumentationProperties.TAG_KEY,
        "a label name: " + InstrumentationProperties.TAG_KEY_RULE));
    alerting = am == null ? null : new TraderMetricsConfig.Alerting(am, queueCapacity, timeout, initialBackoff, maxBackoff,
        resolveAfter, runbookUrl, labels);
  }

  /** @param commonTags added to every alert's labels before {@code alerts.labels} */
  static AlertsProperties load(ConfigReader reader, Map<String, String> commonTags) {
    return new AlertsProperties(reader, commonTags);
  }
}
