package io.tradermetrics.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Prometheus HTTP API of Prometheus, of a Prometheus agent (targets only) or of VictoriaMetrics,
 * which serves the same API: instant queries, label values, targets. Thread-safe.
 */
final class PromApi {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  PromApi(URI base) {
    this.base = base;
  }

  URI base() {
    return base;
  }

  /** The result vector of an instant query at "now"; fails unless the API answers success. */
  List<JsonNode> query(String expr) throws IOException, InterruptedException {
    JsonNode response = getJson("/api/v1/query?query=" + encode(expr));
    assertThat(response.path("status").asText()).as(expr + ": " + response).isEqualTo("success");
    List<JsonNode> result = new ArrayList<>();
    response.at("/data/result").forEach(result::add);
    return result;
  }

  /** The value of each sample of an instant query, with the labels given, as a number. */
  static double value(JsonNode sample) {
    return Double.parseDouble(sample.at("/value/1").asText());
  }

  /** The values {@code label} takes on the series {@code selector} selects, as Grafana's {@code label_values} lists them. */
  List<String> labelValues(String label, String selector) throws IOException, InterruptedException {
    JsonNode response = getJson("/api/v1/label/" + label + "/values?match[]=" + encode(selector));
    assertThat(response.path("status").asText()).as(label + " of " + selector + ": " + response).isEqualTo("success");
    List<String> values = new ArrayList<>();
    response.get("data").forEach(v -> values.add(v.asText()));
    return values;
  }

  /** The labels of the active targets ({@code /api/v1/targets}), e.g. of one agent. */
  List<JsonNode> activeTargets() throws IOException, InterruptedException {
    List<JsonNode> targets = new ArrayList<>();
    getJson("/api/v1/targets?state=active").at("/data/activeTargets").forEach(targets::add);
    return targets;
  }

  JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
    return JSON.readTree(get(base.resolve(pathAndQuery)));
  }

  /** The body of a GET, whatever the status. */
  String get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Whether GET {@code path} answers 200 now (false while the server is not listening yet). */
  boolean ok(String path) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
