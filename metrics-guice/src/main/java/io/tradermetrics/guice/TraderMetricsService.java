package io.tradermetrics.guice;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.exporter.MetricsServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The running side of {@link TraderMetricsModule}: created eagerly with the injector, it binds the
 * registry to the woven aspects and starts the exporter. Thread-safe; {@link #close()} is
 * idempotent.
 */
public final class TraderMetricsService implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final MetricsServer server;
  private boolean closed;

  @Inject
  TraderMetricsService(PrometheusMeterRegistry registry, TraderMetricsModule.Options options) {
    this.registry = registry;
    TraderMetrics.bind(registry, options.instrumentation());
    try {
      this.server = MetricsServer.builder(registry).host(options.host()).port(options.port()).buildAndStart();
    } catch (IOException e) {
      TraderMetrics.unbind(registry);
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** The port the exporter listens on. */
  public int port() {
    return server.port();
  }

  /** The URL of the metrics endpoint, e.g. {@code http://127.0.0.1:9464/metrics}. */
  public URI metricsUri() {
    return server.metricsUri();
  }

  /** Stops the exporter, unbinds the aspects from this registry (if still bound to it) and closes the registry. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    TraderMetrics.unbind(registry);
    registry.close();
  }
}
