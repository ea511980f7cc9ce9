package io.tradermetrics.benchmarks;

import io.micrometer.common.annotation.ValueExpressionResolver;
import io.micrometer.common.annotation.ValueResolver;
import io.micrometer.core.aop.MeterTagAnnotationHandler;
import io.micrometer.core.aop.TimedAspect;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.catalog.MetricCatalog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Per-call cost of the advice against hand-written meters and Micrometer's own aspects, all in one
 * run. Every timer here has the same buckets (the catalog's latency buckets) on the same
 * {@link PrometheusMeterRegistry}. Each benchmark runs in its own fork, so the global state
 * (the aspects' registry, Micrometer's singleton aspects) never leaks between benchmarks. The
 * trial's tear-down fails the run if the instrumentation under test recorded nothing.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar AdviceBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class AdviceBenchmark {

  static final Duration[] BUCKETS = MetricCatalog.DEFAULT_LATENCY_BUCKETS_SECONDS.stream()
      .map(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);

  // inputs in non-final fields, so the JIT cannot fold them
  long x = 1_234_567L;
  String venue = "bitstamp";
  String symbol = "BTC/USD";
  Targets.Side side = Targets.Side.BUY;
  String sideText = "buy";
  double quantity = 0.25;
  Targets.NewOrder order = new Targets.NewOrder();
  long nextOrderId;

  PrometheusMeterRegistry registry;
  Targets targets;
  Timer timer;
  Counter counter;

  @Setup(Level.Trial)
  public void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Micrometer's aspects get the same buckets as ours, so timers are compared like for like
    double[] bucketNanos = java.util.Arrays.stream(BUCKETS).mapToDouble(Duration::toNanos).toArray();
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() == Meter.Type.TIMER && id.getName().startsWith("bench.")) {
          return DistributionStatisticConfig.builder().serviceLevelObjectives(bucketNanos).build().merge(config);
        }
        return config;
      }
    });
    Metrics.addRegistry(registry); // Micrometer's woven aspects record into the global composite
    TraderMetrics.bind(registry);
    targets = new Targets();
    timer = Timer.builder("hand.timer").serviceLevelObjectives(BUCKETS)
        .minimumExpectedValue(BUCKETS[0]).maximumExpectedValue(BUCKETS[BUCKETS.length - 1]).register(registry);
    counter = Counter.builder("hand.counter").register(registry);
  }

  @TearDown(Level.Trial)
  public void verify(BenchmarkParams params) {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    double recorded = switch (method) {
      case "handWrittenTimer" -> timer.count();
      case "handWrittenCounter" -> counter.count();
      case "handWrittenLifecycle" -> timer.count();
      case "orderLifecycle" -> registry.get("trader.order.cancel.latency").tags("symbol", symbol, "side", "buy").timer().count();
      case "timedOrder" -> registry.get("trader.order.latency").tags("venue", venue, "symbol", symbol, "side", "buy").timer().count();
      case "timedOrderNoPrimitives" -> registry.get("trader.order.latency").tags("venue", venue, "symbol", symbol).timer().count();
      case "countFill" -> registry.get("trader.fill.volume").tags("symbol", symbol, "side", "buy").counter().count();
      case "micrometerTimedAspect" -> registry.get("bench.micrometer.timed").timer().count();
      case "micrometerTimedAspectWithMeterTag" ->
          registry.get("bench.micrometer.timed.tagged").tags("symbol", symbol, "side", sideText).timer().count();
      case "micrometerCountedAspect" -> registry.get("bench.micrometer.counted").counter().count();
      default -> -1;
    };
    if (recorded == 0) {
      throw new IllegalStateException(method + ": the instrumentation recorded nothing (weaving failed?)");
    }
    System.out.println("[verify] " + method + " recorded=" + recorded);
    TraderMetrics.unbind(registry);
    Metrics.removeRegistry(registry);
    registry.close();
  }

  /** Installs a MeterTagAnnotationHandler on Micrometer's singleton TimedAspect. */
  @State(Scope.Benchmark)
  public static class MeterTagState {
    @Setup(Level.Trial)
    public void install() {
      TimedAspect.aspectOf().setMeterTagAnnotationHandler(new MeterTagAnnotationHandler(
          (Class<? extends ValueResolver> c) -> null, (Class<? extends ValueExpressionResolver> c) -> null));
    }
  }

  @Benchmark
  public long baseline() {
    return targets.plain(x);
  }

  @Benchmark
  public long handWrittenTimer() {
    long start = System.nanoTime();
    long result = targets.plain(x);
    timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return result;
  }

  @Benchmark
  public long handWrittenCounter() {
    counter.increment();
    return targets.plain(x);
  }

  @Benchmark
  public long timedOrder() {
    return targets.timedOrder(venue, symbol, side, x);
  }

  @Benchmark
  public String timedOrderNoPrimitives() {
    return targets.timedOrderNoPrimitives(venue, symbol, side);
  }

  @Benchmark
  public long countFill() {
    return targets.countFill(symbol, side, quantity, x);
  }

  @Benchmark
  public long micrometerTimedAspect() {
    return targets.micrometerTimed(x);
  }

  @Benchmark
  public long micrometerTimedAspectWithMeterTag(MeterTagState state) {
    return targets.micrometerTimedTagged(symbol, sideText, x);
  }

  @Benchmark
  public long micrometerCountedAspect() {
    return targets.micrometerCounted(x);
  }

  /**
   * What {@link #orderLifecycle} replaces: the send and the end of one order, timed by hand with
   * two {@code System.nanoTime()} reads and one {@code Timer.record}, the start kept in a field.
   */
  @Benchmark
  public long handWrittenLifecycle() {
    long sentAtNanos = System.nanoTime();
    long result = targets.plain(x);
    result += targets.plain(x);
    timer.record(System.nanoTime() - sentAtNanos, TimeUnit.NANOSECONDS);
    return result;
  }

  /**
   * One order's life through the in-flight table: {@code @OrderSent} (id through a getter, two
   * labels, table insert) then {@code @OrderCancelled} (table lookup and removal, one
   * {@code Timer.record}), with a new id each time, so the table stays at one order.
   */
  @Benchmark
  public long orderLifecycle() {
    order.clientOrderId = ++nextOrderId;
    return targets.sendOrder(order) + targets.orderCancelled(order);
  }
}
