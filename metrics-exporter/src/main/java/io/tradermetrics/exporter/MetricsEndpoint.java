package io.tradermetrics.exporter;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics}: the Prometheus client's {@link PrometheusScrapeHandler} (content
 * negotiation, gzip, {@code name[]=} filter), at most {@code threads} scrapes at once; a scrape that
 * waits longer than the response timeout for its turn gets 503. Records each scrape in the
 * exporter's meters after its response. Thread-safe.
 */
final class MetricsEndpoint extends Endpoint {

  private final PrometheusScrapeHandler scrape;
  private final Semaphore turns;
  private final long waitNanos;
  private final ExporterMeters meters;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  MetricsEndpoint(RequestGuard guard, PrometheusScrapeHandler scrape, int threads, Duration maxWait, ExporterMeters meters) {
    super("/metrics", guard);
    this.scrape = scrape;
    this.turns = new Semaphore(threads, true);
    this.waitNanos = maxWait.toNanos();
    this.meters = meters;
  }

  @Override
  void serve(HttpExchange exchange) throws IOException {
    try {
      if (!turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
        Responses.text(exchange, 503, "Too many scrapes at once");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a scrape thread", e);
    }
    long start = System.nanoTime();
    ScrapeExchange counting = new ScrapeExchange(exchange, warned);
    try {
      scrape.handleRequest(counting);
    } finally {
      turns.release();
      meters.scraped(counting.status(), System.nanoTime() - start, counting.bytesWritten());
    }
  }
}
