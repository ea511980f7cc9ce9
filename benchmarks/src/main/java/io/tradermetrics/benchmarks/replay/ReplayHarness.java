package io.tradermetrics.benchmarks.replay;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.examples.marketmaker.BitstampTrades;
import io.tradermetrics.examples.marketmaker.Ledger;
import io.tradermetrics.examples.marketmaker.MarketMaker;
import io.tradermetrics.examples.marketmaker.SimulatedVenue;
import io.tradermetrics.examples.marketmaker.Tick;
import io.tradermetrics.examples.marketmaker.Trade;
import io.tradermetrics.exporter.MetricsServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One replay of the 100,000 real Bitstamp trades through the demo's market maker, in this JVM,
 * measured from inside: run by {@link ReplayRatios} once on the woven build and once on the plain
 * build of the same source (same class names; only the weaving differs).
 *
 * <p>Pass 1 is the cold replay: the process's CPU, the JIT compiler threads' CPU and the replay
 * thread's CPU are measured over it (that is where compilation happens). Pass 2 replays the same
 * trades again, warm: the latency of every {@code onTick} call into an HdrHistogram, split into
 * ticks that sent or cancelled an order and ticks that did not, and the replay thread's allocation
 * per trade ({@code --warm-passes N} replays them N times, for profiling). With {@code --venue} the simulated venue answers on its own thread, as in the demo,
 * and the replay waits for it before each trade (outside the timed call). The exporter serves the
 * registry on 127.0.0.1 (port printed) so that {@link ReplayRatios} can scrape it while it runs.
 *
 * <p>Prints one {@code key=value} line per figure on standard output; nothing here asserts a time.
 */
public final class ReplayHarness {

  private ReplayHarness() {}

  public static void main(String[] args) throws Exception {
    boolean venue = List.of(args).contains("--venue");
    int warmPasses = List.of(args).contains("--warm-passes")
        ? Integer.parseInt(args[List.of(args).indexOf("--warm-passes") + 1]) : 1;
    // the registry as TraderMetricsModule makes it
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
        new io.prometheus.metrics.model.registry.PrometheusRegistry(),
        List.of(args).contains("--system-clock") ? io.micrometer.core.instrument.Clock.SYSTEM
            : io.tradermetrics.aspects.TraderClock.create());
    TraderMetrics.bind(registry);
    MetricsServer server = MetricsServer.builder(registry).host("127.0.0.1").port(0).buildAndStart();
    System.out.println("port=" + server.port());
    System.out.flush();
    List<Trade> trades = BitstampTrades.load(Integer.MAX_VALUE);
    MarketMaker maker = new MarketMaker(new Ledger());
    SimulatedVenue simulated = venue ? SimulatedVenue.connect(maker, SimulatedVenue.DEFAULT_SEED) : null;

    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long replayThread = Thread.currentThread().getId();

    // pass 1: cold
    long process0 = os.getProcessCpuTime();
    long compiler0 = compilerCpuNanos();
    long thread0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    replay(trades, maker, simulated, null, null);
    long wall1 = System.nanoTime();
    out("cold.wall_ms", (wall1 - wall0) / 1e6);
    out("cold.process_cpu_ms", (os.getProcessCpuTime() - process0) / 1e6);
    out("cold.compiler_cpu_ms", (compilerCpuNanos() - compiler0) / 1e6);
    out("cold.replay_thread_cpu_ms", (threads.getCurrentThreadCpuTime() - thread0) / 1e6);

    // pass 2: warm
    Histogram sending = new Histogram(3_600_000_000L, 3);
    Histogram quiet = new Histogram(3_600_000_000L, 3);
    long alloc0 = threads.getThreadAllocatedBytes(replayThread);
    long process1 = os.getProcessCpuTime();
    for (int pass = 0; pass < warmPasses; pass++) {
      replay(trades, maker, simulated, sending, quiet);
    }
    long alloc1 = threads.getThreadAllocatedBytes(replayThread);
    out("warm.process_cpu_ms", (os.getProcessCpuTime() - process1) / 1e6);
    out("warm.alloc_bytes_per_trade", (double) (alloc1 - alloc0) / trades.size() / warmPasses);
    for (var h : List.of(java.util.Map.entry("sending", sending), java.util.Map.entry("quiet", quiet))) {
      Histogram histogram = h.getValue();
      out("warm." + h.getKey() + ".count", histogram.getTotalCount());
      out("warm." + h.getKey() + ".p50_us", histogram.getValueAtPercentile(50) / 1e3);
      out("warm." + h.getKey() + ".p99_us", histogram.getValueAtPercentile(99) / 1e3);
      out("warm." + h.getKey() + ".p999_us", histogram.getValueAtPercentile(99.9) / 1e3);
      out("warm." + h.getKey() + ".mean_us", histogram.getMean() / 1e3);
    }
    out("orders_sent", maker.ordersSent());
    if (simulated != null) {
      simulated.close();
    }
    server.close();
  }

  private static void replay(List<Trade> trades, MarketMaker maker, SimulatedVenue venue, Histogram sending,
      Histogram quiet) {
    for (Trade trade : trades) {
      if (venue != null) {
        venue.awaitIdle();
      }
      long sentBefore = maker.ordersSent() + maker.cancels();
      Tick tick = new Tick(BitstampTrades.SYMBOL, trade, System.currentTimeMillis() * 1_000_000L);
      long t0 = System.nanoTime();
      maker.onTick(tick);
      long t1 = System.nanoTime();
      if (sending != null) {
        (maker.ordersSent() + maker.cancels() != sentBefore ? sending : quiet).recordValue(t1 - t0);
      }
    }
  }

  /** CPU time of the JIT compiler threads (C1 and C2), from /proc; 0 where /proc is not there. */
  static long compilerCpuNanos() {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String comm = Files.readString(task.resolve("comm")).strip();
          if (!comm.contains("CompilerThre")) {
            continue;
          }
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (java.io.IOException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (java.io.IOException noProc) {
      return 0;
    }
    return ticks * 10_000_000L; // USER_HZ = 100 on Linux
  }

  private static void out(String key, double value) {
    System.out.println(key + "=" + String.format(Locale.ROOT, "%.3f", value));
  }
}
