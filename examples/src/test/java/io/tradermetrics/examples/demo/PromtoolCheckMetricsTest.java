package io.tradermetrics.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradermetrics.examples.marketmaker.BitstampTrades;
import java.io.File;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scrapes the demo after a replay and pipes the exposition into {@code promtool check metrics}, the
 * linter Prometheus ships (Debian package {@code prometheus}; {@code .ci/run} installs it). Fails,
 * rather than skips, when promtool is missing: a lint that silently does not run proves nothing.
 */
class PromtoolCheckMetricsTest {

  private static Path promtool() {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, "promtool"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new AssertionError(
            "promtool not found on PATH: install it (Debian: apt-get install prometheus; .ci/run does this)"));
  }

  @Test
  void demoScrapePassesPromtoolCheckMetricsWithNoFinding() throws Exception {
    Path promtool = promtool();
    String body;
    try (Demo demo = Demo.start("127.0.0.1", 0)) {
      demo.replay(BitstampTrades.load(5000), Duration.ZERO, n -> {});
      HttpClient http = HttpClient.newHttpClient();
      // The second scrape also carries the exporter's scrape self-metrics with values.
      http.send(HttpRequest.newBuilder(demo.metricsUri()).build(), HttpResponse.BodyHandlers.discarding());
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(demo.metricsUri())
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      body = response.body();
    }
    assertThat(body).contains("trader_orders_filled_total").contains("tradermetrics_scrape_duration_seconds");

    Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = check.getOutputStream()) {
      in.write(body.getBytes(StandardCharsets.UTF_8));
    }
    String findings = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(findings.lines().filter(l -> !l.isBlank()).toList()).as("promtool check metrics findings")
        .isEmpty();
    assertThat(check.exitValue()).as("promtool exit code").isZero();
  }
}
