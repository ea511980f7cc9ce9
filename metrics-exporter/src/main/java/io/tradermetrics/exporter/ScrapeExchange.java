package io.tradermetrics.exporter;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /metrics} exchange as the Prometheus client's transport-neutral
 * {@code PrometheusScrapeHandler} sees it. It counts the body bytes as written (compressed when gzip
 * was negotiated) and records the scrape in the exporter's meters just before the response ends
 * (so the next scrape shows it), hides {@code Accept-Encoding} on {@code HEAD} (the client's handler would write a
 * gzip body even then), and answers a scrape that throws with a one-line 500 naming the failure,
 * logging the stack trace instead of sending it: at WARN the first time an exception class is seen,
 * at DEBUG after. One per request; not thread-safe.
 */
final class ScrapeExchange implements PrometheusHttpExchange, PrometheusHttpRequest, PrometheusHttpResponse {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  private final HttpExchange exchange;
  private final Set<String> warned;
  private final ExporterMeters meters;
  private final long startNanos = System.nanoTime();
  private final boolean head;
  private boolean recorded;
  private int status = 500;
  private boolean sent;
  private long bytes;

  /** @param warned the exception classes this endpoint has logged at WARN already; shared, concurrent */
  ScrapeExchange(HttpExchange exchange, Set<String> warned, ExporterMeters meters) {
    this.exchange = exchange;
    this.warned = warned;
    this.meters = meters;
    this.head = exchange.getRequestMethod().equals("HEAD");
  }

  /** Records the scrape once: success with its size when it answered 200, else error. */
  private void record() {
    if (!recorded) {
      recorded = true;
      meters.scraped(status, System.nanoTime() - startNanos, bytes);
    }
  }

  @Override
  public PrometheusHttpRequest getRequest() {
    return this;
  }

  @Override
  public PrometheusHttpResponse getResponse() {
    return this;
  }

  @Override
  public @Nullable String getQueryString() {
    return exchange.getRequestURI().getRawQuery();
  }

  @Override
  public @Nullable Enumeration<String> getHeaders(String name) {
    if (head && name.equalsIgnoreCase("Accept-Encoding")) {
      return null;
    }
    List<String> values = exchange.getRequestHeaders().get(name);
    return values == null ? null : Collections.enumeration(values);
  }

  @Override
  public String getMethod() {
    return exchange.getRequestMethod();
  }

  @Override
  public String getRequestPath() {
    return exchange.getRequestURI().getPath();
  }

  @Override
  public void setHeader(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  @Override
  public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) throws IOException {
    sent = true;
    status = statusCode;
    exchange.sendResponseHeaders(statusCode, contentLength);
    return new FilterOutputStream(exchange.getResponseBody()) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        bytes++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        bytes += len;
      }

      @Override
      public void close() throws IOException {
        record();
        super.close();
      }
    };
  }

  @Override
  public void handleException(IOException e) throws IOException {
    status = 500;
    record();
    throw e; // the client went away; nothing can be answered
  }

  @Override
  public void handleException(RuntimeException e) {
    String what = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (warned.add(e.getClass().getName())) {
      LOG.warn("a /metrics scrape failed: {} (later failures of this kind are logged at DEBUG)", what, e);
    } else {
      LOG.debug("a /metrics scrape failed: {}", what, e);
    }
    status = 500;
    record();
    if (sent) {
      return; // the body was under way; the connection is closed with the exchange
    }
    try {
      exchange.getResponseHeaders().remove("Content-Encoding");
      exchange.getResponseHeaders().remove("Content-Length");
      Responses.text(exchange, 500, "scrape failed: " + what.replaceAll("[\\r\\n]+", " ")
          + " (the stack trace is in the application's log)");
    } catch (IOException ignored) {
      // the client went away
    }
  }

  @Override
  public void close() {
    record();
    exchange.close();
  }
}
