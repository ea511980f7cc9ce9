package io.tradermetrics.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradermetrics.examples.marketmaker.BitstampTrades;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's health and info endpoints, as a Kubernetes probe and an operator see them. */
class DemoHealthTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private Demo demo;

  @BeforeEach
  void start() {
    demo = Demo.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = demo.metricsUri().resolve(path);
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void isNotReadyBeforeAnyMarketDataThenReadyAfterTheReplay() throws Exception {
    HttpResponse<String> before = get("/health/ready");
    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).contains("\"marketData\":{\"status\":\"UNKNOWN\"");

    demo.replay(BitstampTrades.load(1000), Duration.ZERO, n -> {});
    HttpResponse<String> after = get("/health/ready");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("\"marketData\":{\"status\":\"UP\"").contains("\"killSwitch\":{\"status\":\"UP\"}");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void goesOutOfServiceWhenTheKillSwitchTrips() throws Exception {
    demo.replay(BitstampTrades.load(1000), Duration.ZERO, n -> {});
    demo.killSwitch().trip("demo: loss limit breached");
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(503);
    // Issue 11: health details default to show-details = when-authorized; the demo runs without auth, so the
    // reason stays in the process (and in the CircuitBreakerTripped alert), not in the unauthenticated answer.
    assertThat(health.body()).startsWith("{\"status\":\"OUT_OF_SERVICE\"").contains("\"killSwitch\":{\"status\":\"OUT_OF_SERVICE\"}")
        .doesNotContain("demo: loss limit breached");
    assertThat(get("/health/live").statusCode()).as("a tripped switch does not ask for a restart").isEqualTo(200);
  }

  @Test
  void servesInfoAndBuildInfo() throws Exception {
    HttpResponse<String> info = get("/info");
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(info.body()).contains("\"java\":{\"version\":\"" + System.getProperty("java.version") + "\"");
    assertThat(get("/metrics").body()).containsPattern("tradermetrics_build_info\\{[^}]*version=");
  }

  @Test
  void infoCarriesTheVersionBuildTimeAndCommitThisBuildWroteOnTheClassPath() throws Exception {
    String info = get("/info").body();

    assertThat(info).contains("\"name\":\"metrics-demo\"")
        .contains("\"version\":\"" + System.getProperty("examples.projectVersion") + "\"");
    Instant built = Instant.parse(field(info, "time"));
    assertThat(built).isBefore(Instant.now()).isAfter(Instant.now().minus(Duration.ofDays(1)));
    Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
    String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(git.waitFor()).as("git rev-parse HEAD: " + head).isZero();
    assertThat(head).startsWith(field(info, "id"));
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }

  @Test
  void marketDataIsTheFeedsFreshnessDuringTheReplayAndUpWithTheReasonOnceItIsOver() {
    io.micrometer.core.instrument.MockClock clock = new io.micrometer.core.instrument.MockClock();
    Demo.ReplayMarketData marketData = new Demo.ReplayMarketData(
        io.tradermetrics.exporter.MarketDataFreshnessCheck.of("marketData", Demo.MARKET_DATA_MAX_AGE, clock));
    marketData.freshness.recordTick();
    clock.add(Demo.MARKET_DATA_MAX_AGE.plusSeconds(1));
    assertThat(marketData.check().status()).isEqualTo(io.tradermetrics.exporter.HealthStatus.DOWN);

    marketData.replayFinished = true;
    assertThat(marketData.check().status()).isEqualTo(io.tradermetrics.exporter.HealthStatus.UP);
    assertThat(marketData.check().details()).containsEntry("reason", "replay finished: no more market data");
  }

  @Test
  void theDemosReplayEndsTheMarketDataChecksFreshness() throws Exception {
    demo.replay(BitstampTrades.load(1000), Duration.ZERO, n -> {});
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(demo.marketDataCheck().check().details()).containsEntry("reason", "replay finished: no more market data");
  }
}
