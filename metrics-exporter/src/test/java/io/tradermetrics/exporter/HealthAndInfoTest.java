package io.tradermetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthAndInfoTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountDownLatch releaseHungCheck = new CountDownLatch(1);
  private MetricsServer server;

  @AfterEach
  void stop() {
    releaseHungCheck.countDown();
    if (server != null) {
      server.close();
    }
  }

  private MetricsServer start(MetricsServer.Builder builder) throws Exception {
    server = builder.port(0).buildAndStart();
    return server;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HealthCheck check(String name, HealthCheck.Kind kind, HealthResult result) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Kind kind() {
        return kind;
      }

      @Override
      public HealthResult check() {
        return result;
      }
    };
  }

  @Test
  void reportsAllUpInTheActuatorShapeWithHttp200() throws Exception {
    start(MetricsServer.builder(registry).healthDetails(HealthDetails.ALWAYS)
        .healthCheck(check("venue", HealthCheck.Kind.READINESS, HealthResult.up(Map.of("latencyMillis", 12, "name", "bitstamp"))))
        .healthCheck(check("heap", HealthCheck.Kind.LIVENESS, HealthResult.up())));
    HttpResponse<String> response = get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
        "{\"status\":\"UP\",\"components\":{"
            + "\"venue\":{\"status\":\"UP\",\"details\":{\"latencyMillis\":12,\"name\":\"bitstamp\"}},"
            + "\"heap\":{\"status\":\"UP\"}}}"));
  }

  @Test
  void answers503WhenAnyCheckIsDownOutOfServiceOrUnknown() throws Exception {
    for (HealthStatus status : new HealthStatus[] {HealthStatus.DOWN, HealthStatus.OUT_OF_SERVICE, HealthStatus.UNKNOWN}) {
      start(MetricsServer.builder(registry)
          .healthCheck(check("ok", HealthCheck.Kind.READINESS, HealthResult.up()))
          .healthCheck(check("bad", HealthCheck.Kind.READINESS, new HealthResult(status, Map.of()))));
      HttpResponse<String> response = get("/health");
      assertThat(response.statusCode()).as(status.name()).isEqualTo(503);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("status").asText()).isEqualTo(status.name());
      assertThat(body.at("/components/ok/status").asText()).isEqualTo("UP");
      server.close();
    }
  }

  @Test
  void aggregatesToTheWorstStatus() {
    assertThat(HealthChecks.worse(HealthStatus.OUT_OF_SERVICE, HealthStatus.DOWN)).isEqualTo(HealthStatus.DOWN);
    assertThat(HealthChecks.worse(HealthStatus.UNKNOWN, HealthStatus.OUT_OF_SERVICE)).isEqualTo(HealthStatus.OUT_OF_SERVICE);
    assertThat(HealthChecks.worse(HealthStatus.UP, HealthStatus.UNKNOWN)).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(HealthChecks.worse(HealthStatus.UP, HealthStatus.UP)).isEqualTo(HealthStatus.UP);
  }

  @Test
  void splitsLivenessAndReadinessByKind() throws Exception {
    start(MetricsServer.builder(registry).healthDetails(HealthDetails.ALWAYS)
        .healthCheck(check("deadlock", HealthCheck.Kind.LIVENESS, HealthResult.down("threads deadlocked")))
        .healthCheck(check("venue", HealthCheck.Kind.READINESS, HealthResult.up())));
    HttpResponse<String> live = get("/health/live");
    assertThat(live.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(live.body()).at("/components/deadlock/details/reason").asText()).isEqualTo("threads deadlocked");
    assertThat(JSON.readTree(live.body()).at("/components/venue").isMissingNode()).isTrue();
    HttpResponse<String> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).at("/components/deadlock").isMissingNode()).isTrue();
    assertThat(get("/health").statusCode()).isEqualTo(503);
  }

  @Test
  void reportsAThrowingCheckAsDownWithTheError() throws Exception {
    HealthCheck throwing = new HealthCheck() {
      @Override
      public String name() {
        return "venue";
      }

      @Override
      public HealthResult check() {
        throw new IllegalStateException("venue session lost");
      }
    };
    start(MetricsServer.builder(registry).healthDetails(HealthDetails.ALWAYS).healthCheck(throwing));
    HttpResponse<String> response = get("/health/ready");
    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode venue = JSON.readTree(response.body()).at("/components/venue");
    assertThat(venue.get("status").asText()).isEqualTo("DOWN");
    assertThat(venue.at("/details/error").asText()).isEqualTo("java.lang.IllegalStateException: venue session lost");
  }

  @Test
  void reportsAHungCheckAsDownAfterTheTimeoutAndRunsItOnlyOnceAtATime() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    HealthCheck hung = new HealthCheck() {
      @Override
      public String name() {
        return "venue";
      }

      @Override
      public HealthResult check() throws InterruptedException {
        runs.incrementAndGet();
        releaseHungCheck.await();
        return HealthResult.up();
      }
    };
    start(MetricsServer.builder(registry).healthDetails(HealthDetails.ALWAYS).healthCheck(hung)
        .healthCheck(check("fine", HealthCheck.Kind.READINESS, HealthResult.up()))
        .healthCheckTimeout(Duration.ofMillis(200)));
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response = get("/health");
      assertThat(response.statusCode()).isEqualTo(503);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.at("/components/venue/status").asText()).isEqualTo("DOWN");
      assertThat(body.at("/components/venue/details/reason").asText()).isEqualTo("timed out after 200 ms");
      assertThat(body.at("/components/fine/status").asText()).isEqualTo("UP");
    }
    assertThat(runs).hasValue(1);
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void exposesEachChecksStatusAsOneSeriesPerStatusForAlertRules() throws Exception {
    KillSwitchCheck killSwitch = KillSwitchCheck.of("killSwitch");
    start(MetricsServer.builder(registry).healthCheck(killSwitch)
        .healthCheck(check("heap", HealthCheck.Kind.LIVENESS, HealthResult.up())));
    String armed = get("/metrics").body();
    assertThat(armed)
        .contains("tradermetrics_health_status{check=\"killSwitch\",kind=\"readiness\",status=\"up\"} 1.0")
        .contains("tradermetrics_health_status{check=\"killSwitch\",kind=\"readiness\",status=\"out_of_service\"} 0.0")
        .contains("tradermetrics_health_status{check=\"heap\",kind=\"liveness\",status=\"up\"} 1.0");

    killSwitch.trip("daily loss limit breached");
    assertThat(get("/health").statusCode()).isEqualTo(503); // the probe runs the check; the scrape reuses its result
    String tripped = get("/metrics").body();
    assertThat(tripped)
        .contains("tradermetrics_health_status{check=\"killSwitch\",kind=\"readiness\",status=\"up\"} 0.0")
        .contains("tradermetrics_health_status{check=\"killSwitch\",kind=\"readiness\",status=\"out_of_service\"} 1.0");
    server.close();
    assertThat(registry.find("tradermetrics.health.status").meters()).as("removed with the server").isEmpty();
    server = null;
  }

  @Test
  void servesTheTradingChecksThroughTheEndpoints() throws Exception {
    MockClock clock = new MockClock();
    MarketDataFreshnessCheck marketData = MarketDataFreshnessCheck.of("marketData", Duration.ofSeconds(5), clock);
    KillSwitchCheck killSwitch = KillSwitchCheck.of("killSwitch");
    start(MetricsServer.builder(registry).healthDetails(HealthDetails.ALWAYS).healthCheck(marketData).healthCheck(killSwitch));

    assertThat(get("/health/ready").statusCode()).as("no tick yet").isEqualTo(503);
    marketData.recordTick();
    assertThat(get("/health/ready").statusCode()).as("fresh tick").isEqualTo(200);
    killSwitch.trip("daily loss limit breached");
    HttpResponse<String> tripped = get("/health/ready");
    assertThat(tripped.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(tripped.body()).get("status").asText()).isEqualTo("OUT_OF_SERVICE");
    assertThat(JSON.readTree(tripped.body()).at("/components/killSwitch/details/reason").asText())
        .isEqualTo("daily loss limit breached");
    killSwitch.reset();
    clock.add(Duration.ofSeconds(6));
    HttpResponse<String> stale = get("/health/ready");
    assertThat(stale.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(stale.body()).at("/components/marketData/status").asText()).isEqualTo("DOWN");
    assertThat(get("/health/live").statusCode()).as("readiness checks do not fail liveness").isEqualTo(200);
  }

  @Test
  void servesInfoWithBuildGitStartUptimeAndJava() throws Exception {
    Instant built = Instant.parse("2026-11-20T10:15:30Z");
    start(MetricsServer.builder(registry).applicationName("market-maker").applicationVersion("2.4.0")
        .buildTime(built).gitCommit("abc1234"));
    HttpResponse<String> response = get("/info");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode info = JSON.readTree(response.body());
    assertThat(info.at("/app/name").asText()).isEqualTo("market-maker");
    assertThat(info.at("/app/version").asText()).isEqualTo("2.4.0");
    assertThat(Instant.parse(info.at("/app/startTime").asText())).isBeforeOrEqualTo(Instant.now());
    assertThat(info.at("/app/uptimeSeconds").isNumber()).isTrue();
    assertThat(info.at("/app/uptimeSeconds").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(info.at("/build/time").asText()).isEqualTo("2026-11-20T10:15:30Z");
    assertThat(info.at("/git/commit/id").asText()).isEqualTo("abc1234");
    assertThat(info.at("/java/version").asText()).isEqualTo(System.getProperty("java.version"));
  }

  @Test
  void leavesUnknownBuildTimeAndCommitOutOfInfo() throws Exception {
    start(MetricsServer.builder(registry));
    JsonNode info = JSON.readTree(get("/info").body());
    assertThat(info.at("/app/version").asText()).isEqualTo("unknown");
    assertThat(info.at("/build/time").isMissingNode()).isTrue();
    assertThat(info.at("/git").isMissingNode()).isTrue();
  }
}
