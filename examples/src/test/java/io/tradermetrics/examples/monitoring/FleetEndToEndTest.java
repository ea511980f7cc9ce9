package io.tradermetrics.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet end to end, with the real tools on 127.0.0.1: {@value #DEFAULT_INSTANCES} demo processes
 * by default ({@code -Dfleet.instances=50} for more; docs/scaling.md), each its own JVM
 * ({@code metrics-demo} replaying real trades under one of three strategies, small heap), scraped
 * by two Prometheus agents sharding them with {@code hashmod} ({@code prometheus/agent.yml}),
 * which {@code remote_write} into VictoriaMetrics ({@code victoriametrics/victoria-metrics.default});
 * vmalert evaluates {@code prometheus/rules.yml} on it ({@code victoriametrics/vmalert.default}) and
 * sends to Alertmanager ({@code alertmanager/alertmanager.yml}), whose Slack and Telegram receivers
 * are local stand-ins. The committed files are used with only addresses, paths, the shard number
 * and intervals (5 s to 1 s) replaced.
 *
 * <p>Every fourth instance (1, 5, 9, ...) trips its circuit breaker {@value #TRIP_AFTER_SECONDS} s
 * into its replay; every fourth from 3 (3, 7, ...) replays a shorter stretch and is killed once its
 * counters are checked. Proves: every instance is up, each scraped by exactly the agent of its
 * shard; each instance's counters in VictoriaMetrics equal the summary that demo printed; exactly the
 * tripped instances fire {@code TraderTradingHalted} and {@code CircuitBreakerTripped}; killing
 * instances fires {@code TraderMetricsTargetDown} for exactly those; every dashboard query returns
 * data from VictoriaMetrics with the variables on one instance and on All; the series each instance
 * exposes are within the budget of docs/scaling.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class FleetEndToEndTest {

  static final int DEFAULT_INSTANCES = 10;
  static final int INSTANCES = Integer.getInteger("fleet.instances", DEFAULT_INSTANCES);
  static final int AGENTS = 2;
  static final long TRIP_AFTER_SECONDS = 30;
  static final Path SCALING_DOC = Path.of("..", "docs", "scaling.md").toAbsolutePath().normalize();
  private static final String JOB = "tradermetrics";
  private static final String[] STRATEGIES = {"mm-a", "mm-b", "mm-c"};
  /** Replays shorter than the in-flight timeout (60 s): no order expires before its summary is printed. */
  private static final long REPLAY_SECONDS = 40;
  private static final long SHORT_REPLAY_SECONDS = 15;

  /** One demo process of the fleet. */
  record Instance(int index, String strategy, int port, int trades, boolean tripped, boolean killed) {
    String name() {
      return "demo-" + index;
    }

    String address() {
      return "127.0.0.1:" + port;
    }
  }

  private final List<Instance> fleet = new ArrayList<>();
  private final Map<String, Map<String, Double>> summaries = new HashMap<>();
  private final long startNanos = System.nanoTime();
  private Processes processes;
  private Receivers receivers;
  private PromApi victoriaMetrics;
  private PromApi alertmanager;
  private final List<PromApi> agents = new ArrayList<>();

  @BeforeAll
  void startTheFleet(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path prometheusBinary = Tools.find("prometheus", "prometheus");
    Path alertmanagerBinary = Tools.find("prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
    Path victoriaMetricsBinary = Tools.find("victoria-metrics", "victoria-metrics");
    Path vmalertBinary = Tools.find("victoria-metrics", "vmalert");
    assertThat(REPLAY_SECONDS).as("replays end before an order can time out").isLessThan(60);
    processes = new Processes(dir);
    receivers = Receivers.start();
    Iterator<Integer> ports = Tools.freePorts(INSTANCES + AGENTS + 3).iterator();

    int amPort = ports.next();
    processes.start("alertmanager", alertmanagerBinary, "--config.file=" + receivers.renderAlertmanagerConfig(dir),
        "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=");
    alertmanager = new PromApi(URI.create("http://127.0.0.1:" + amPort));

    // VictoriaMetrics with the committed flags; 1 s scrapes, so 1 s dedup and 2 s latency offset.
    int vmPort = ports.next();
    List<String> vmArgs = Tools.defaultArgs(Tools.VICTORIA_METRICS_ARGS);
    vmArgs = Tools.withFlag(vmArgs, "storageDataPath", dir.resolve("vm"));
    vmArgs = Tools.withFlag(vmArgs, "httpListenAddr", "127.0.0.1:" + vmPort);
    vmArgs = Tools.withFlag(vmArgs, "dedup.minScrapeInterval", "1s");
    vmArgs = Tools.withFlag(vmArgs, "search.latencyOffset", "2s");
    processes.start("victoria-metrics", command(victoriaMetricsBinary, vmArgs), Map.of());
    victoriaMetrics = new PromApi(URI.create("http://127.0.0.1:" + vmPort));

    // The fleet: each demo on its own port, its event alerts labelled with the job and instance
    // Prometheus gives it (tradermetrics.alerts.labels.*), as docs/runbooks/monitoring.md advises.
    // Started once the agents run (below).
    for (int i = 0; i < INSTANCES; i++) {
      boolean tripped = i % 4 == 1;
      boolean killed = i % 4 == 3;
      fleet.add(new Instance(i, STRATEGIES[i % STRATEGIES.length], ports.next(), 1_500 + 150 * i, tripped, killed));
    }
    // The targets, in a file_sd file the agents read; two agents, one shard each.
    Path targets = Files.createDirectories(dir.resolve("targets"));
    Files.writeString(targets.resolve("fleet.yml"), "- targets: ["
        + fleet.stream().map(i -> "'" + i.address() + "'").collect(Collectors.joining(", ")) + "]\n");
    String agentConfig = Files.readString(Tools.AGENT_CONFIG, StandardCharsets.UTF_8);
    agentConfig = Tools.replace(agentConfig, "scrape_interval: 5s", "scrape_interval: 1s", 1);
    agentConfig = Tools.replace(agentConfig, "scrape_timeout: 5s", "scrape_timeout: 1s", 1);
    agentConfig = Tools.replace(agentConfig, "batch_send_deadline: 5s", "batch_send_deadline: 1s", 1);
    agentConfig = Tools.replace(agentConfig, "'targets/*.yml'", "'" + targets + "/*.yml'", 1);
    agentConfig = Tools.replace(agentConfig, "modulus: 2 ", "modulus: " + AGENTS + " ", 1);
    agentConfig = Tools.replace(agentConfig, "http://127.0.0.1:8428/api/v1/write", victoriaMetrics.base() + "/api/v1/write", 1);
    for (int shard = 0; shard < AGENTS; shard++) {
      Path config = dir.resolve("agent-" + shard + ".yml");
      Files.writeString(config, Tools.replace(agentConfig, "regex: '0' ", "regex: '" + shard + "' ", 1));
      int port = ports.next();
      processes.start("agent-" + shard, prometheusBinary, "--enable-feature=agent", "--config.file=" + config,
          "--storage.agent.path=" + dir.resolve("agent-" + shard), "--web.listen-address=127.0.0.1:" + port);
      agents.add(new PromApi(URI.create("http://127.0.0.1:" + port)));
    }

    // vmalert with the committed flags and the project's rules.
    int vmalertPort = ports.next();
    List<String> vmalertArgs = Tools.defaultArgs(Tools.VMALERT_ARGS);
    vmalertArgs = Tools.withFlag(vmalertArgs, "rule", Tools.RULES);
    for (String url : List.of("datasource.url", "remoteWrite.url", "remoteRead.url")) {
      vmalertArgs = Tools.withFlag(vmalertArgs, url, victoriaMetrics.base());
    }
    vmalertArgs = Tools.withFlag(vmalertArgs, "notifier.url", alertmanager.base());
    vmalertArgs = Tools.withFlag(vmalertArgs, "evaluationInterval", "1s");
    vmalertArgs = Tools.withFlag(vmalertArgs, "httpListenAddr", "127.0.0.1:" + vmalertPort);
    processes.start("vmalert", command(vmalertBinary, vmalertArgs), Map.of());
    PromApi vmalert = new PromApi(URI.create("http://127.0.0.1:" + vmalertPort));

    // The demos last: the agents scrape each one from the moment its exporter is up.
    for (Instance instance : fleet) {
      List<Object> demo = new ArrayList<>(List.of(java, "-Xmx64m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-XX:-UsePerfData", "-Duser.language=en", "-Duser.country=US", "-cp", demoClassPath(),
          "io.tradermetrics.examples.demo.DemoCommand", "--port", instance.port(), "--strategy", instance.strategy(),
          "--trades", instance.trades(), "--duration", instance.killed() ? SHORT_REPLAY_SECONDS : REPLAY_SECONDS,
          "--linger", 1_800, "--alertmanager", alertmanager.base()));
      if (instance.tripped()) {
        demo.addAll(List.of("--trip-after", TRIP_AFTER_SECONDS));
      }
      processes.start(instance.name(), demo, Map.of(
          "CONFIG_FORCE_tradermetrics_alerts_labels_job", JOB,
          "CONFIG_FORCE_tradermetrics_alerts_labels_instance", instance.address()));
    }

    processes.await("Alertmanager is ready", 60, () -> alertmanager.ok("/-/ready"));
    processes.await("VictoriaMetrics is ready", 60, () -> victoriaMetrics.ok("/health"));
    for (PromApi agent : agents) {
      processes.await("agent " + agent.base() + " is ready", 60, () -> agent.ok("/-/ready"));
    }
    processes.await("vmalert is ready", 60, () -> vmalert.ok("/health"));
    log("stack started, " + INSTANCES + " demo processes starting; logs in " + dir + " (kept if a test fails)");
  }

  private static List<Object> command(Path binary, List<String> args) {
    List<Object> command = new ArrayList<>(List.of(binary));
    command.addAll(args);
    return command;
  }

  /** The examples' main classes and their dependencies: what {@code metrics-demo.jar} holds. */
  private static String demoClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }

  @AfterAll
  void stopTheFleet() throws Exception {
    if (processes != null) {
      Map<String, Long> peaks = processes.peakRssKib();
      long demos = peaks.entrySet().stream().filter(e -> e.getKey().startsWith("demo-")).mapToLong(Map.Entry::getValue).sum();
      long others = peaks.entrySet().stream().filter(e -> !e.getKey().startsWith("demo-")).mapToLong(Map.Entry::getValue).sum();
      log("peak RSS (VmHWM), MiB: " + INSTANCES + " demo processes " + demos / 1024 + " in all, "
          + peaks.entrySet().stream().filter(e -> !e.getKey().startsWith("demo-"))
              .map(e -> e.getKey() + " " + e.getValue() / 1024).collect(Collectors.joining(", "))
          + "; sum " + (demos + others) / 1024);
      processes.close();
    }
    if (receivers != null) {
      receivers.close();
    }
  }

  @Test
  @Order(1)
  void everyInstanceIsUpAndScrapedByExactlyTheAgentOfItsShard() throws Exception {
    Set<String> all = addresses(fleet);
    processes.await("VictoriaMetrics has up == 1 for all " + INSTANCES + " instances", 120 + 6L * INSTANCES,
        () -> instancesWhere("up{job=\"" + JOB + "\"} == 1").equals(all));
    Set<String> scraped = new TreeSet<>();
    for (int shard = 0; shard < AGENTS; shard++) {
      int k = shard;
      Set<String> expected = all.stream().filter(a -> hashmod(a, AGENTS) == k).collect(Collectors.toCollection(TreeSet::new));
      Set<String> actual = new TreeSet<>();
      for (JsonNode target : agents.get(shard).activeTargets()) {
        assertThat(target.path("health").asText()).as(target.toString()).isEqualTo("up");
        actual.add(target.at("/labels/instance").asText());
      }
      assertThat(actual).as("the targets of agent " + shard + ": md5(address) mod " + AGENTS + " == " + shard).isEqualTo(expected);
      assertThat(scraped).as("no target in two shards").doesNotContainAnyElementsOf(actual);
      scraped.addAll(actual);
    }
    assertThat(scraped).isEqualTo(all);
    log("all " + INSTANCES + " instances up; shard sizes "
        + agents.stream().map(a -> String.valueOf(all.stream().filter(x -> hashmod(x, AGENTS) == agents.indexOf(a)).count()))
            .collect(Collectors.joining(", ")));
  }

  /**
   * The shard Prometheus's {@code hashmod} puts a target in: the last 8 bytes of the MD5 of its
   * address, as an unsigned big-endian integer, modulo the number of shards.
   */
  static long hashmod(String address, int modulus) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(address.getBytes(StandardCharsets.UTF_8));
      return Long.remainderUnsigned(ByteBuffer.wrap(md5, 8, 8).getLong(), modulus);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(2)
  void eachInstancesCountersInVictoriaMetricsEqualItsPrintedSummaryThenTheShortReplaysAreKilled() throws Exception {
    // the short replays first: they end first, and are killed together once checked
    List<Instance> killed = fleet.stream().filter(Instance::killed).toList();
    checkCounters(killed);
    for (Instance instance : killed) {
      processes.kill(instance.name());
    }
    log("killed " + addresses(killed));
    checkCounters(fleet.stream().filter(i -> !i.killed()).toList());
  }

  private void checkCounters(List<Instance> instances) throws Exception {
    for (Instance instance : instances) {
      processes.await(instance.name() + " prints its summary", 120 + 4L * INSTANCES + REPLAY_SECONDS,
          () -> summary(instance) != null);
      summaries.put(instance.address(), summary(instance));
    }
    List<String> mismatches = new ArrayList<>();
    try {
      processes.await("the counters of " + addresses(instances) + " in VictoriaMetrics equal their summaries", 120, () -> {
        mismatches.clear();
        mismatches.addAll(counterMismatches(instances));
        return mismatches.isEmpty();
      });
    } catch (AssertionError e) {
      throw new AssertionError("counters that differ from the summaries: " + mismatches, e);
    }
    log("counters equal the summaries of " + instances.size() + " instances");
  }

  /** Each counter against the summary line it must equal; integers exactly, amounts to their printed precision. */
  private List<String> counterMismatches(List<Instance> instances) throws Exception {
    String of = "instance=~\"" + instances.stream().map(x -> Dashboard.regexEscape(x.address())).collect(Collectors.joining("|")) + "\"";
    // summary line (after a '/', which count of it) -> the series summed per instance: names (a regex), matchers
    String[][] counters = {
        {"orders sent", "trader_orders_(submitted|rejected|failed)_total", ""},
        {"orders sent/quotes", "trader_quotes_total", ""},
        {"venue acks", "trader_order_ack_latency_seconds_count", "outcome=\"ack\""},
        {"venue rejects", "trader_orders_rejected_total", ""},
        {"venue rejects/lifecycle", "trader_order_ack_latency_seconds_count", "outcome=\"rejected\""},
        {"orders cancelled", "trader_orders_cancelled_total", ""},
        {"cancels confirmed", "trader_order_cancel_latency_seconds_count", "outcome=\"cancelled\""},
        {"fills", "trader_orders_filled_total", ""},
        {"orders completely filled", "trader_order_fill_latency_seconds_count", "fill=\"complete\""},
        {"orders in flight", "trader_orders_inflight|trader_orders_expired_total", ""},
        {"inventory blocks", "trader_guard_blocks_total", ""},
        {"quotes published", "trader_spread_bps_count", ""},
        {"ticks handled", "trader_call_latency_seconds_count", "target=\"market-maker\", operation=\"on_tick\""},
        {"net position", "trader_position", ""},
        {"realized PnL", "trader_pnl_realized", ""},
        {"unrealized PnL", "trader_pnl_unrealized", ""}};
    Map<String, String> exprs = new LinkedHashMap<>();
    for (String[] c : counters) {
      exprs.put(c[0], "sum by (instance) ({__name__=~\"" + c[1] + "\", " + of + (c[2].isEmpty() ? "" : ", " + c[2]) + "})");
    }
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, String> e : exprs.entrySet()) {
      Map<String, Double> actual = new HashMap<>();
      for (JsonNode sample : victoriaMetrics.query(e.getValue())) {
        actual.put(sample.at("/metric/instance").asText(), PromApi.value(sample));
      }
      String line = e.getKey().contains("/") ? e.getKey().substring(0, e.getKey().indexOf('/')) : e.getKey();
      double tolerance = line.endsWith("PnL") ? 0.005 + 1e-9 : line.equals("net position") ? 1e-9 : 0;
      for (Instance instance : instances) {
        double expected = summaries.get(instance.address()).get(line);
        // a histogram's series (outcome="rejected" say) appear with its first observation: none is a count of 0
        Double got = actual.getOrDefault(instance.address(), expected == 0 ? 0.0 : null);
        if (got == null || Math.abs(got - expected) > tolerance) {
          mismatches.add(instance.address() + " " + e.getKey() + ": summary " + expected + ", VictoriaMetrics " + got);
        }
      }
    }
    return mismatches;
  }

  private static final Pattern SUMMARY_LINE = Pattern.compile("^  ([a-zA-Z ]+?)\\s*: (-?[0-9]+(?:\\.[0-9]+)?)(.*)$");
  private static final Pattern COMPLETELY_FILLED = Pattern.compile("\\((\\d+) orders completely filled\\)");

  /** The figures of the demo's printed summary, by line name; null until it is printed. */
  private Map<String, Double> summary(Instance instance) throws Exception {
    List<String> lines = Files.readAllLines(processes.log(instance.name()), StandardCharsets.UTF_8);
    int start = -1;
    for (int n = 0; n < lines.size(); n++) {
      if (lines.get(n).startsWith("Replay finished")) {
        start = n;
      }
    }
    if (start < 0 || lines.stream().noneMatch(l -> l.startsWith("  unrealized PnL"))) {
      return null;
    }
    Map<String, Double> figures = new HashMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      Matcher m = SUMMARY_LINE.matcher(line);
      if (m.matches()) {
        figures.put(m.group(1), Double.parseDouble(m.group(2)));
        Matcher complete = COMPLETELY_FILLED.matcher(m.group(3));
        if (complete.find()) {
          figures.put("orders completely filled", Double.parseDouble(complete.group(1)));
        }
      }
    }
    assertThat(figures).as(instance.name() + "'s summary").containsKeys("orders sent", "venue acks", "venue rejects",
        "orders cancelled", "cancels confirmed", "fills", "orders completely filled", "orders in flight", "inventory blocks",
        "quotes published", "ticks handled", "net position", "realized PnL", "unrealized PnL");
    assertThat(figures.get("trades replayed")).isEqualTo((double) instance.trades());
    return figures;
  }

  @Test
  @Order(3)
  void exactlyTheTrippedInstancesFireTraderTradingHaltedAndCircuitBreakerTripped() throws Exception {
    Set<String> tripped = addresses(fleet.stream().filter(Instance::tripped).toList());
    assertThat(tripped).isNotEmpty();
    processes.await("Alertmanager holds TraderTradingHalted and CircuitBreakerTripped for " + tripped, 180, () ->
        activeAlerts("TraderTradingHalted").equals(tripped) && activeAlerts("CircuitBreakerTripped").equals(tripped));
    processes.await("the log receiver has TraderTradingHalted and CircuitBreakerTripped for " + tripped, 120, () ->
        instances(receivers.loggedAlerts("TraderTradingHalted", "firing")).equals(tripped)
            && instances(receivers.loggedAlerts("CircuitBreakerTripped", "firing")).equals(tripped));
    // every replay has ended (checked above): no other instance can still trip
    assertThat(summaries).hasSize(INSTANCES);
    assertThat(activeAlerts("TraderTradingHalted")).isEqualTo(tripped);
    assertThat(activeAlerts("CircuitBreakerTripped")).isEqualTo(tripped);
    assertThat(instances(receivers.loggedAlerts("TraderTradingHalted", "firing"))).isEqualTo(tripped);
    assertThat(instances(receivers.loggedAlerts("CircuitBreakerTripped", "firing"))).isEqualTo(tripped);
    for (String service : List.of("slack", "telegram")) {
      for (String alertname : List.of("TraderTradingHalted", "CircuitBreakerTripped")) {
        processes.await(service + " receives " + alertname, 120, () -> receivers.first(service, alertname) != null);
      }
    }
    for (JsonNode alert : receivers.loggedAlerts("TraderTradingHalted", "firing")) {
      assertThat(alert.at("/labels/check").asText()).isEqualTo("killSwitch");
      assertThat(alert.at("/labels/strategy").asText()).isEqualTo(strategyOf(alert.at("/labels/instance").asText()));
      assertThat(alert.at("/annotations/runbook_url").asText()).endsWith("docs/runbooks/monitoring.md#tradertradinghalted");
    }
    log("TraderTradingHalted and CircuitBreakerTripped for exactly " + tripped);
  }

  @Test
  @Order(4)
  void everyDashboardQueryReturnsDataFromVictoriaMetricsForOneInstanceAndForAll() throws Exception {
    Dashboard dashboard = Dashboard.load(Tools.DASHBOARD);
    processes.await("vmalert's recording rules and ALERTS are in VictoriaMetrics", 120,
        () -> !victoriaMetrics.query("trader:orders_completed:rate5m").isEmpty()
            && !victoriaMetrics.query("trader:order_latency_seconds_bucket:rate5m").isEmpty()
            && !victoriaMetrics.query("ALERTS{alertname=\"TraderTradingHalted\", alertstate=\"firing\"}").isEmpty());
    // a time range (and rate interval) covering the whole run, as a desk looking at the last hour would have
    String range = (TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - startNanos) + 2) + "m";
    // one instance: a tripped one, still running, so that its alert is among the data; of those, the
    // one the agents saw trade most before its trip (on a loaded machine the first scrapes of a
    // process can come after its trip)
    List<Instance> tripped = fleet.stream().filter(Instance::tripped).toList();
    // (max - min: VictoriaMetrics' increase() counts a counter's first sample as an increase from 0)
    String trippedSelector = "{instance=~\"" + tripped.stream().map(x -> Dashboard.regexEscape(x.address()))
        .collect(Collectors.joining("|")) + "\"}[" + range + "]";
    Map<String, Double> traded = byInstance("sum by (instance) (max_over_time(trader_orders_submitted_total" + trippedSelector
        + ") - min_over_time(trader_orders_submitted_total" + trippedSelector + "))");
    Instance one = tripped.stream().max(java.util.Comparator.comparing(x -> traded.getOrDefault(x.address(), 0.0))).orElseThrow();
    assertThat(traded.get(one.address())).as("orders seen from " + one.address() + " before its trip").isPositive();
    Map<String, String> pinned = Map.of("job", JOB, "strategy", one.strategy(), "instance", one.address());
    Map<String, String> single = dashboard.resolve(victoriaMetrics, pinned, false, range, range);
    assertThat(dashboard.queriesWithoutData(victoriaMetrics, single)).as("queries without data for " + one.address()).isEmpty();
    Map<String, String> all = dashboard.resolve(victoriaMetrics, Map.of(), true, range, range);
    assertThat(all.get("instance")).as("All instances").contains(Dashboard.regexEscape(one.address()));
    assertThat(dashboard.queriesWithoutData(victoriaMetrics, all)).as("queries without data for All").isEmpty();
    log(dashboard.queries().size() + " dashboard queries return data for " + one.address() + " and for All");
  }

  @Test
  @Order(5)
  void killingInstancesFiresTraderMetricsTargetDownForExactlyThose() throws Exception {
    Set<String> killed = addresses(fleet.stream().filter(Instance::killed).toList());
    assertThat(killed).isNotEmpty();
    processes.await("Alertmanager holds TraderMetricsTargetDown for " + killed, 300,
        () -> activeAlerts("TraderMetricsTargetDown").equals(killed));
    processes.await("the log receiver has TraderMetricsTargetDown for " + killed, 120,
        () -> instances(receivers.loggedAlerts("TraderMetricsTargetDown", "firing")).equals(killed));
    assertThat(activeAlerts("TraderMetricsTargetDown")).isEqualTo(killed);
    assertThat(victoriaMetrics.query("up{job=\"" + JOB + "\"} == 1")).hasSize(INSTANCES - killed.size());
    for (String service : List.of("slack", "telegram")) {
      processes.await(service + " receives TraderMetricsTargetDown", 120, () -> receivers.first(service, "TraderMetricsTargetDown") != null);
    }
    log("TraderMetricsTargetDown for exactly " + killed);
  }

  @Test
  @Order(6)
  void theSeriesEachInstanceExposesAreWithinTheBudgetOfDocsScaling() throws Exception {
    Matcher budget = Pattern.compile("\\*\\*(\\d+) series per instance\\*\\*")
        .matcher(Files.readString(SCALING_DOC, StandardCharsets.UTF_8));
    assertThat(budget.find()).as("docs/scaling.md states the budget as **N series per instance**").isTrue();
    int limit = Integer.parseInt(budget.group(1));
    Map<String, Double> exposed = byInstance("max_over_time(scrape_samples_scraped{job=\"" + JOB + "\"}[30m])");
    Map<String, Double> stored = byInstance("count by (instance) (last_over_time({job=\"" + JOB + "\", instance!=\"\", __name__!~\"up|scrape_.+\"}[30m]))");
    assertThat(exposed.keySet()).isEqualTo(addresses(fleet));
    assertThat(stored.keySet()).isEqualTo(addresses(fleet));
    for (String instance : exposed.keySet()) {
      assertThat(exposed.get(instance)).as("series exposed by " + instance).isPositive().isLessThanOrEqualTo(limit);
      assertThat(stored.get(instance)).as("series stored for " + instance).isPositive().isLessThanOrEqualTo(limit);
    }
    log("series per instance, exposed (max of scrape_samples_scraped) " + summary(exposed.values())
        + ", stored in VictoriaMetrics " + summary(stored.values()) + "; budget " + limit
        + "; VictoriaMetrics holds " + victoriaMetrics.query("count({__name__!=\"\"})").stream()
            .map(s -> String.valueOf((long) PromApi.value(s))).findFirst().orElse("?") + " live series in all");
  }

  private static String summary(java.util.Collection<Double> values) {
    return "min " + values.stream().mapToDouble(d -> d).min().orElse(0) + ", max " + values.stream().mapToDouble(d -> d).max().orElse(0);
  }

  private Map<String, Double> byInstance(String expr) throws Exception {
    Map<String, Double> values = new HashMap<>();
    for (JsonNode sample : victoriaMetrics.query(expr)) {
      values.put(sample.at("/metric/instance").asText(), PromApi.value(sample));
    }
    return values;
  }

  private Set<String> instancesWhere(String expr) throws Exception {
    Set<String> found = new TreeSet<>();
    for (JsonNode sample : victoriaMetrics.query(expr)) {
      found.add(sample.at("/metric/instance").asText());
    }
    return found;
  }

  /** The instances of the active (not silenced, not inhibited) alerts Alertmanager holds with this name. */
  private Set<String> activeAlerts(String alertname) throws Exception {
    List<JsonNode> alerts = new ArrayList<>();
    alertmanager.getJson("/api/v2/alerts?active=true&silenced=false&inhibited=false&filter="
        + java.net.URLEncoder.encode("alertname=\"" + alertname + "\"", StandardCharsets.UTF_8)).forEach(alerts::add);
    return instances(alerts);
  }

  private static Set<String> instances(List<JsonNode> alerts) {
    return alerts.stream().map(a -> a.at("/labels/instance").asText()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> addresses(List<Instance> instances) {
    return instances.stream().map(Instance::address).collect(Collectors.toCollection(TreeSet::new));
  }

  private String strategyOf(String address) {
    return fleet.stream().filter(i -> i.address().equals(address)).findFirst().orElseThrow().strategy();
  }

  private void log(String message) {
    System.out.printf("[fleet %d instances, %4d s] %s%n", INSTANCES,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos), message);
  }
}
