package io.tradermetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a local HTTP server standing in for Alertmanager's API v2. */
class AlertmanagerClientTest {

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
          + exchange.getRequestHeaders().getFirst("Content-Type") + " "
          + exchange.getRequestHeaders().getFirst("Authorization") + "\n"
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = (status == 200 ? "" : "{\"code\":400,\"message\":\"start time must be before end time\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/am");
  }

  @Test
  void postsTheAlertsAsAJsonArrayToApiV2Alerts() throws Exception {
    Instant start = Instant.parse("2026-01-02T03:04:05Z");
    AlertmanagerClient client = AlertmanagerClient.builder(base()).basicAuth("ops", "s3cret").build();
    client.post(List.of(new AlertmanagerClient.PostableAlert(
        Map.of("alertname", "CircuitBreakerTripped", "severity", "critical"), Map.of("summary", "Circuit breaker tripped"),
        start, start.plusSeconds(300), "http://mm-1:9464/health")));

    assertThat(client.alertsUri().toString()).endsWith("/am/api/v2/alerts");
    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r).startsWith("POST /am/api/v2/alerts application/json Basic b3BzOnMzY3JldA==\n");
      JsonNode alert = new ObjectMapper().readTree(r.substring(r.indexOf('\n') + 1)).get(0);
      assertThat(alert.at("/labels/alertname").asText()).isEqualTo("CircuitBreakerTripped");
      assertThat(alert.at("/labels/severity").asText()).isEqualTo("critical");
      assertThat(alert.at("/annotations/summary").asText()).isEqualTo("Circuit breaker tripped");
      assertThat(alert.get("startsAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
      assertThat(alert.get("endsAt").asText()).isEqualTo("2026-01-02T03:09:05Z");
      assertThat(alert.get("generatorURL").asText()).isEqualTo("http://mm-1:9464/health");
    });
  }

  @Test
  void aNon2xxAnswerIsAnIOExceptionWithStatusAndBody() {
    status = 400;
    AlertmanagerClient client = AlertmanagerClient.builder(base()).build();
    assertThatThrownBy(() -> client.post(List.of(new AlertmanagerClient.PostableAlert(
        Map.of("alertname", "X"), Map.of(), Instant.now(), null, null))))
        .isInstanceOf(AlertmanagerClient.StatusException.class)
        .hasMessageContaining("answered 400").hasMessageContaining("start time must be before end time")
        .satisfies(e -> {
          assertThat(((AlertmanagerClient.StatusException) e).status()).isEqualTo(400);
          assertThat(((AlertmanagerClient.StatusException) e).permanent()).isTrue();
        });
  }

  @Test
  void only4xxOtherThan408And429ArePermanent() {
    AlertmanagerClient client = AlertmanagerClient.builder(base()).build();
    Map<Integer, Boolean> permanent = new java.util.LinkedHashMap<>();
    for (int code : new int[] {400, 401, 404, 408, 422, 429, 500, 503}) {
      status = code;
      try {
        client.post(List.of(new AlertmanagerClient.PostableAlert(Map.of("alertname", "X"), Map.of(), Instant.now(), null, null)));
        permanent.put(code, null);
      } catch (AlertmanagerClient.StatusException e) {
        assertThat(e.status()).isEqualTo(code);
        permanent.put(code, e.permanent());
      } catch (Exception e) {
        throw new AssertionError(code + ": " + e, e);
      }
    }
    assertThat(permanent).containsExactly(Map.entry(400, true), Map.entry(401, true), Map.entry(404, true),
        Map.entry(408, false), Map.entry(422, true), Map.entry(429, false), Map.entry(500, false), Map.entry(503, false));
  }

  @Test
  void anAlertWithoutAlertnameAndABadUrlAreRejectedNamingTheProblem() {
    assertThatThrownBy(() -> new AlertmanagerClient.PostableAlert(Map.of("severity", "info"), Map.of(), Instant.now(), null, null))
        .hasMessageContaining("have no 'alertname'");
    assertThatThrownBy(() -> AlertmanagerClient.builder(URI.create("alertmanager:9093")))
        .hasMessageContaining("Alertmanager URL 'alertmanager:9093' is not valid");
  }
}
