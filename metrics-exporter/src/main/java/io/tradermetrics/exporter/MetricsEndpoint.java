package io.tradermetrics.exporter;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the Prometheus client's {@link PrometheusScrapeHandler} (content
 * negotiation, gzip, {@code name[]=} filter), run on the guard's scrape workers
 * ({@link RequestGuard#handOff}); 503 when their queue is full. Thread-safe.
 */
final class MetricsEndpoint extends Endpoint {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

  private final PrometheusScrapeHandler scrape;
  private final ExporterMeters meters;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** Read before each scrape: a clock whose wall time follows its monotonic readings (TraderClock) is then current. */
  private final io.micrometer.core.instrument.Clock clock;

  MetricsEndpoint(RequestGuard guard, PrometheusScrapeHandler scrape, ExporterMeters meters,
      io.micrometer.core.instrument.Clock clock) {
    super("/metrics", guard);
    this.clock = clock;
    this.scrape = scrape;
    this.meters = meters;
  }

  @Override
  boolean serve(HttpExchange exchange) throws IOException {
    if (guard.handOff(() -> scrape(exchange), () -> abandon(exchange))) {
      return true;
    }
    Responses.text(exchange, 503, "Too many scrapes waiting");
    return false;
  }

  /** Runs on a scrape worker. */
  private void scrape(HttpExchange exchange) {
    ScrapeExchange counting = new ScrapeExchange(exchange, warned, meters);
    try {
      clock.monotonicTime(); // the registry's windows rotate on a current wall time, even after an idle period
      scrape.handleRequest(counting);
    } catch (IOException e) {
      LOG.debug("a /metrics response could not be written", e);
    } catch (RuntimeException e) {
      LOG.warn("a /metrics request failed", e);
    } finally {
      counting.close();
      guard.exit();
    }
  }

  /** Runs on a scrape worker for a scrape whose deadline passed while it was queued. */
  private void abandon(HttpExchange exchange) {
    try {
      exchange.close();
    } finally {
      guard.exit();
    }
  }
}
