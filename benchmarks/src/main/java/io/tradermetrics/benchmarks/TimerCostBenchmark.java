package io.tradermetrics.benchmarks;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
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

/**
 * What one Micrometer record costs on the Prometheus registry, and what the clock's share of it
 * is: the same timer and histogram (the catalog's buckets) with the system clock and with a clock
 * whose wall time is a field read ({@code cached}), which is what Micrometer's time-window max and
 * histogram read on every record to decide whether to rotate. No clock read of our own: the
 * recorded amount is a constant.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TimerCostBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class TimerCostBenchmark {

  @Param({"system", "cached"})
  public String clock;

  long amountNanos = 345_678L;
  double bps = 12.5;
  Timer timer;
  DistributionSummary summary;

  /** A clock whose wall time only moves when the benchmark says so: the cost of the reads it saves. */
  static final class CachedWallClock implements Clock {
    volatile long wallMillis = System.currentTimeMillis();

    @Override
    public long wallTime() {
      return wallMillis;
    }

    @Override
    public long monotonicTime() {
      return System.nanoTime();
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    Clock c = clock.equals("system") ? Clock.SYSTEM : new CachedWallClock();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), c);
    timer = Timer.builder("bench.timer").serviceLevelObjectives(AdviceBenchmark.BUCKETS)
        .minimumExpectedValue(AdviceBenchmark.BUCKETS[0])
        .maximumExpectedValue(AdviceBenchmark.BUCKETS[AdviceBenchmark.BUCKETS.length - 1]).register(registry);
    summary = DistributionSummary.builder("bench.bps").serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200)
        .minimumExpectedValue(1.0).maximumExpectedValue(200.0).register(registry);
  }

  @Benchmark
  public void timerRecord() {
    timer.record(amountNanos, TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void summaryRecord() {
    summary.record(bps);
  }

  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }

  @Benchmark
  public long currentTimeMillis() {
    return System.currentTimeMillis();
  }
}
