package io.tradermetrics.benchmarks;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.guice.OrderSpanContext;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Per-call cost of issue 15's additions on a {@link PrometheusMeterRegistry}; compare with
 * {@link AdviceBenchmark#baseline()}, {@link AdviceBenchmark#countFill()} and
 * {@link AdviceBenchmark#orderLifecycle()}.
 *
 * <ul>
 *   <li>{@link #fillAndTick()}: one fill (price, fee: markouts at 1 s, 10 s, 60 s) and one tick
 *       100 ms of market time later, in steady state: every tick marks out about one fill per
 *       horizon (three histogram records), so one op is a fill, a tick and three markouts.
 *   <li>{@link #tick()}: a tick with a mid and no fill pending.
 *   <li>{@link #orderLifecycleWithExemplars()}: {@code AdviceBenchmark.orderLifecycle} on a registry
 *       with {@link OrderSpanContext} ({@code exemplars = true}) or without ({@code false}).
 *   <li>{@link #rejectWithReason()}: a send and a reject with the venue's reason.
 *   <li>{@link #timedOrderWithOrderId()} and {@link #timedOrderWithoutOrderId()}: a
 *       {@code @TimedOrder} submit with and without {@code orderId} (the id read from the argument,
 *       the order current on the thread while the timer records).
 * </ul>
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DeskBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class DeskBenchmark {

  /** Whether the registry samples exemplars (OrderSpanContext). */
  @Param({"true", "false"})
  public boolean exemplars;

  long x = 1_234_567L;
  String symbol = "BTC/USD";
  String reason = "rate_limit";
  double mid = 100.0;
  long marketNanos = 1_700_000_000_000_000_000L;
  long nextOrderId;
  DeskTargets.Fill fill = new DeskTargets.Fill();
  Targets.NewOrder order = new Targets.NewOrder();

  PrometheusMeterRegistry registry;
  DeskTargets desk;
  Targets targets;

  @Setup(Level.Trial)
  public void setUp() {
    registry = exemplars
        ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM,
            OrderSpanContext.create())
        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TraderMetrics.bind(registry);
    desk = new DeskTargets();
    targets = new Targets();
    desk.tick(symbol, mid, marketNanos);
  }

  @TearDown(Level.Trial)
  public void verify(BenchmarkParams params) {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    double recorded = switch (method) {
      case "fillAndTick" -> registry.get("trader.markout.bps").tag("horizon", "60s").summaries().stream()
          .mapToLong(s -> s.count()).sum();
      case "tick" -> 1; // nothing to count: a tick without fills records no markout
      case "orderLifecycleWithExemplars" -> registry.get("trader.order.cancel.latency").timer().count();
      case "timedOrderWithOrderId", "timedOrderWithoutOrderId" -> registry.get("trader.order.latency")
          .tag("venue", "bitstamp").timer().count();
      case "rejectWithReason" -> registry.get("trader.order.ack.latency").tag("reason", reason).timer().count();
      default -> -1;
    };
    if (recorded == 0) {
      throw new IllegalStateException(method + ": the instrumentation recorded nothing (weaving failed?)");
    }
    if (exemplars && (method.equals("orderLifecycleWithExemplars") || method.equals("timedOrderWithOrderId"))
        && !registry.scrape("application/openmetrics-text; version=1.0.0").contains("order_id=")) {
      throw new IllegalStateException(method + ": no exemplar with an order_id in the OpenMetrics scrape");
    }
    System.out.println("[verify] " + method + " recorded=" + recorded);
    TraderMetrics.unbind(registry);
    registry.close();
  }

  @Benchmark
  public long fillAndTick() {
    long r = desk.fill(fill, x);
    marketNanos += 100_000_000L;
    return r + desk.tick(symbol, mid, marketNanos);
  }

  @Benchmark
  public long tick() {
    marketNanos += 100_000_000L;
    return desk.tick(symbol, mid, marketNanos);
  }

  @Benchmark
  public long orderLifecycleWithExemplars() {
    order.clientOrderId = ++nextOrderId;
    return targets.sendOrder(order) + desk.cancelled(order);
  }

  @Benchmark
  public long rejectWithReason() {
    order.clientOrderId = ++nextOrderId;
    return targets.sendOrder(order) + desk.rejected(order, reason);
  }

  @Benchmark
  public long timedOrderWithOrderId() {
    order.clientOrderId = ++nextOrderId;
    return desk.submitNamingTheOrder(order);
  }

  @Benchmark
  public long timedOrderWithoutOrderId() {
    order.clientOrderId = ++nextOrderId;
    return desk.submitNamingNoOrder(order);
  }
}
