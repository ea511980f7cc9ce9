package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.exporter.HealthCheck;
import io.tradermetrics.exporter.HealthResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TraderMetricsModuleTest {

  private final List<Injector> injectors = new ArrayList<>();

  @AfterEach
  void close() {
    injectors.forEach(i -> i.getInstance(TraderMetricsService.class).close());
  }

  /** Port 0, no JVM binders (quick), an empty environment. */
  static TraderMetricsModule.Builder quiet() {
    return TraderMetricsModule.builder().port(0).jvmBinders(false).environment(Map.of());
  }

  private Injector create(Module... modules) {
    Injector injector = Guice.createInjector(modules);
    injectors.add(injector);
    return injector;
  }

  private static TraderMetricsService service(Injector injector) {
    return injector.getInstance(TraderMetricsService.class);
  }

  @Nested
  class Wiring {

    @Test
    void servesAWovenCallOfAGuiceBuiltObjectAtMetrics() throws Exception {
      Injector injector = create(quiet().build());
      assertThat(injector.getInstance(OrderGateway.class).submit("BTC/USD")).isEqualTo("ack-BTC/USD");

      HttpResponse<String> response = Http.get(service(injector).metricsUri());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("trader_order_latency_seconds_count{exception=\"none\",operation=\"submit\","
          + "outcome=\"ok\",side=\"unknown\",symbol=\"BTC/USD\",venue=\"kraken\"} 1");
    }

    @Test
    void bindsOneRegistryAsBothTypesAndHandsItToTheAspects() {
      Injector injector = create(quiet().build());
      PrometheusMeterRegistry prometheus = injector.getInstance(PrometheusMeterRegistry.class);
      assertThat(injector.getInstance(MeterRegistry.class)).isSameAs(prometheus);
      assertThat(TraderMetrics.registry()).isSameAs(prometheus);
      assertThat(injector.getInstance(TraderMetricsConfig.class)).isSameAs(service(injector).config());
    }

    @Test
    void servesJvmAndProcessMetricsByDefault() throws Exception {
      Injector injector = create(TraderMetricsModule.builder().port(0).environment(Map.of()).build());
      String body = Http.get(service(injector).metricsUri()).body();
      assertThat(body).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
          "system_cpu_processors", "process_uptime_seconds");
    }

    @Test
    void servesProcessorMetricsUnderNamesPromtoolAccepts() throws Exception {
      Injector injector = create(quiet().binder(JvmBinder.PROCESSOR, true).build());
      String body = Http.get(service(injector).metricsUri()).body();
      assertThat(body)
          .contains("# TYPE process_cpu_seconds_total counter", "# TYPE system_cpu_processors gauge")
          .doesNotContain("process_cpu_time_ns", "system_cpu_count");
      double processors = Double.parseDouble(body.lines()
          .filter(l -> l.startsWith("system_cpu_processors "))
          .findFirst().orElseThrow().substring("system_cpu_processors ".length()));
      assertThat(processors).isEqualTo(Runtime.getRuntime().availableProcessors());
      double cpuSeconds = Double.parseDouble(body.lines()
          .filter(l -> l.startsWith("process_cpu_seconds_total "))
          .findFirst().orElseThrow().substring("process_cpu_seconds_total ".length()));
      // The JVM has run the injector and a scrape: some CPU time, far less than it has been up.
      assertThat(cpuSeconds).isPositive()
          .isLessThan(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0
              * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void servesConfiguredBuildInfoAtInfoAndInTheBuildInfoSeries() throws Exception {
      Injector injector = create(TraderMetricsModule.builder().jvmBinders(false)
          .environment(Map.of("CONFIG_FORCE_tradermetrics_exporter_port", "0",
              "CONFIG_FORCE_tradermetrics_info_name", "mm-btc",
              "CONFIG_FORCE_tradermetrics_info_version", "1.4.2",
              "CONFIG_FORCE_tradermetrics_info_build__time", "2026-11-20T17:05:11Z",
              "CONFIG_FORCE_tradermetrics_info_git__commit", "e1de23f"))
          .build());
      String info = Http.get(service(injector).metricsUri().resolve("/info")).body();
      assertThat(info).contains("\"name\":\"mm-btc\"", "\"version\":\"1.4.2\"", "\"time\":\"2026-11-20T17:05:11Z\"",
          "\"id\":\"e1de23f\"");
      assertThat(Http.get(service(injector).metricsUri()).body()).contains("tradermetrics_build_info{", "version=\"1.4.2\"");
    }

    @Test
    void leavesOutBindersThatAreSwitchedOff() throws Exception {
      Injector injector = create(TraderMetricsModule.builder().port(0).environment(Map.of())
          .binder(JvmBinder.JVM_MEMORY, false).build());
      String body = Http.get(service(injector).metricsUri()).body();
      assertThat(body).doesNotContain("jvm_memory_used_bytes").contains("jvm_threads_live_threads");
    }

    @Test
    void addsCommonTagsToEveryMeter() throws Exception {
      Injector injector = create(quiet().commonTag("application", "mm-btc").commonTag("environment", "paper").build());
      injector.getInstance(OrderGateway.class).submit("ETH/USD");
      String body = Http.get(service(injector).metricsUri()).body();
      assertThat(body).contains("application=\"mm-btc\"", "environment=\"paper\"")
          .containsPattern("trader_order_latency_seconds_count\\{application=\"mm-btc\",environment=\"paper\",[^}]*} 1");
    }

    @Test
    void givesANamedHistogramTheConfiguredBuckets() throws Exception {
      Injector injector = create(quiet().histogramBuckets("trader.order.latency", List.of(0.0042, 0.042)).build());
      injector.getInstance(OrderGateway.class).submit("BTC/USD");
      String body = Http.get(service(injector).metricsUri()).body();
      assertThat(body).contains("le=\"0.0042\"", "le=\"0.042\"");
    }

    @Test
    void servesContributedMeterBindersAndHealthChecks() throws Exception {
      Injector injector = create(quiet()
          .environment(Map.of("CONFIG_FORCE_tradermetrics_exporter_health_show__details", "always")).build(),
          new ContributingModule("venue_connections", "venue"));
      TraderMetricsService service = service(injector);
      assertThat(Http.get(service.metricsUri()).body()).contains("venue_connections 3.0");

      HttpResponse<String> health = Http.get(service.baseUri().resolve("health"));
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"venue\"", "\"connected\":true");
      assertThat(service.healthChecks()).extracting(HealthCheck::name).containsExactlyInAnyOrder("venue", "instrumentation");
    }

    @Test
    void requiresBasicAuthWithCredentialsFromTheNamedEnvironmentVariables() throws Exception {
      Injector injector = create(quiet()
          .environment(Map.of("CONFIG_FORCE_tradermetrics_exporter_auth_enabled", "true",
              "TRADERMETRICS_USERNAME", "prometheus", "TRADERMETRICS_PASSWORD", "s3cret"))
          .build());
      URI metrics = service(injector).metricsUri();
      assertThat(Http.get(metrics).statusCode()).isEqualTo(401);
      String basic = "Basic " + Base64.getEncoder().encodeToString("prometheus:s3cret".getBytes(StandardCharsets.UTF_8));
      assertThat(Http.get(metrics, basic).statusCode()).isEqualTo(200);
    }

    @Test
    void failsInjectorCreationNamingTheMissingCredentialsVariable() {
      assertThatThrownBy(() -> create(quiet()
          .environment(Map.of("CONFIG_FORCE_tradermetrics_exporter_auth_enabled", "true")).build()))
          .isInstanceOf(CreationException.class)
          .hasMessageContaining("environment variable TRADERMETRICS_USERNAME (named by tradermetrics.exporter.auth.username-env) is not set");
    }
  }

  @Nested
  class Lifecycle {

    @Test
    void closeStopsTheServerAndUnbindsTheAspects() {
      TraderMetricsService service = service(create(quiet().build()));
      URI metrics = service.metricsUri();
      service.close();
      assertThat(service.isRunning()).isFalse();
      assertThat(TraderMetrics.registry()).isSameAs(Metrics.globalRegistry);
      assertThatThrownBy(() -> Http.get(metrics)).isInstanceOf(IOException.class);
      assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("was closed");
    }

    @Test
    void closeClosesTheRegistry() {
      Injector injector = create(quiet().build());
      service(injector).close();
      assertThat(injector.getInstance(PrometheusMeterRegistry.class).isClosed()).isTrue();
    }

    @Test
    void manualStartListensAndBindsTheAspectsOnlyWhenStarted() throws Exception {
      Injector injector = create(quiet().manualStart().build());
      TraderMetricsService service = service(injector);
      assertThat(service.isRunning()).isFalse();
      assertThat(TraderMetrics.registry()).isSameAs(Metrics.globalRegistry);
      assertThatThrownBy(service::metricsUri).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not running");

      service.start();
      assertThat(service.isRunning()).isTrue();
      assertThat(TraderMetrics.registry()).isSameAs(injector.getInstance(MeterRegistry.class));
      assertThat(Http.get(service.metricsUri()).statusCode()).isEqualTo(200);
    }

    @Test
    void failsInjectorCreationNamingHostAndPortWhenThePortIsTaken() {
      int taken = service(create(quiet().build())).port();
      assertThatThrownBy(() -> create(quiet().port(taken).build()))
          .isInstanceOf(CreationException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + taken);
    }

    @Test
    void twoInjectorsKeepTheirOwnRegistriesServersAndBinders() throws Exception {
      Injector first = create(quiet().build());
      Injector second = create(quiet().build(), new ContributingModule("second_only", "secondCheck"));
      assertThat(first.getInstance(MeterRegistry.class)).isNotSameAs(second.getInstance(MeterRegistry.class));
      assertThat(Http.get(service(first).metricsUri()).body()).doesNotContain("second_only");
      assertThat(Http.get(service(second).metricsUri()).body()).contains("second_only");
      assertThat(Http.get(service(first).baseUri().resolve("health")).body()).doesNotContain("secondCheck");

      // the aspects are bound to the injector started last; closing the other leaves that binding alone
      service(first).close();
      assertThat(TraderMetrics.registry()).isSameAs(second.getInstance(MeterRegistry.class));
      assertThat(second.getInstance(PrometheusMeterRegistry.class).isClosed()).isFalse();
      assertThat(Http.get(service(second).metricsUri()).statusCode()).isEqualTo(200);
      service(second).close();
      assertThat(TraderMetrics.registry()).isSameAs(Metrics.globalRegistry);
    }
  }

  /** Another application module contributing a meter binder and a health check. */
  static final class ContributingModule extends AbstractModule {
    private final String gauge;
    private final String check;

    ContributingModule(String gauge, String check) {
      this.gauge = gauge;
      this.check = check;
    }

    @Override
    protected void configure() {
      MeterBinder binder = registry -> Gauge.builder(gauge, () -> 3).register(registry);
      Multibinder.newSetBinder(binder(), MeterBinder.class).addBinding().toInstance(binder);
      HealthCheck health = new HealthCheck() {
        @Override
        public String name() {
          return check;
        }

        @Override
        public HealthResult check() {
          return HealthResult.up(Map.of("connected", true));
        }
      };
      Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().toInstance(health);
    }
  }
}
