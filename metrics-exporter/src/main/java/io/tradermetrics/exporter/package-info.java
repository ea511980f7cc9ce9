/**
 * {@link io.tradermetrics.exporter.MetricsServer}: serves a {@code PrometheusMeterRegistry} at
 * {@code /metrics}, health at {@code /health}, {@code /health/live} and {@code /health/ready}, and
 * build information at {@code /info}, on one JDK {@code HttpServer} (or {@code HttpsServer}) port.
 * Usable without Guice. Ready-made trading checks: {@link io.tradermetrics.exporter.MarketDataFreshnessCheck}
 * and {@link io.tradermetrics.exporter.KillSwitchCheck}.
 */
@NullMarked
package io.tradermetrics.exporter;

import org.jspecify.annotations.NullMarked;
