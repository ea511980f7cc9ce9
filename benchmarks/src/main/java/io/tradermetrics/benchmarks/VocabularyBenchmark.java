package io.tradermetrics.benchmarks;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradermetrics.aspects.TraderMetrics;
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
 * Per-call cost of the issue 3 vocabulary's advice ({@code @CountOrder} with a rejection condition,
 * {@code @TrackSpread}, {@code @MeasureSlippage}, {@code @TrackPnl}, {@code @CountEvent}) on a
 * {@link PrometheusMeterRegistry}; compare with {@link AdviceBenchmark#baseline()}. The trial's
 * tear-down fails the run if the instrumentation under test recorded nothing.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar VocabularyBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class VocabularyBenchmark {

  // inputs in non-final fields, so the JIT cannot fold them
  long x = 1_234_567L;
  String venue = "bitstamp";
  String symbol = "BTC/USD";
  Targets.Side side = Targets.Side.BUY;
  VocabularyTargets.Ack ack = new VocabularyTargets.Ack(1, false);
  VocabularyTargets.Quote quote = new VocabularyTargets.Quote("BTC/USD", 99.95, 100.05);
  VocabularyTargets.Pnl pnl = new VocabularyTargets.Pnl(12.5, -3.25);
  double expected = 100.0;
  double executed = 100.02;
  boolean allowed = false;

  PrometheusMeterRegistry registry;
  VocabularyTargets targets;

  @Setup(Level.Trial)
  public void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TraderMetrics.bind(registry);
    targets = new VocabularyTargets();
  }

  @TearDown(Level.Trial)
  public void verify(BenchmarkParams params) {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    double recorded = switch (method) {
      case "countOrder" -> registry.get("trader.orders.submitted").tags("venue", venue, "symbol", symbol).counter().count();
      case "trackSpread" -> registry.get("trader.spread.bps").tag("symbol", symbol).summary().count();
      case "measureSlippage" -> registry.get("trader.slippage.bps").tags("symbol", symbol, "side", "buy").summary().count();
      case "trackPnl" -> registry.get("trader.pnl.realized").tag("symbol", symbol).gauge().value();
      case "countEvent" -> registry.get("trader.bench.guard.blocks").tag("side", "buy").counter().count();
      default -> -1;
    };
    if (recorded == 0) {
      throw new IllegalStateException(method + ": the instrumentation recorded nothing (weaving failed?)");
    }
    System.out.println("[verify] " + method + " recorded=" + recorded);
    TraderMetrics.unbind(registry);
    registry.close();
  }

  @Benchmark
  public VocabularyTargets.Ack countOrder() {
    return targets.countOrder(venue, symbol, side, ack);
  }

  @Benchmark
  public long trackSpread() {
    return targets.trackSpread(quote, x);
  }

  @Benchmark
  public long measureSlippage() {
    return targets.measureSlippage(symbol, side, expected, executed, x);
  }

  @Benchmark
  public VocabularyTargets.Pnl trackPnl() {
    return targets.trackPnl(symbol, pnl);
  }

  @Benchmark
  public boolean countEvent() {
    return targets.countEvent(side, allowed);
  }
}
