package io.tradermetrics.exporter;

import java.util.Map;

/**
 * The outcome of one {@link HealthCheck}: a status and details rendered as JSON under
 * {@code components.<name>.details}. Immutable.
 *
 * @param status  the status
 * @param details details for operators (values rendered with their {@code toString()} unless they
 *                are numbers or booleans); copied
 */
public record HealthResult(HealthStatus status, Map<String, Object> details) {

  /** Copies {@code details}. */
  public HealthResult {
    details = Map.copyOf(details);
  }

  /** UP with no details. */
  public static HealthResult up() {
    return new HealthResult(HealthStatus.UP, Map.of());
  }

  /** UP with details. */
  public static HealthResult up(Map<String, Object> details) {
    return new HealthResult(HealthStatus.UP, details);
  }

  /** DOWN with a reason under {@code reason}. */
  public static HealthResult down(String reason) {
    return new HealthResult(HealthStatus.DOWN, Map.of("reason", reason));
  }
}
