package io.tradermetrics.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradermetrics.examples.demo.Demo;
import io.tradermetrics.examples.marketmaker.BitstampTrades;
import io.tradermetrics.examples.marketmaker.Trade;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * every PromQL expression of the Grafana dashboard, its variables substituted as Grafana would (each
 * on its first value, and each on "All"), returns data from the demo. {@code FleetEndToEndTest} does
 * the same for a fleet of demo processes behind Prometheus agents and VictoriaMetrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringEndToEndTest {

  private static final Duration TRIP_AFTER = Duration.ofSeconds(6);

  private Processes processes;
  private Receivers receivers;
  private Demo demo;
  private Thread replay;
  private PromApi prometheus;

  @BeforeAll
  void startTheStack(@TempDir Path dir) throws Exception {
    Path prometheusBinary = Tools.find("prometheus", "prometheus");
    Path alertmanagerBinary = Tools.find("prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
    processes = new Processes(dir);
    receivers = Receivers.start();

    // Alertmanager, with the committed routing; only addresses and secrets differ.
    int amPort = Tools.freePort();
    processes.start("alertmanager", alertmanagerBinary, "--config.file=" + receivers.renderAlertmanagerConfig(dir),
        "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=");
    PromApi alertmanager = new PromApi(URI.create("http://127.0.0.1:" + amPort));
    processes.await("Alertmanager is ready", 30, () -> alertmanager.ok("/-/ready"));

    // The demo, sending its event alerts to that Alertmanager.
    demo = Demo.start("127.0.0.1", 0, alertmanager.base());
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
    processes.start("prometheus", prometheusBinary, "--config.file=" + promConfig, "--storage.tsdb.path=" + dir.resolve("tsdb"),
        "--web.listen-address=127.0.0.1:" + promPort, "--rules.alert.resend-delay=1s");
    prometheus = new PromApi(URI.create("http://127.0.0.1:" + promPort));
    processes.await("Prometheus is ready", 30, () -> prometheus.ok("/-/ready"));
    processes.await("Prometheus scrapes the demo", 30, () -> !prometheus.query("up{job=\"tradermetrics\"} == 1").isEmpty());

    // The replay: 30 s of wall time; the circuit breaker trips 6 s in, then quoting stops.
    List<Trade> trades = BitstampTrades.load(60_000);
    replay = new Thread(() -> demo.replay(trades, Duration.ofSeconds(30), n -> {}, TRIP_AFTER), "demo-replay");
    replay.setDaemon(true);
    replay.start();
  }

  @AfterAll
  void stopTheStack() throws Exception {
    if (replay != null) {
      replay.join(TimeUnit.SECONDS.toMillis(60));
    }
    if (processes != null) {
      processes.close();
    }
    if (demo != null) {
      demo.close();
    }
    if (receivers != null) {
      receivers.close();
    }
  }

  @Test
  @Order(1)
  void eventAlertRaisedInCodeReachesSlackAndTelegramThroughAlertmanager() throws Exception {
    Receivers.Delivery slack = awaitDelivery("slack", "CircuitBreakerTripped");
    assertThat(slack.body().get("channel").asText()).isEqualTo("#trading-alerts");
    assertThat(slack.body().toString()).contains("Circuit breaker tripped: trading halted")
        .contains("demo fault injection: tripped 6 s into the replay");

    Receivers.Delivery telegram = awaitDelivery("telegram", "CircuitBreakerTripped");
    assertThat(telegram.path()).isEqualTo("/telegram/bot" + Receivers.BOT_TOKEN + "/sendMessage");
    assertThat(telegram.body().toString()).contains(Receivers.CHAT_ID).contains("Circuit breaker tripped: trading halted");

    JsonNode alert = alertIn(awaitDelivery("log", "CircuitBreakerTripped"), "CircuitBreakerTripped");
    assertThat(alert.get("labels").toString()).contains("\"severity\":\"critical\"").contains("\"symbol\":\"BTC/USD\"");
    assertThat(alert.at("/annotations/reason").asText()).isEqualTo("demo fault injection: tripped 6 s into the replay");
    // Prometheus scrapes every second: on a loaded machine the delivery can be seen before the next scrape
    processes.await("Prometheus has scraped the sent alert", 30,
        () -> !prometheus.query("tradermetrics_alerts_sent_total >= 1").isEmpty());
    assertThat(prometheus.query("tradermetrics_alerts_sent_total == 1")).as("counted as sent by the demo").isNotEmpty();
  }

  @Test
  @Order(2)
  void ruleAlertCausedByTheFaultReachesSlackAndTelegramThroughAlertmanager() throws Exception {
    Receivers.Delivery slack = awaitDelivery("slack", "TraderTradingHalted");
    assertThat(slack.body().toString()).contains("killSwitch took " + demo.metricsUri().getHost());

    Receivers.Delivery telegram = awaitDelivery("telegram", "TraderTradingHalted");
    assertThat(telegram.path()).isEqualTo("/telegram/bot" + Receivers.BOT_TOKEN + "/sendMessage");
    assertThat(telegram.body().toString()).contains("TraderTradingHalted").contains("runbook");

    JsonNode alert = alertIn(awaitDelivery("log", "TraderTradingHalted"), "TraderTradingHalted");
    assertThat(alert.at("/labels/check").asText()).isEqualTo("killSwitch");
    assertThat(alert.at("/labels/status").asText()).isEqualTo("out_of_service");
    assertThat(alert.at("/annotations/runbook_url").asText()).endsWith("docs/runbooks/monitoring.md#tradertradinghalted");
  }

  @Test
  @Order(3)
  void everyDashboardQueryReturnsDataFromTheDemoWithTheVariablesOnTheirFirstValueAndOnAll() throws Exception {
    Dashboard dashboard = Dashboard.load(Tools.DASHBOARD);
    assertThat(dashboard.queries()).as("dashboard queries").hasSizeGreaterThan(40);
    // the recording rules the desk panels read are evaluated over 5 minutes: give them data
    processes.await("the desk's recording rules have data", 60,
        () -> !prometheus.query("trader:orders_completed:rate5m > 0").isEmpty());

    Map<String, String> first = dashboard.resolve(prometheus, Map.of(), false, "1m", "5m");
    assertThat(first).containsEntry("symbol", "BTC/USD").containsEntry("strategy", "market-maker");
    assertThat(dashboard.queriesWithoutData(prometheus, first)).as("dashboard queries without data, first values").isEmpty();

    Map<String, String> all = dashboard.resolve(prometheus, Map.of(), true, "1m", "5m");
    assertThat(dashboard.queriesWithoutData(prometheus, all)).as("dashboard queries without data, All").isEmpty();
  }

  private static JsonNode alertIn(Receivers.Delivery webhook, String alertname) {
    for (JsonNode alert : webhook.body().get("alerts")) {
      if (alert.at("/labels/alertname").asText().equals(alertname)) {
        return alert;
      }
    }
    throw new AssertionError("no " + alertname + " in " + webhook.body());
  }

  private Receivers.Delivery awaitDelivery(String service, String alertname) throws Exception {
    processes.await(service + " receives " + alertname, 60,
        () -> receivers.first(service, alertname) != null);
    return receivers.first(service, alertname);
  }
}
