package io.tradermetrics.exporter;

/**
 * One health check served at {@code /health} and, by kind, at {@code /health/live} or
 * {@code /health/ready}. Implementations must be thread-safe: scrapes and probes may run checks
 * concurrently. A check that throws, or takes longer than the server's check timeout, is reported
 * {@link HealthStatus#DOWN} with the reason in its details.
 */
public interface HealthCheck {

  /** Whether a failing check means "restart me" or "send me no traffic". */
  enum Kind {
    /** The process works; a DOWN liveness check fails {@code /health/live}. */
    LIVENESS,
    /** The process can do its job now (market data fresh, venue connected); a DOWN readiness check fails {@code /health/ready}. */
    READINESS
  }

  /** The component name under {@code components} in {@code /health}, e.g. {@code marketData}. */
  String name();

  /** Liveness or readiness. Default is {@link Kind#READINESS}. */
  default Kind kind() {
    return Kind.READINESS;
  }

  /**
   * Runs the check.
   *
   * @return the status with details
   * @throws Exception anything; reported as DOWN with the exception in the details
   */
  HealthResult check() throws Exception;
}
