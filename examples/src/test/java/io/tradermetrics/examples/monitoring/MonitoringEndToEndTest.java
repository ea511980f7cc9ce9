package io.tradermetrics.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradermetrics.examples.demo.Demo;
import io.tradermetrics.examples.demo.Faults;
import io.tradermetrics.examples.marketmaker.MarketMaker;
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
 * replaying real trades) with faults injected (a slow acknowledgement 1 s into the replay, a strategy panic at 2 s,
 * a 15 BTC block trade at 3 s, the venue connection lost at 4 s, the circuit breaker tripped at 6 s),
 * scraped every second by Prometheus loading {@code prometheus/rules.yml}, which sends to
 * Alertmanager loading {@code alertmanager/alertmanager.yml}, whose Slack and Telegram receivers
 * point at a local HTTP server standing in for both services (and for the log webhook). The
 * committed configs are used with only their addresses, secret file path and token replaced, and
 * Prometheus's intervals shortened to 1 s ({@code --rules.alert.resend-delay=1s}) so an alert
 * arrives in seconds.
 *
 * <p>Proves: the event alert raised in code by {@code @RaiseAlert} reaches Slack and Telegram
 * through Alertmanager; the rule alert the fault causes ({@code TraderTradingHalted}) does too; so do
 * the strategy panic (critical), the large execution (info, Slack), the position beyond its
 * published limit, the venue disconnect (a warning, then an error to Slack and Telegram: the rule's
 * 2 minutes shortened to 20 s); Prometheus stores the exemplar naming the slowed order's client
 * order id ({@code /api/v1/query_exemplars}); and
 * every PromQL expression of the Grafana dashboard, its variables substituted as Grafana would (each
 * on its first value, and each on "All"), returns data from the demo. {@code FleetEndToEndTest} does
 * the same for a fleet of demo processes behind Prometheus agents and VictoriaMetrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringEndToEndTest {

  private static final Duration TRIP_AFTER = Duration.ofSeconds(6);
  /** The other faults, in this order: a slow ack while trading, then the strategy dies, a block trade, the venue drops. */
  private static final Faults FAULTS = Faults.of(Map.of(Faults.Kind.SLOW_ACK, Duration.ofSeconds(1),
      Faults.Kind.PANIC, Duration.ofSeconds(2), Faults.Kind.LARGE_FILL, Duration.ofSeconds(3),
      Faults.Kind.DISCONNECT, Duration.ofSeconds(4), Faults.Kind.TRIP, TRIP_AFTER));
  private long replayStartSeconds;

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
    // the rules as committed, but VenueDisconnectedTooLong after 20 s instead of 2 minutes
    String rules = Files.readString(Tools.RULES, StandardCharsets.UTF_8);
    int tooLong = rules.indexOf("alert: VenueDisconnectedTooLong");
    rules = rules.substring(0, tooLong) + Tools.replace(rules.substring(tooLong), "for: 2m", "for: 20s", 1);
    Path rulesCopy = dir.resolve("rules.yml");
    Files.writeString(rulesCopy, rules);
    prom = Tools.replace(prom, "- rules.yml", "- " + rulesCopy, 1);
    prom = Tools.replace(prom, "'127.0.0.1:9093'", "'127.0.0.1:" + amPort + "'", 1);
    prom = Tools.replace(prom, "'127.0.0.1:9464'", "'" + target + "'", 1);
    Path promConfig = dir.resolve("prometheus.yml");
    Files.writeString(promConfig, prom);
    int promPort = Tools.freePort();
    processes.start("prometheus", prometheusBinary, "--config.file=" + promConfig, "--storage.tsdb.path=" + dir.resolve("tsdb"),
        "--web.listen-address=127.0.0.1:" + promPort, "--rules.alert.resend-delay=1s", "--enable-feature=exemplar-storage");
    prometheus = new PromApi(URI.create("http://127.0.0.1:" + promPort));
    processes.await("Prometheus is ready", 30, () -> prometheus.ok("/-/ready"));
    processes.await("Prometheus scrapes the demo", 30, () -> !prometheus.query("up{job=\"tradermetrics\"} == 1").isEmpty());

    // The replay: 30 s of wall time; the circuit breaker trips 6 s in, then quoting stops.
    List<Trade> trades = BitstampTrades.load(60_000);
    replayStartSeconds = System.currentTimeMillis() / 1000 - 1;
    replay = new Thread(() -> demo.replay(trades, Duration.ofSeconds(30), n -> {}, FAULTS), "demo-replay");
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
    // the other faults raise event alerts too (StrategyPanic, LargeExecution): none is dropped
    assertThat(prometheus.query("tradermetrics_alerts_dropped_total == 0")).as("no event alert dropped").isNotEmpty();
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

  /**
   * The slowed order: the venue acknowledged it 300 ms late, alone in its bucket of
   * {@code trader_order_ack_latency_seconds}, so the exemplar Prometheus stored for that bucket
   * (OpenMetrics scrape, {@code --enable-feature=exemplar-storage}) names its client order id.
   */
  @Test
  @Order(4)
  void prometheusStoresTheExemplarNamingTheDeliberatelySlowedOrder() throws Exception {
    processes.await("the slow-ack fault was injected", 30, () -> demo.slowedOrderId() > 0);
    String id = Long.toString(demo.slowedOrderId());
    processes.await("Prometheus has an exemplar of order " + id, 60, () -> exemplarsOf(id).size() > 0);
    JsonNode exemplar = exemplarsOf(id).get(0);
    assertThat(exemplar.path("value").asDouble()).as("the ack latency of the slowed order, seconds")
        .isGreaterThanOrEqualTo(Demo.SLOW_ACK.toMillis() / 1000.0);
  }

  private List<JsonNode> exemplarsOf(String orderId) throws Exception {
    long now = System.currentTimeMillis() / 1000 + 1;
    JsonNode data = prometheus.getJson("/api/v1/query_exemplars?query="
        + java.net.URLEncoder.encode("trader_order_ack_latency_seconds_bucket", StandardCharsets.UTF_8)
        + "&start=" + replayStartSeconds + "&end=" + now).path("data");
    List<JsonNode> found = new java.util.ArrayList<>();
    for (JsonNode series : data) {
      for (JsonNode exemplar : series.path("exemplars")) {
        if (exemplar.at("/labels/order_id").asText().equals(orderId)) {
          found.add(exemplar);
        }
      }
    }
    return found;
  }

  /** Each alert condition the desk asked for, injected by the demo, reaches its receivers through Alertmanager. */
  @Test
  @Order(5)
  void strategyPanicLargeExecutionPositionLimitAndVenueDisconnectReachTheirReceivers() throws Exception {
    // critical event alert raised in code: Slack and Telegram
    assertThat(awaitDelivery("slack", "StrategyPanic").body().toString()).contains("exception escaped the strategy loop");
    assertThat(awaitDelivery("telegram", "StrategyPanic").body().toString()).contains("StrategyPanic");
    assertThat(alertIn(awaitDelivery("log", "StrategyPanic"), "StrategyPanic").at("/annotations/error").asText())
        .isEqualTo("demo fault injection: strategy panic");
    // info event alert: Slack only
    assertThat(awaitDelivery("slack", "LargeExecution").body().toString()).contains("Large execution");
    JsonNode large = alertIn(awaitDelivery("log", "LargeExecution"), "LargeExecution");
    assertThat(large.at("/labels/severity").asText()).isEqualTo("info");
    assertThat(large.at("/annotations/notional").asDouble()).isGreaterThan(MarketMaker.LARGE_EXECUTION_NOTIONAL);
    // the rule against the published limit (the block trade took the position past it)
    assertThat(awaitDelivery("telegram", "TraderPositionLimitBreached").body().toString()).contains("bitstamp");
    // venue down: a warning to Slack, then an error to Slack and Telegram
    // (matched by its summary: the name is a prefix of the error's)
    assertThat(awaitDelivery("slack", "disconnected on " + demo.metricsUri().getHost()).body().toString())
        .contains("reconnecting").contains("VenueDisconnected");
    assertThat(awaitDelivery("telegram", "VenueDisconnectedTooLong").body().toString()).contains("still disconnected");
    JsonNode tooLong = alertIn(awaitDelivery("log", "VenueDisconnectedTooLong"), "VenueDisconnectedTooLong");
    assertThat(tooLong.at("/labels/severity").asText()).isEqualTo("error");
    assertThat(tooLong.at("/labels/venue").asText()).isEqualTo("bitstamp");
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
    processes.await(service + " receives " + alertname, 120,
        () -> receivers.first(service, alertname) != null);
    return receivers.first(service, alertname);
  }
}
