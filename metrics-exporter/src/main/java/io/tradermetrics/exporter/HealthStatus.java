package io.tradermetrics.exporter;

/** Health statuses, as Spring Boot Actuator names them. */
public enum HealthStatus {
  /** Working. */
  UP,
  /** Not working. */
  DOWN,
  /** Taken out of service on purpose (e.g. a tripped kill switch). */
  OUT_OF_SERVICE,
  /** Not known yet (e.g. no market data received so far). */
  UNKNOWN
}
