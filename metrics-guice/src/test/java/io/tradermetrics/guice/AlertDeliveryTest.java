package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.alerts.Alert;
import io.tradermetrics.alerts.Alerts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code tradermetrics.alerts.*}: the module delivers event alerts to an Alertmanager (a local stand-in). */
class AlertDeliveryTest {

  private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
  /** Statuses the stand-in answers, one per request, then 200. */
  private final java.util.Queue<Integer> statuses = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private HttpServer alertmanager;
  /** While up, the stand-in holds every request (an Alertmanager that accepts but does not answer). */
  private final java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(1);
  private volatile boolean hanging;
  private TraderMetricsService service;

  @BeforeEach
  void startAlertmanager() throws Exception {
    alertmanager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    alertmanager.createContext("/api/v2/alerts", exchange -> {
      posted.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()));
      if (hanging) {
        try {
          hang.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Integer status = statuses.poll();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
      exchange.close();
    });
    alertmanager.start();
  }

  @AfterEach
  void stop() {
    hang.countDown();
    if (service != null) {
      service.close();
    }
    alertmanager.stop(0);
  }

  @Test
  void postsRaisedAlertsWithConfiguredLabelsRunbookAndResolveTime() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + alertmanager.getAddress().getPort());
    Injector injector = Guice.createInjector(TraderMetricsModule.builder().port(0).jvmBinders(false)
        .commonTag("application", "mm-btc").alertmanager(url)
        .environment(Map.of("CONFIG_FORCE_tradermetrics_alerts_labels_environment", "prod",
            "CONFIG_FORCE_tradermetrics_alerts_runbook__url", "https://wiki.example.com/runbooks/trading",
            "CONFIG_FORCE_tradermetrics_alerts_resolve__after", "2m"))
        .build());
    service = injector.getInstance(TraderMetricsService.class);

    Alert alert = Alert.of(AlertSeverity.CRITICAL, "VenueDisconnected", "Venue disconnected")
        .withLabel("venue", "bitstamp").withMessage("websocket closed by peer").withField("attempts", "3");
    assertThat(Alerts.raise(alert)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (posted.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(posted).hasSize(1);
    JsonNode sent = posted.get(0).get(0);
    assertThat(new ObjectMapper().convertValue(sent.get("labels"), Map.class)).isEqualTo(Map.of(
        "alertname", "VenueDisconnected", "severity", "critical", "application", "mm-btc", "environment", "prod",
        "venue", "bitstamp"));
    assertThat(sent.at("/annotations/summary").asText()).isEqualTo("Venue disconnected");
    assertThat(sent.at("/annotations/description").asText()).isEqualTo("websocket closed by peer");
    assertThat(sent.at("/annotations/attempts").asText()).isEqualTo("3");
    assertThat(sent.at("/annotations/runbook_url").asText()).isEqualTo("https://wiki.example.com/runbooks/trading#venuedisconnected");
    assertThat(java.time.Instant.parse(sent.get("endsAt").asText()))
        .isEqualTo(alert.timestamp().plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.NANOS));
    MeterRegistry registry = service.registry();
    while (registry.get("tradermetrics.alerts.sent").counter().count() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(10); // counted once the post has returned, just after the stand-in saw it
    }
    assertThat(registry.get("tradermetrics.alerts.sent").counter().count()).isEqualTo(1);
    assertThat(registry.get("tradermetrics.alerts.raised").tag("severity", "critical").counter().count()).isEqualTo(1);
  }

  @Test
  void aBatchRefusedWith400IsDroppedOnceAndDoesNotHoldUpTheAlertsBehindIt() throws Exception {
    statuses.add(400);
    URI url = URI.create("http://127.0.0.1:" + alertmanager.getAddress().getPort());
    // a backoff far longer than the test: a retry of the refused batch would hold up the second alert
    service = Guice.createInjector(TraderMetricsModule.builder().port(0).jvmBinders(false).alertmanager(url)
        .environment(Map.of("CONFIG_FORCE_tradermetrics_alerts_initial__backoff", "1h",
            "CONFIG_FORCE_tradermetrics_alerts_max__backoff", "1h"))
        .build()).getInstance(TraderMetricsService.class);
    MeterRegistry registry = service.registry();

    assertThat(Alerts.raise(Alert.of(AlertSeverity.WARNING, "Refused", "Refused by Alertmanager"))).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (registry.get("tradermetrics.alerts.dropped").counter().count() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(Alerts.raise(Alert.of(AlertSeverity.CRITICAL, "VenueDisconnected", "Venue disconnected"))).isTrue();
    while (registry.get("tradermetrics.alerts.sent").counter().count() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(posted).extracting(p -> p.get(0).at("/labels/alertname").asText())
        .containsExactly("Refused", "VenueDisconnected");
    assertThat(registry.get("tradermetrics.alerts.sent").counter().count()).isEqualTo(1);
    assertThat(registry.get("tradermetrics.alerts.dropped").counter().count()).isEqualTo(1);
    assertThat(registry.get("tradermetrics.alerts.send.failures").counter().count()).isEqualTo(1);
  }

  @Test
  void aBatchAnswered503IsRetriedAndDelivered() throws Exception {
    statuses.add(503);
    URI url = URI.create("http://127.0.0.1:" + alertmanager.getAddress().getPort());
    service = Guice.createInjector(TraderMetricsModule.builder().port(0).jvmBinders(false).alertmanager(url)
        .environment(Map.of("CONFIG_FORCE_tradermetrics_alerts_initial__backoff", "10ms"))
        .build()).getInstance(TraderMetricsService.class);
    MeterRegistry registry = service.registry();

    assertThat(Alerts.raise(Alert.of(AlertSeverity.CRITICAL, "VenueDisconnected", "Venue disconnected"))).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (registry.get("tradermetrics.alerts.sent").counter().count() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(posted).extracting(p -> p.get(0).at("/labels/alertname").asText())
        .containsExactly("VenueDisconnected", "VenueDisconnected");
    assertThat(registry.get("tradermetrics.alerts.sent").counter().count()).isEqualTo(1);
    assertThat(registry.get("tradermetrics.alerts.dropped").counter().count()).isZero();
    assertThat(registry.get("tradermetrics.alerts.send.failures").counter().count()).isEqualTo(1);
  }

  @Test
  void closeReturnsByItsDeadlineWhileAPostHangsAndCountsTheAlertDropped() throws Exception {
    hanging = true;
    URI url = URI.create("http://127.0.0.1:" + alertmanager.getAddress().getPort());
    // the post would time out after 30 s; close() must not wait for it
    service = Guice.createInjector(TraderMetricsModule.builder().port(0).jvmBinders(false).alertmanager(url)
        .environment(Map.of("CONFIG_FORCE_tradermetrics_alerts_timeout", "30s"))
        .build()).getInstance(TraderMetricsService.class);
    io.micrometer.core.instrument.Counter dropped = service.registry().get("tradermetrics.alerts.dropped").counter();
    io.micrometer.core.instrument.Counter sent = service.registry().get("tradermetrics.alerts.sent").counter();
    assertThat(Alerts.raise(Alert.of(AlertSeverity.CRITICAL, "VenueDisconnected", "Venue disconnected"))).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (posted.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(posted).as("the post reached the stand-in, which holds it").hasSize(1);

    long start = System.nanoTime();
    service.close();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    service = null;

    // the dispatcher's close timeout is 2 s, plus 0.5 s for the cancelled post to return; the rest of close() is fast
    assertThat(tookMillis).as("close() took %d ms", tookMillis).isLessThan(4_000);
    assertThat(dropped.count()).isEqualTo(1);
    assertThat(sent.count()).isZero();
  }

  @Test
  void withoutAnAlertmanagerUrlAlertsAreCountedButNotQueued() {
    service = Guice.createInjector(TraderMetricsModule.builder().port(0).jvmBinders(false).environment(Map.of()).build())
        .getInstance(TraderMetricsService.class);
    assertThat(service.config().alerting()).isNull();
    assertThat(service.registry().get("tradermetrics.alerts.raised").tag("severity", "info").counter().count()).isZero();
    assertThat(Alerts.raise(Alert.of(AlertSeverity.INFO, "LargeExecution", "Large execution"))).isFalse();
    assertThat(service.registry().get("tradermetrics.alerts.raised").tag("severity", "info").counter().count()).isEqualTo(1);
    assertThat(posted).isEmpty();
  }

  @Test
  void badAlertSettingsFailNamingKeyAndWhatIsValid() {
    assertThatThrownBy(() -> TraderMetricsConfig.from(com.typesafe.config.ConfigFactory.parseMap(Map.of(
            "tradermetrics.alerts.alertmanager-url", "alertmanager:9093",
            "tradermetrics.alerts.max-backoff", "100ms"))))
        .isInstanceOf(TraderMetricsConfigException.class)
        .hasMessageContaining("tradermetrics.alerts.alertmanager-url = \"alertmanager:9093\"")
        .hasMessageContaining("expected empty (alerts are only logged and counted) or an http or https URL")
        .hasMessageContaining("tradermetrics.alerts.max-backoff = \"100ms\"")
        .hasMessageContaining("expected at least alerts.initial-backoff (PT0.5S)");
  }
}
