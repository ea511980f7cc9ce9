package io.tradermetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private MetricsServer server;

  @BeforeEach
  void start() throws IOException {
    Counter.builder("trader.orders.filled").description("Fills").tag("symbol", "BTC/USD").register(registry).increment(3);
    Counter.builder("trader.quotes").description("Quotes").register(registry).increment();
    server = MetricsServer.builder(registry).host("127.0.0.1").port(0).applicationVersion("1.2.3").buildAndStart();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(request(path));
  }

  @Nested
  class Metrics {

    @Test
    void servesThePrometheusTextFormatWithAKnownSeries() throws Exception {
      HttpResponse<String> response = get("/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(response.body()).contains("# HELP trader_orders_filled_total Fills")
          .contains("trader_orders_filled_total{symbol=\"BTC/USD\"} 3.0");
    }

    @Test
    void servesOpenMetricsWhenTheScraperAsksForIt() throws Exception {
      HttpResponse<String> response = send(request("/metrics")
          .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).get().asString()
          .startsWith("application/openmetrics-text; version=1.0.0");
      assertThat(response.body()).contains("# TYPE trader_orders_filled counter").endsWith("# EOF\n");
    }

    @Test
    void servesProtobufWhenTheScraperAsksForIt() throws Exception {
      HttpResponse<byte[]> response = http.send(request("/metrics")
          .header("Accept", "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited")
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).get().asString()
          .startsWith("application/vnd.google.protobuf");
      assertThat(new String(response.body(), StandardCharsets.ISO_8859_1)).contains("trader_orders_filled_total");
    }

    @Test
    void compressesWithGzipWhenAccepted() throws Exception {
      HttpResponse<byte[]> response = http.send(request("/metrics").header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
      String body;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(body).contains("trader_orders_filled_total{symbol=\"BTC/USD\"} 3.0");
    }

    @Test
    void servesOnlyTheNamedSeriesForANameFilter() throws Exception {
      HttpResponse<String> response = get("/metrics?name[]=trader_quotes_total");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("trader_quotes_total 1.0").doesNotContain("trader_orders_filled");
    }

    @Test
    void answersHeadWithHeadersAndNoBody() throws Exception {
      HttpResponse<String> response = send(request("/metrics").method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(response.body()).isEmpty();
    }

    @Test
    void answersHeadWithGzipAcceptedWithoutServerWarnings() throws Exception {
      // The client library writes a gzip body even for HEAD; the JDK server then logs a WARNING
      // (and the write fails) on every such probe unless the exporter hides Accept-Encoding.
      List<LogRecord> warnings = new CopyOnWriteArrayList<>();
      Handler collect = new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
      Logger root = Logger.getLogger("");
      root.addHandler(collect);
      try {
        HttpResponse<String> response = send(request("/metrics").header("Accept-Encoding", "gzip")
            .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
      } finally {
        root.removeHandler(collect);
      }
      assertThat(warnings).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void givesHttp500WhenACollectorThrowsAndKeepsServing() throws Exception {
      Collector broken = () -> {
        throw new IllegalStateException("collector broken on purpose");
      };
      registry.getPrometheusRegistry().register(broken);
      HttpResponse<String> failed = get("/metrics");
      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(get("/health/live").statusCode()).isEqualTo(200);

      registry.getPrometheusRegistry().unregister(broken);
      HttpResponse<String> recovered = get("/metrics");
      assertThat(recovered.statusCode()).isEqualTo(200);
      assertThat(recovered.body()).contains("tradermetrics_scrape_duration_seconds_count{outcome=\"error\"} 1");
    }

    @Test
    void answersAFailingScrapeWithOneLineAndLogsTheStackTraceOnce() throws Exception {
      Collector broken = () -> {
        throw new IllegalStateException("collector broken on purpose");
      };
      registry.getPrometheusRegistry().register(broken);
      try (LogCapture log = new LogCapture(MetricsServer.class)) {
        HttpResponse<String> first = get("/metrics");
        HttpResponse<String> second = get("/metrics");
        for (HttpResponse<String> failed : List.of(first, second)) {
          assertThat(failed.statusCode()).isEqualTo(500);
          assertThat(failed.body()).isEqualTo("scrape failed: java.lang.IllegalStateException: collector broken on purpose"
              + " (the stack trace is in the application's log)\n");
        }
        assertThat(log.atLeast(Level.WARNING)).singleElement()
            .satisfies(r -> assertThat(r.getThrown()).hasMessage("collector broken on purpose"));
        assertThat(log.records).filteredOn(r -> r.getThrown() != null).hasSize(2); // the second at DEBUG (FINE)
      }
    }

    @Test
    void exposesScrapeDurationAndSizeOfEarlierScrapesWithHelp() throws Exception {
      int firstSize = get("/metrics").body().getBytes(StandardCharsets.UTF_8).length;
      String body = get("/metrics").body();
      assertThat(body)
          .contains("# HELP tradermetrics_scrape_duration_seconds Time to answer one /metrics request")
          .contains("tradermetrics_scrape_duration_seconds_count{outcome=\"success\"} 1")
          .contains("# HELP tradermetrics_scrape_size_bytes Size of one /metrics response body")
          .contains("tradermetrics_scrape_size_bytes_count 1")
          .contains("tradermetrics_scrape_size_bytes_sum " + firstSize + ".0");
    }

    @Test
    void exposesBuildInfoWithTheApplicationVersion() throws Exception {
      assertThat(get("/metrics").body())
          .contains("# HELP tradermetrics_build_info Build information")
          .contains("tradermetrics_build_info{version=\"1.2.3\"} 1");
    }
  }

  @Nested
  class Routing {

    @Test
    void answers404ForUnknownPathsIncludingPrefixesOfKnownOnes() throws Exception {
      assertThat(get("/").statusCode()).isEqualTo(404);
      assertThat(get("/nope").statusCode()).isEqualTo(404);
      assertThat(get("/metricsx").statusCode()).isEqualTo(404);
      assertThat(get("/health/live/x").statusCode()).isEqualTo(404);
    }

    @Test
    void answers405WithAllowForOtherMethods() throws Exception {
      for (String path : new String[] {"/metrics", "/health", "/health/live", "/health/ready", "/info"}) {
        HttpResponse<String> response = send(request(path).POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(response.statusCode()).as(path).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).as(path).hasValue("GET, HEAD");
      }
    }

    @Test
    void answersHeadOnEveryEndpoint() throws Exception {
      for (String path : new String[] {"/health", "/health/live", "/health/ready", "/info"}) {
        HttpResponse<String> response = send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
        assertThat(response.body()).as(path).isEmpty();
      }
    }
  }

  @Nested
  class Lifecycle {

    @Test
    void answersTheLivenessProbe() throws Exception {
      HttpResponse<String> response = get("/health/live");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void picksAFreePortForPortZeroAndMakesItReadable() {
      assertThat(server.port()).isPositive();
      assertThat(server.metricsUri()).hasToString("http://127.0.0.1:" + server.port() + "/metrics");
    }

    @Test
    void releasesThePortOnClose() throws IOException {
      int port = server.port();
      server.close();
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }

    @Test
    void closeWaitsForAScrapeUnderWayToFinish() throws Exception {
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Collector slow = () -> {
        entered.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return GaugeSnapshot.builder().name("slow_collector").help("A collector that waits for the test")
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(1).build()).build();
      };
      registry.getPrometheusRegistry().register(slow);
      CompletableFuture<HttpResponse<String>> scrape = http.sendAsync(request("/metrics").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      Thread.sleep(100);
      assertThat(closing).isNotDone();
      release.countDown();
      closing.get(10, TimeUnit.SECONDS);
      HttpResponse<String> response = scrape.get(10, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("slow_collector 1.0");
    }

    @Test
    void closeReturnsPromptlyWhenIdleEvenWithALongCloseTimeout() throws Exception {
      MetricsServer idle = MetricsServer.builder(registry).port(0).closeTimeout(Duration.ofSeconds(60)).buildAndStart();
      get("/health/live");
      CompletableFuture<Void> closing = CompletableFuture.runAsync(idle::close);
      // JDK 17's HttpServer.stop(60) would block for 60 s; our close must not.
      closing.get(20, TimeUnit.SECONDS);
    }

    @Test
    void failsWithHostAndPortWhenThePortIsTaken() {
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(server.port()).buildAndStart())
          .isInstanceOf(BindException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + server.port());
    }

    @Test
    void saysThePortIsTheProblemWhenItIsInUse() {
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(server.port()).buildAndStart())
          .isInstanceOf(BindException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + server.port() + ": port " + server.port() + " is in use")
          .hasMessageContaining("the port is the problem");
    }

    @Test
    void saysTheHostIsTheProblemWhenItDoesNotResolve() {
      assertThatThrownBy(() -> MetricsServer.builder(registry).host("nohost.invalid").port(0).buildAndStart())
          .isInstanceOf(java.net.UnknownHostException.class)
          .hasMessage("cannot listen on nohost.invalid:0: host 'nohost.invalid' does not resolve to an address; the host "
              + "is the problem, expected an address or name of this machine");
    }

    @Test
    void saysTheHostIsTheProblemWhenItIsNotAnAddressOfThisMachine() {
      // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned to a machine
      assertThatThrownBy(() -> MetricsServer.builder(registry).host("192.0.2.1").port(0).buildAndStart())
          .isInstanceOf(BindException.class)
          .hasMessageStartingWith("cannot listen on 192.0.2.1:0: host '192.0.2.1' (192.0.2.1) is not an address of this machine")
          .hasMessageEndingWith("the host is the problem");
    }

    @Test
    void servesWithNamedDaemonThreads() throws Exception {
      Thread[] seen = new Thread[1];
      Collector spy = () -> {
        seen[0] = Thread.currentThread();
        return GaugeSnapshot.builder().name("spy").help("Records the scraping thread").build();
      };
      registry.getPrometheusRegistry().register(spy);
      get("/metrics");
      assertThat(seen[0].getName()).startsWith("tradermetrics-exporter-");
      assertThat(seen[0].isDaemon()).isTrue();
    }
  }

  @Nested
  class Preconditions {

    @Test
    void rejectsAnInvalidPortNamingTheOption() {
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(70000))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("port 70000 is not valid: expected 0 (any free port) to 65535");
    }

    @Test
    void rejectsBadOptionsNamingOptionAndValue() {
      assertThatThrownBy(() -> MetricsServer.builder(registry).threads(0))
          .hasMessage("threads 0 is not valid: expected 1 or more");
      assertThatThrownBy(() -> MetricsServer.builder(registry).healthCheckTimeout(Duration.ZERO))
          .hasMessage("healthCheckTimeout PT0S is not valid: expected a positive duration");
      assertThatThrownBy(() -> MetricsServer.builder(registry).closeTimeout(Duration.ofSeconds(-1)))
          .hasMessage("closeTimeout PT-1S is not valid: expected zero or a positive duration");
      assertThatThrownBy(() -> MetricsServer.builder(registry).host(" "))
          .hasMessage("host ' ' is not valid: expected an address or host name");
    }

    @Test
    void rejectsTwoChecksWithTheSameName() {
      assertThatThrownBy(() -> MetricsServer.builder(registry)
          .healthCheck(KillSwitchCheck.of("risk")).healthCheck(KillSwitchCheck.of("risk")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("healthCheck 'risk' is not valid");
    }
  }
}
