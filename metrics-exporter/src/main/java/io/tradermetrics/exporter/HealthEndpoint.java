package io.tradermetrics.exporter;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * {@code /health}, {@code /health/live} or {@code /health/ready}: the checks of the kinds it
 * serves, in Spring Boot Actuator's shape
 * ({@code {"status":"UP","components":{"marketData":{"status":"UP","details":{...}}}}}), 200 when
 * the aggregate is UP, else 503. Details are shown as {@link HealthDetails} says. Thread-safe.
 */
final class HealthEndpoint extends Endpoint {

  private final HealthChecks checks;
  private final Predicate<HealthCheck.Kind> kinds;
  private final HealthDetails details;
  private final @Nullable BasicAuth auth;

  /**
   * @param auth the server's credentials, or null when authentication is off; a probe context
   *             without an authenticator (unauthenticated probes) still shows details to a caller
   *             that sends them
   */
  HealthEndpoint(String path, RequestGuard guard, HealthChecks checks, Predicate<HealthCheck.Kind> kinds,
      HealthDetails details, @Nullable BasicAuth auth) {
    super(path, guard);
    this.checks = checks;
    this.kinds = kinds;
    this.details = details;
    this.auth = auth;
  }

  @Override
  boolean serve(HttpExchange exchange) throws IOException {
    HealthChecks.Report report = checks.run(kinds);
    boolean authorized = auth != null && (exchange.getPrincipal() != null || auth.verifies(exchange));
    boolean withDetails = details == HealthDetails.ALWAYS || (details == HealthDetails.WHEN_AUTHORIZED && authorized);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", report.status().name());
    if (!report.components().isEmpty()) {
      Map<String, Object> components = new LinkedHashMap<>();
      report.components().forEach((name, result) -> {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("status", result.status().name());
        if (withDetails && !result.details().isEmpty()) {
          Map<String, Object> d = new TreeMap<>();
          result.details().forEach((k, v) -> d.put(k, v instanceof Number || v instanceof Boolean ? v : String.valueOf(v)));
          c.put("details", d);
        }
        components.put(name, c);
      });
      body.put("components", components);
    }
    Responses.json(exchange, report.status() == HealthStatus.UP ? 200 : 503, body);
    return false;
  }
}
