package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtlpPushTest {

  private HttpServer receiver;
  private final List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/v1/metrics", exchange -> {
      try (exchange; InputStream body = exchange.getRequestBody()) {
        received.add(ExportMetricsServiceRequest.parseFrom(body.readAllBytes()));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.sendResponseHeaders(200, -1);
      }
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void pushesMeterRecordedByTheAspectsToTheCollectorAndStillServesThemToPrometheus() {
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/metrics");
    Injector injector = Guice.createInjector(TraderMetricsModuleTest.quiet().exporterEnabled(false)
        .otlp(url, Duration.ofHours(1), Map.of("Authorization", "Bearer t0ken")).build());
    TraderMetricsService service = injector.getInstance(TraderMetricsService.class);
    try {
      assertThat(injector.getInstance(MeterRegistry.class)).isInstanceOf(CompositeMeterRegistry.class);
      injector.getInstance(OrderGateway.class).submit("BTC/USD");
      assertThat(injector.getInstance(PrometheusMeterRegistry.class).scrape())
          .contains("trader_order_latency_seconds_count");
    } finally {
      service.close(); // the OTLP registry pushes once more as it closes, synchronously
    }

    List<Metric> metrics = received.stream()
        .flatMap(r -> r.getResourceMetricsList().stream())
        .flatMap(rm -> rm.getScopeMetricsList().stream())
        .flatMap(sm -> sm.getMetricsList().stream())
        .toList();
    assertThat(metrics).extracting(Metric::getName).contains("trader.order.latency");
    Metric latency = metrics.stream().filter(m -> m.getName().equals("trader.order.latency")).findFirst().orElseThrow();
    assertThat(latency.getHistogram().getDataPointsList())
        .anySatisfy(p -> assertThat(p.getCount()).isEqualTo(1));
    assertThat(authorizations).contains("Bearer t0ken");
  }
}
