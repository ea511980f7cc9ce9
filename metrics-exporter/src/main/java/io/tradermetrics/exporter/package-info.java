/**
 * {@link io.tradermetrics.exporter.MetricsServer}: serves a {@code PrometheusMeterRegistry} at
 * {@code /metrics} and health at {@code /health/live}, on a JDK {@code HttpServer}. Usable without
 * Guice.
 */
@NullMarked
package io.tradermetrics.exporter;

import org.jspecify.annotations.NullMarked;
