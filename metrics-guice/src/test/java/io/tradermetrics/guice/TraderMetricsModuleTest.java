package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradermetrics.aspects.TraderMetrics;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraderMetricsModuleTest {

  private Injector injector;

  @AfterEach
  void close() {
    if (injector != null) {
      injector.getInstance(TraderMetricsService.class).close();
    }
  }

  @Test
  void servesAWovenCallOfAGuiceBuiltObjectAtMetrics() throws Exception {
    injector = Guice.createInjector(TraderMetricsModule.builder().port(0).build());
    OrderGateway gateway = injector.getInstance(OrderGateway.class);
    assertThat(gateway.submit("BTC/USD")).isEqualTo("ack-BTC/USD");

    TraderMetricsService service = injector.getInstance(TraderMetricsService.class);
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(service.metricsUri()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("trader_order_latency_seconds_count{exception=\"none\",operation=\"submit\","
        + "outcome=\"ok\",side=\"unknown\",symbol=\"BTC/USD\",venue=\"kraken\"} 1");
  }

  @Test
  void bindsOneRegistryAsBothTypesAndHandsItToTheAspects() {
    injector = Guice.createInjector(TraderMetricsModule.builder().port(0).build());
    PrometheusMeterRegistry prometheus = injector.getInstance(PrometheusMeterRegistry.class);
    assertThat(injector.getInstance(MeterRegistry.class)).isSameAs(prometheus);
    assertThat(TraderMetrics.registry()).isSameAs(prometheus);
  }

  @Test
  void closeStopsTheServerAndUnbindsTheAspects() throws Exception {
    injector = Guice.createInjector(TraderMetricsModule.builder().port(0).build());
    TraderMetricsService service = injector.getInstance(TraderMetricsService.class);
    java.net.URI metrics = service.metricsUri();
    service.close();
    assertThat(TraderMetrics.registry()).isSameAs(Metrics.globalRegistry);
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void failsInjectorCreationNamingHostAndPortWhenThePortIsTaken() {
    injector = Guice.createInjector(TraderMetricsModule.builder().port(0).build());
    int taken = injector.getInstance(TraderMetricsService.class).port();
    assertThatThrownBy(() -> Guice.createInjector(TraderMetricsModule.builder().port(taken).build()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("cannot listen on 127.0.0.1:" + taken);
  }
}
