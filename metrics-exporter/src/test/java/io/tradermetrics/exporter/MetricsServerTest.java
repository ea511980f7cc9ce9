package io.tradermetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http = HttpClient.newHttpClient();
  private MetricsServer server;

  @BeforeEach
  void start() throws IOException {
    Counter.builder("trader.orders.filled").description("Fills").tag("symbol", "BTC/USD").register(registry).increment(3);
    server = MetricsServer.builder(registry).host("127.0.0.1").port(0).buildAndStart();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePrometheusTextFormatWithAKnownSeries() throws Exception {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body()).contains("# HELP trader_orders_filled_total Fills")
        .contains("trader_orders_filled_total{symbol=\"BTC/USD\"} 3.0");
  }

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
  void failsWithHostAndPortWhenThePortIsTaken() {
    assertThatThrownBy(() -> MetricsServer.builder(registry).port(server.port()).buildAndStart())
        .isInstanceOf(BindException.class)
        .hasMessageContaining("cannot listen on 127.0.0.1:" + server.port());
  }

  @Test
  void rejectsAnInvalidPortNamingTheOption() {
    assertThatThrownBy(() -> MetricsServer.builder(registry).port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port 70000 is not valid: expected 0 (any free port) to 65535");
  }
}
