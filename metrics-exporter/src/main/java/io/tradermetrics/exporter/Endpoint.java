package io.tradermetrics.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint, registered as the handler of its own JDK {@code HttpContext} (authentication, when
 * on, has already run as the context's {@code Authenticator}). Answers 404 for paths below its own
 * (the JDK matches contexts by prefix), 503 while the server closes, 405 with {@code Allow: GET,
 * HEAD} for other methods, then lets the subclass serve. Subclasses are thread-safe.
 */
abstract class Endpoint implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

  private final String path;
  final RequestGuard guard;

  Endpoint(String path, RequestGuard guard) {
    this.path = path;
    this.guard = guard;
  }

  /**
   * Writes the response, on a request thread; or hands the exchange to another thread, which then
   * closes it and calls {@link RequestGuard#exit()}.
   *
   * @return true if handed off
   */
  abstract boolean serve(HttpExchange exchange) throws IOException;

  @Override
  public final void handle(HttpExchange exchange) {
    boolean handedOff = false;
    try {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        Responses.text(exchange, 404, "Not Found");
        return;
      }
      if (!guard.enter()) {
        Responses.text(exchange, 503, "Shutting down");
        return;
      }
      try {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          Responses.text(exchange, 405, "Method Not Allowed");
          return;
        }
        handedOff = serve(exchange);
      } finally {
        if (!handedOff) {
          guard.exit();
        }
      }
    } catch (IOException e) {
      // the client went away, or the request took longer than its timeout
      LOG.debug("exporter request {} {} failed", exchange.getRequestMethod(), path, e);
    } catch (RuntimeException e) {
      LOG.warn("exporter request {} {} failed", exchange.getRequestMethod(), path, e);
    } finally {
      if (!handedOff) {
        exchange.close();
      }
    }
  }
}
