package io.tradermetrics.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tradermetrics.examples.demo.Demo;
import io.tradermetrics.examples.marketmaker.BitstampTrades;
import io.tradermetrics.examples.marketmaker.Trade;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring stack end to end, with the real tools on 127.0.0.1: the demo (market maker
 * replaying real trades) with a fault injected (its circuit breaker trips 6 s into the replay),
 * scraped every second by Prometheus loading {@code prometheus/rules.yml}, which sends to
 * Alertmanager loading {@code alertmanager/alertmanager.yml}, whose Slack and Telegram receivers
 * point at a local HTTP server standing in for both services (and for the log webhook). The
 * committed configs are used with only their addresses, secret file path and token replaced, and
 * Prometheus's intervals shortened to 1 s ({@code --rules.alert.resend-delay=1s}) so an alert
 * arrives in seconds.
 *
 * <p>Proves: the event alert raised in code by {@code @RaiseAlert} reaches Slack and Telegram
 * through Alertmanager; the rule alert the fault causes ({@code TraderTradingHalted}) does too; and
 * every PromQL expression of the Grafana dashboard, its variables substituted as Grafana would,
 * returns data from the demo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOT_TOKEN = "123456:test-token";
  private static final String CHAT_ID = "-1001234567890";
  private static final Duration TRIP_AFTER = Duration.ofSeconds(6);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private HttpServer receivers;
  private Demo demo;
  private Thread replay;
  private URI prometheus;

  /** One request received by the stand-in for Slack, Telegram or the log webhook. */
  record Delivery(String service, String path, JsonNode body) {}

  @BeforeAll
  void startTheStack(@TempDir Path dir) throws Exception {
    Path prometheusBinary = Tools.find("prometheus", "prometheus");
    Path alertmanagerBinary = Tools.find("prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");

    receivers = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receivers.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String service = path.startsWith("/slack") ? "slack" : path.startsWith("/telegram") ? "telegram" : "log";
      String answer = "ok";
      if (service.equals("telegram")) {
        // what the Bot API answers: getMe with the bot, sendMessage with the message sent
        answer = path.endsWith("/getMe")
            ? "{\"ok\":true,\"result\":{\"id\":123456,\"is_bot\":true,\"first_name\":\"alerts\",\"username\":\"alerts_bot\"}}"
            : "{\"ok\":true,\"result\":{\"message_id\":1,\"date\":0,\"chat\":{\"id\":" + CHAT_ID + ",\"type\":\"supergroup\"}}}";
        exchange.getResponseHeaders().set("Content-Type", "application/json");
      }
      JsonNode json;
      try {
        json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException notJson) {
        json = JSON.createObjectNode().put("raw", new String(body, StandardCharsets.UTF_8));
      }
      deliveries.add(new Delivery(service, path, json));
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    receivers.start();
    String receiverBase = "http://127.0.0.1:" + receivers.getAddress().getPort();

    // Alertmanager, with the committed routing; only addresses and secrets differ.
    Path slackSecret = dir.resolve("slack-webhook-url");
    Files.writeString(slackSecret, receiverBase + "/slack/services/T000/B000/XXXX");
    String am = Files.readString(Tools.ALERTMANAGER_CONFIG, StandardCharsets.UTF_8);
    am = Tools.replace(am, "/etc/alertmanager/secrets/slack-webhook-url", slackSecret.toString(), 1);
    am = Tools.replace(am, "https://api.telegram.org", receiverBase + "/telegram", 1);
    am = Tools.replace(am, "${TELEGRAM_BOT_TOKEN}", BOT_TOKEN, 2); // as envsubst renders it (the comment names it too)
    am = Tools.replace(am, "http://127.0.0.1:9095/alerts", receiverBase + "/log", 1);
    Path amConfig = dir.resolve("alertmanager.yml");
    Files.writeString(amConfig, am);
    int amPort = Tools.freePort();
    start(dir, "alertmanager", alertmanagerBinary, "--config.file=" + amConfig, "--storage.path=" + dir.resolve("am-data"),
        "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=");
    URI alertmanager = URI.create("http://127.0.0.1:" + amPort);
    awaitOk(alertmanager.resolve("/-/ready"));

    // The demo, sending its event alerts to that Alertmanager.
    demo = Demo.start("127.0.0.1", 0, alertmanager);
    String target = demo.metricsUri().getHost() + ":" + demo.metricsUri().getPort();

    // Prometheus, with the committed config and rules; 1 s intervals for a test that takes seconds.
    String prom = Files.readString(Tools.PROMETHEUS_CONFIG, StandardCharsets.UTF_8);
    prom = Tools.replace(prom, "scrape_interval: 5s", "scrape_interval: 1s", 1);
    prom = Tools.replace(prom, "evaluation_interval: 5s", "evaluation_interval: 1s", 1);
    prom = Tools.replace(prom, "- rules.yml", "- " + Tools.RULES, 1);
    prom = Tools.replace(prom, "'127.0.0.1:9093'", "'127.0.0.1:" + amPort + "'", 1);
    prom = Tools.replace(prom, "'127.0.0.1:9464'", "'" + target + "'", 1);
    Path promConfig = dir.resolve("prometheus.yml");
    Files.writeString(promConfig, prom);
    int promPort = Tools.freePort();
    start(dir, "prometheus", prometheusBinary, "--config.file=" + promConfig, "--storage.tsdb.path=" + dir.resolve("tsdb"),
        "--web.listen-address=127.0.0.1:" + promPort, "--rules.alert.resend-delay=1s");
    prometheus = URI.create("http://127.0.0.1:" + promPort);
    awaitOk(prometheus.resolve("/-/ready"));
    await("Prometheus scrapes the demo", Duration.ofSeconds(30),
        () -> !query("up{job=\"tradermetrics\"} == 1").isEmpty());

    // The replay: 30 s of wall time; the circuit breaker trips 6 s in, then quoting stops.
    List<Trade> trades = BitstampTrades.load(60_000);
    replay = new Thread(() -> demo.replay(trades, Duration.ofSeconds(30), n -> {}, TRIP_AFTER), "demo-replay");
    replay.setDaemon(true);
    replay.start();
  }

  private void start(Path dir, String name, Object... command) throws IOException {
    List<String> args = new ArrayList<>();
    for (Object c : command) {
      args.add(String.valueOf(c));
    }
    Process process = new ProcessBuilder(args).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    processes.add(process);
  }

  @AfterAll
  void stopTheStack() throws Exception {
    if (replay != null) {
      replay.join(TimeUnit.SECONDS.toMillis(60));
    }
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (demo != null) {
      demo.close();
    }
    if (receivers != null) {
      receivers.stop(0);
    }
  }

  @Test
  @Order(1)
  void eventAlertRaisedInCodeReachesSlackAndTelegramThroughAlertmanager() throws Exception {
    Delivery slack = awaitDelivery("slack", "CircuitBreakerTripped");
    assertThat(slack.body().get("channel").asText()).isEqualTo("#trading-alerts");
    assertThat(slack.body().toString()).contains("Circuit breaker tripped: trading halted")
        .contains("demo fault injection: tripped 6 s into the replay");

    Delivery telegram = awaitDelivery("telegram", "CircuitBreakerTripped");
    assertThat(telegram.path()).isEqualTo("/telegram/bot" + BOT_TOKEN + "/sendMessage");
    assertThat(telegram.body().toString()).contains(CHAT_ID).contains("Circuit breaker tripped: trading halted");

    JsonNode alert = alertIn(awaitDelivery("log", "CircuitBreakerTripped"), "CircuitBreakerTripped");
    assertThat(alert.get("labels").toString()).contains("\"severity\":\"critical\"").contains("\"symbol\":\"BTC/USD\"");
    assertThat(alert.at("/annotations/reason").asText()).isEqualTo("demo fault injection: tripped 6 s into the replay");
    // Prometheus scrapes every second: on a loaded machine the delivery can be seen before the next scrape
    await("Prometheus has scraped the sent alert", Duration.ofSeconds(30),
        () -> !query("tradermetrics_alerts_sent_total >= 1").isEmpty());
    assertThat(query("tradermetrics_alerts_sent_total == 1")).as("counted as sent by the demo").isNotEmpty();
  }

  @Test
  @Order(2)
  void ruleAlertCausedByTheFaultReachesSlackAndTelegramThroughAlertmanager() throws Exception {
    Delivery slack = awaitDelivery("slack", "TraderTradingHalted");
    assertThat(slack.body().toString()).contains("killSwitch took " + demo.metricsUri().getHost());

    Delivery telegram = awaitDelivery("telegram", "TraderTradingHalted");
    assertThat(telegram.path()).isEqualTo("/telegram/bot" + BOT_TOKEN + "/sendMessage");
    assertThat(telegram.body().toString()).contains("TraderTradingHalted").contains("runbook");

    JsonNode alert = alertIn(awaitDelivery("log", "TraderTradingHalted"), "TraderTradingHalted");
    assertThat(alert.at("/labels/check").asText()).isEqualTo("killSwitch");
    assertThat(alert.at("/labels/status").asText()).isEqualTo("out_of_service");
    assertThat(alert.at("/annotations/runbook_url").asText()).endsWith("docs/runbooks/monitoring.md#tradertradinghalted");
  }

  @Test
  @Order(3)
  void everyDashboardQueryReturnsDataFromTheDemo() throws Exception {
    JsonNode dashboard = JSON.readTree(Tools.DASHBOARD.toFile());
    Map<String, String> variables = new LinkedHashMap<>();
    for (JsonNode variable : dashboard.at("/templating/list")) {
      if (variable.get("type").asText().equals("query")) {
        variables.put(variable.get("name").asText(), firstValue(variable.get("query").asText()));
      }
    }
    variables.put("__rate_interval", "1m");
    assertThat(variables).containsEntry("symbol", "BTC/USD");

    List<String> failures = new ArrayList<>();
    int queries = 0;
    for (JsonNode panel : panels(dashboard)) {
      for (JsonNode target : panel.path("targets")) {
        String expr = substitute(target.get("expr").asText(), variables);
        queries++;
        if (query(expr).isEmpty()) {
          failures.add("panel '" + panel.get("title").asText() + "': no data for " + expr);
        }
      }
    }
    assertThat(queries).as("dashboard queries").isGreaterThan(20);
    assertThat(failures).as("dashboard queries without data").isEmpty();
  }

  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      all.add(panel);
      panel.path("panels").forEach(all::add);
    }
    return all;
  }

  /** Grafana's substitution: {@code $name} and {@code ${name}}. */
  private static String substitute(String expr, Map<String, String> variables) {
    String out = expr;
    for (Map.Entry<String, String> v : variables.entrySet()) {
      out = out.replace("${" + v.getKey() + "}", v.getValue()).replace("$" + v.getKey(), v.getValue());
    }
    assertThat(out).as("unsubstituted variable in " + expr).doesNotContain("$");
    return out;
  }

  /** The first value a {@code label_values(metric, label)} variable query offers, as Grafana would list it. */
  private String firstValue(String variableQuery) throws Exception {
    Matcher m = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)").matcher(variableQuery);
    assertThat(m.matches()).as("variable query " + variableQuery).isTrue();
    URI uri = prometheus.resolve("/api/v1/label/" + m.group(2) + "/values?match[]="
        + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8));
    JsonNode values = JSON.readTree(get(uri)).get("data");
    assertThat(values).as("values of " + variableQuery).isNotEmpty();
    return values.get(0).asText();
  }

  private List<JsonNode> query(String expr) throws Exception {
    URI uri = prometheus.resolve("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    JsonNode response = JSON.readTree(get(uri));
    assertThat(response.get("status").asText()).as(expr + ": " + response).isEqualTo("success");
    List<JsonNode> result = new ArrayList<>();
    JsonNode data = response.at("/data/result");
    for (Iterator<JsonNode> it = data.elements(); it.hasNext(); ) {
      result.add(it.next());
    }
    return result;
  }

  private String get(URI uri) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  private static JsonNode alertIn(Delivery webhook, String alertname) {
    for (JsonNode alert : webhook.body().get("alerts")) {
      if (alert.at("/labels/alertname").asText().equals(alertname)) {
        return alert;
      }
    }
    throw new AssertionError("no " + alertname + " in " + webhook.body());
  }

  private Delivery awaitDelivery(String service, String alertname) throws Exception {
    Predicate<Delivery> match = d -> d.service().equals(service) && d.body().toString().contains(alertname);
    await(service + " receives " + alertname, Duration.ofSeconds(60), () -> deliveries.stream().anyMatch(match));
    return deliveries.stream().filter(match).findFirst().orElseThrow();
  }

  private void awaitOk(URI uri) throws Exception {
    await(uri + " answers 200", Duration.ofSeconds(30), () -> {
      try {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  private interface Condition {
    boolean met() throws Exception;
  }

  private void await(String what, Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.met()) {
      for (Process p : processes) {
        assertThat(p.isAlive()).as(p.info().command().orElse("process") + " exited; see its log").isTrue();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what
            + "; received so far: " + deliveries);
      }
      Thread.sleep(200);
    }
  }
}
