package io.tradermetrics.exporter;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /info}: application name and version, build time and git commit when known, start
 * time, uptime in seconds, Java version, as JSON. Immutable and thread-safe.
 */
final class InfoEndpoint extends Endpoint {

  private final String name;
  private final String version;
  private final @Nullable Instant buildTime;
  private final @Nullable String gitCommit;
  private final Instant startTime = Instant.now();
  private final long startNanos = System.nanoTime();

  InfoEndpoint(RequestGuard guard, String name, String version, @Nullable Instant buildTime, @Nullable String gitCommit) {
    super("/info", guard);
    this.name = name;
    this.version = version;
    this.buildTime = buildTime;
    this.gitCommit = gitCommit;
  }

  @Override
  boolean serve(HttpExchange exchange) throws IOException {
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("name", name);
    app.put("version", version);
    app.put("startTime", startTime.toString());
    app.put("uptimeSeconds", (System.nanoTime() - startNanos) / 1e9);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("app", app);
    Map<String, Object> build = new LinkedHashMap<>();
    build.put("version", version);
    if (buildTime != null) {
      build.put("time", buildTime.toString());
    }
    body.put("build", build);
    if (gitCommit != null) {
      body.put("git", Map.of("commit", Map.of("id", gitCommit)));
    }
    Map<String, Object> java = new LinkedHashMap<>();
    java.put("version", System.getProperty("java.version"));
    java.put("vendor", System.getProperty("java.vendor"));
    java.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    body.put("java", java);
    Responses.json(exchange, 200, body);
    return false;
  }
}
