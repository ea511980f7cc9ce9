package io.tradermetrics.guice.unwoven;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.aspects.JoinPointReport;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.guice.TraderMetricsModule;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What the child JVMs of {@code ChildJvmTest} run, compiled by javac alone (this package is never
 * woven at build time): prints {@code key=value} lines for the test to read.
 * <ul>
 *   <li>{@code ltw}: binds a registry, prepares {@link UnwovenGateway}, submits three orders;</li>
 *   <li>{@code otlp}: creates an injector with OTLP on.</li>
 * </ul>
 */
public final class ChildMain {

  private ChildMain() {}

  public static void main(String[] args) {
    switch (args[0]) {
      case "ltw" -> {
        MeterRegistry registry = new SimpleMeterRegistry();
        TraderMetrics.bind(registry);
        JoinPointReport report = TraderMetrics.prepare(UnwovenGateway.class);
        UnwovenGateway gateway = new UnwovenGateway();
        for (int i = 0; i < 3; i++) {
          gateway.submit("BTC/USDT");
        }
        System.out.println("woven=" + TraderMetrics.isWoven(UnwovenGateway.class));
        System.out.println("state=" + report.states().values());
        System.out.println("submits=" + registry.find("trader.order.latency").tag("venue", "binance").timers().stream()
            .mapToLong(t -> t.count()).sum());
      }
      case "otlp" -> {
        try {
          Injector injector = Guice.createInjector(TraderMetricsModule.builder().exporterEnabled(false).jvmBinders(false)
              .environment(Map.of()).otlp(URI.create("http://127.0.0.1:1/v1/metrics"), Duration.ofMinutes(1), Map.of())
              .build());
          System.out.println("created=" + injector);
        } catch (RuntimeException e) {
          System.out.println("failed=" + e.getMessage().replace('\n', ' '));
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}
