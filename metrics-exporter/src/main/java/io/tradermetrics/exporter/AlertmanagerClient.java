package io.tradermetrics.exporter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Posts alerts to Alertmanager's API v2 ({@code POST /api/v2/alerts}), the endpoint Prometheus
 * itself uses, so Alertmanager's routing, grouping, inhibition, silences and de-duplication apply
 * to them as to rule alerts. JDK {@link HttpClient} and Jackson; synchronous: call it from a
 * background thread (metrics-aspects' {@code AlertDispatcher} does). Thread-safe.
 *
 * <pre>{@code
 * AlertmanagerClient am = AlertmanagerClient.builder(URI.create("http://alertmanager:9093")).build();
 * am.post(List.of(new AlertmanagerClient.PostableAlert(
 *     Map.of("alertname", "CircuitBreakerTripped", "severity", "critical"),
 *     Map.of("summary", "Circuit breaker tripped"), Instant.now(), Instant.now().plusSeconds(300), null)));
 * }</pre>
 */
public final class AlertmanagerClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI alertsUri;
  private final HttpClient http;
  private final Duration timeout;
  private final @Nullable String authorization;

  private AlertmanagerClient(URI alertsUri, Duration timeout, @Nullable String authorization) {
    this.alertsUri = alertsUri;
    this.timeout = timeout;
    this.authorization = authorization;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  /**
   * A builder.
   *
   * @param baseUrl Alertmanager's address, e.g. {@code http://alertmanager:9093} (or with its
   *                {@code --web.route-prefix}); {@code api/v2/alerts} is resolved against it
   * @throws IllegalArgumentException if the URL is not http or https with a host
   */
  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  /** Where alerts are posted, e.g. {@code http://alertmanager:9093/api/v2/alerts}. */
  public URI alertsUri() {
    return alertsUri;
  }

  /**
   * One alert as Alertmanager's {@code postableAlert} has it.
   *
   * @param labels       identify the alert; Alertmanager routes, groups and de-duplicates on them
   *                     (must contain {@code alertname}); copied
   * @param annotations  free text: {@code summary}, {@code description}, {@code runbook_url}, fields; copied
   * @param startsAt     when the event happened
   * @param endsAt       when Alertmanager should consider it resolved, or null for its
   *                     {@code resolve_timeout}
   * @param generatorUrl a link back to the source, or null
   */
  public record PostableAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
      @Nullable Instant endsAt, @Nullable String generatorUrl) {
    /** Copies the maps and checks that {@code alertname} is there. */
    public PostableAlert {
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
      Objects.requireNonNull(startsAt, "startsAt");
      if (!labels.containsKey("alertname")) {
        throw new IllegalArgumentException("labels " + labels + " have no 'alertname'; Alertmanager requires it");
      }
    }
  }

  /**
   * Posts the alerts in one request.
   *
   * @throws StatusException when Alertmanager answered a status other than 2xx (the message gives
   *     status and the start of the response body); {@link StatusException#permanent()} tells whether
   *     sending the same alerts again can succeed
   * @throws IOException on a connection error or a timeout
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public void post(List<PostableAlert> alerts) throws IOException, InterruptedException {
    byte[] body = JSON.writeValueAsBytes(toJson(alerts));
    HttpRequest.Builder request = HttpRequest.newBuilder(alertsUri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      String text = response.body() == null ? "" : response.body().strip();
      throw new StatusException(response.statusCode(), "Alertmanager " + alertsUri + " answered "
          + response.statusCode() + ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
    }
  }

  /**
   * Alertmanager answered a status other than 2xx. Thrown by {@link #post}; not thread-confined.
   */
  public static final class StatusException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the HTTP status code
     * @param message status and the start of the response body
     */
    public StatusException(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status code, e.g. 400. */
    public int status() {
      return status;
    }

    /**
     * Whether the same request would fail again: a 4xx status other than 408 (request timeout) and
     * 429 (too many requests), e.g. 400 for a malformed alert, 401/403 for credentials, 404 for a
     * wrong URL. 5xx, 408 and 429 are transient: retry later.
     */
    public boolean permanent() {
      return status >= 400 && status < 500 && status != 408 && status != 429;
    }
  }

  static ArrayNode toJson(List<PostableAlert> alerts) {
    ArrayNode array = JSON.createArrayNode();
    for (PostableAlert alert : alerts) {
      ObjectNode node = array.addObject();
      ObjectNode labels = node.putObject("labels");
      alert.labels().forEach(labels::put);
      ObjectNode annotations = node.putObject("annotations");
      alert.annotations().forEach(annotations::put);
      node.put("startsAt", alert.startsAt().toString());
      if (alert.endsAt() != null) {
        node.put("endsAt", alert.endsAt().toString());
      }
      if (alert.generatorUrl() != null) {
        node.put("generatorURL", alert.generatorUrl());
      }
    }
    return array;
  }

  /** Builds an {@link AlertmanagerClient}. Not thread-safe. */
  public static final class Builder {
    private final URI alertsUri;
    private Duration timeout = Duration.ofSeconds(5);
    private @Nullable String authorization;

    private Builder(URI baseUrl) {
      if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null) {
        throw new IllegalArgumentException("Alertmanager URL '" + baseUrl
            + "' is not valid: expected http or https with a host, e.g. http://alertmanager:9093");
      }
      String base = baseUrl.toString();
      this.alertsUri = URI.create(base.endsWith("/") ? base : base + "/").resolve("api/v2/alerts");
    }

    /** Optional: connect and request timeout. Default is 5 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout " + timeout + " is not valid: expected a positive duration");
      }
      this.timeout = timeout;
      return this;
    }

    /** Optional: HTTP basic authentication, for an Alertmanager behind {@code --web.config.file}. Default is none. */
    public Builder basicAuth(String username, String password) {
      this.authorization = "Basic " + java.util.Base64.getEncoder()
          .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** The client. */
    public AlertmanagerClient build() {
      return new AlertmanagerClient(alertsUri, timeout, authorization);
    }
  }
}
