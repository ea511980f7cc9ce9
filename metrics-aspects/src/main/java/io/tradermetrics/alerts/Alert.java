package io.tradermetrics.alerts;

import io.tradermetrics.annotation.AlertSeverity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One event alert raised from code: what Alertmanager receives as an alert (labels and
 * annotations) and what the log line says. Build one with {@link #of}, add to it with the
 * {@code with...} methods (each returns a copy), raise it with {@link Alerts#raise(Alert)}.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Alerts.raise(Alert.of(AlertSeverity.CRITICAL, "VenueDisconnected", "Venue disconnected")
 *     .withLabel("venue", "bitstamp")
 *     .withMessage("websocket closed: " + reason)
 *     .withField("reconnectAttempts", String.valueOf(attempts)));
 * }</pre>
 *
 * @param name      the {@code alertname} label, e.g. {@code CircuitBreakerTripped}: letters, digits
 *                  and {@code _}, starting with a letter
 * @param severity  the {@code severity} label
 * @param summary   the {@code summary} annotation: a short constant title
 * @param message   the {@code description} annotation, empty for none
 * @param labels    further labels (Alertmanager groups, routes and de-duplicates on labels; keep
 *                  them low-cardinality, e.g. {@code symbol}, {@code venue}); copied, in order
 * @param fields    further annotations (free text values, any cardinality); copied, in order. Keys
 *                  become Alertmanager annotation names: the same rule as label keys, and not
 *                  {@link #RESERVED_FIELDS} ({@code summary}, {@code description}, {@code runbook_url})
 * @param timestamp when the event happened (wall clock), the alert's {@code startsAt}
 */
public record Alert(String name, AlertSeverity severity, String summary, String message,
    Map<String, String> labels, Map<String, String> fields, Instant timestamp) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /**
   * Field keys an alert cannot have, because the annotations of that name are set from the alert's
   * summary and message and from the configured runbook URL: {@code summary}, {@code description},
   * {@code runbook_url}.
   */
  public static final java.util.Set<String> RESERVED_FIELDS = java.util.Set.of("summary", "description", "runbook_url");

  /**
   * Checks names and copies the maps.
   *
   * @throws IllegalArgumentException if {@code name}, a label key or a field key is not a valid
   *     Prometheus label name (or a key starts with {@code __}), a label key is reserved
   *     ({@code alertname}, {@code severity}), a field key is reserved ({@link #RESERVED_FIELDS}), or
   *     {@code summary} is blank
   * @throws NullPointerException if any argument, key or value is null
   */
  public Alert {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(timestamp, "timestamp");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("alert name '" + name + "' is not valid: expected letters, digits and '_', "
          + "starting with a letter or '_', e.g. CircuitBreakerTripped");
    }
    if (summary.isBlank()) {
      throw new IllegalArgumentException("summary of alert " + name + " is blank: expected a short title");
    }
    for (String key : labels.keySet()) {
      if (!NAME.matcher(key).matches() || key.startsWith("__")) {
        throw new IllegalArgumentException("label key '" + key + "' of alert " + name
            + " is not valid: expected letters, digits and '_', not starting with a digit or '__'");
      }
      if (key.equals("alertname") || key.equals("severity")) {
        throw new IllegalArgumentException("label key '" + key + "' of alert " + name
            + " is reserved: it is set from the alert's name and severity");
      }
    }
    for (String key : fields.keySet()) {
      if (!NAME.matcher(key).matches() || key.startsWith("__")) {
        throw new IllegalArgumentException("field key '" + key + "' of alert " + name
            + " is not valid: expected letters, digits and '_', not starting with a digit or '__' (it becomes an "
            + "Alertmanager annotation name)");
      }
      if (RESERVED_FIELDS.contains(key)) {
        throw new IllegalArgumentException("field key '" + key + "' of alert " + name + " is reserved: summary and "
            + "description are set from the alert's summary and message, runbook_url from the configuration; "
            + "use withMessage(...) or another key");
      }
    }
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    labels.forEach((k, v) -> Objects.requireNonNull(v, () -> "value of label " + k));
    fields.forEach((k, v) -> Objects.requireNonNull(v, () -> "value of field " + k));
  }

  /**
   * A new alert, stamped now, with no message, labels or fields.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public static Alert of(AlertSeverity severity, String name, String summary) {
    return new Alert(name, severity, summary, "", Map.of(), Map.of(), Instant.now());
  }

  /** A copy with this {@code description}. */
  public Alert withMessage(String message) {
    return new Alert(name, severity, summary, message, labels, fields, timestamp);
  }

  /**
   * A copy with this label added (or replaced).
   *
   * @throws IllegalArgumentException if the key is not valid or reserved, as the constructor
   */
  public Alert withLabel(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(labels);
    copy.put(key, value);
    return new Alert(name, severity, summary, message, copy, fields, timestamp);
  }

  /**
   * A copy with this field (annotation) added (or replaced).
   *
   * @throws IllegalArgumentException if the key is not valid or reserved, as the constructor
   */
  public Alert withField(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(fields);
    copy.put(key, value);
    return new Alert(name, severity, summary, message, labels, copy, timestamp);
  }

  /** A copy stamped at {@code timestamp}. */
  public Alert withTimestamp(Instant timestamp) {
    return new Alert(name, severity, summary, message, labels, fields, timestamp);
  }
}
