package io.tradermetrics.exporter;

/**
 * When {@code /health}, {@code /health/live} and {@code /health/ready} show each check's details
 * (its {@link HealthResult#details()}: reasons, error messages, account names), as Spring Boot
 * Actuator's {@code management.endpoint.health.show-details} decides. Statuses are always shown.
 */
public enum HealthDetails {
  /** Statuses only, for every caller. */
  NEVER,
  /**
   * Details only to a caller that sent valid basic-auth credentials; with basic authentication off
   * nobody is authorized, so statuses only. The default.
   */
  WHEN_AUTHORIZED,
  /** Details for every caller that may read the endpoint at all. */
  ALWAYS
}
