package io.tradermetrics.benchmarks;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradermetrics.aspects.TraderMetrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first call of an annotated method in a fresh JVM, against a later one: single-shot, each
 * fork a new JVM, one call measured per fork. {@code startup=eager} does what the Guice module and
 * {@code TraderMetrics.bind(registry, types...)} do at startup (validate and bind the join points
 * of {@link Targets}); {@code startup=lazy} only binds the registry, so the first call binds its
 * join point on the calling thread. In both the target class is loaded and initialized in the
 * set-up, so the difference is the binding. What is left of an eager first call is the meter of
 * its label values, which no startup step can create before the values are seen (they come from
 * the arguments), and the first run of the recording code: {@code startup=eager-other} also calls
 * once with other label values in the set-up (the measured call creates only its own meter, with
 * the recording code loaded), {@code startup=eager-same} calls once with the same values (the
 * measured call is the second, its meter exists). With {@code -wi 0} the measured call is the first
 * after the set-up; with {@code -wi 999} it is the thousandth (the warm-up iterations are calls too).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar FirstCallBenchmark -bm ss -f 20 -wi 0 -i 1
 * java -jar benchmarks/target/benchmarks.jar FirstCallBenchmark -bm ss -f 5 -wi 999 -i 1
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(20)
@Warmup(iterations = 0)
@Measurement(iterations = 1, batchSize = 1)
@State(Scope.Benchmark)
public class FirstCallBenchmark {

  /** eager, lazy, eager-other or eager-same: see the class javadoc. */
  @Param({"eager", "lazy", "eager-other", "eager-same"})
  public String startup;

  // inputs in non-final fields, so the JIT cannot fold them
  long x = 1_234_567L;
  String venue = "bitstamp";
  String symbol = "BTC/USD";
  Targets.Side side = Targets.Side.BUY;
  double quantity = 0.25;

  PrometheusMeterRegistry registry;
  Targets targets;

  @Setup(Level.Trial)
  public void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    targets = new Targets();
    switch (startup) {
      case "eager" -> TraderMetrics.bind(registry, Targets.class);
      case "lazy" -> TraderMetrics.bind(registry);
      case "eager-other" -> {
        TraderMetrics.bind(registry, Targets.class);
        targets.timedOrder("kraken", "ETH/USD", Targets.Side.SELL, x);
        targets.countFill("ETH/USD", Targets.Side.SELL, quantity, x);
      }
      case "eager-same" -> {
        TraderMetrics.bind(registry, Targets.class);
        timedOrder();
        countFill();
      }
      default -> throw new IllegalArgumentException("startup must be eager, lazy, eager-other or eager-same, was " + startup);
    }
  }

  /** Fails the run if the measured calls recorded nothing. */
  @TearDown(Level.Trial)
  public void checkRecorded() {
    double orders = registry.find("trader.order.latency").timers().stream().mapToDouble(t -> t.count()).sum();
    double fills = registry.find("trader.orders.filled").counters().stream().mapToDouble(c -> c.count()).sum();
    if (orders + fills == 0) {
      throw new IllegalStateException("nothing recorded: is the benchmarks jar woven?");
    }
    TraderMetrics.unbind(registry);
  }

  /** {@code @TimedOrder} with three labels from arguments. */
  @Benchmark
  public long timedOrder() {
    return targets.timedOrder(venue, symbol, side, x);
  }

  /** {@code @CountFill} with two labels from arguments and a volume. */
  @Benchmark
  public long countFill() {
    return targets.countFill(symbol, side, quantity, x);
  }
}
