package io.tradermetrics.examples.demo;

import io.tradermetrics.examples.marketmaker.BitstampTrades;
import io.tradermetrics.examples.marketmaker.Ledger;
import io.tradermetrics.examples.marketmaker.Trade;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import org.jspecify.annotations.Nullable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code metrics-demo}: replays real Bitstamp trades into the annotated market maker and serves /metrics. */
@Command(name = "metrics-demo", mixinStandardHelpOptions = true, versionProvider = DemoCommand.Version.class,
    description = {
        "Replays real Bitstamp BTC/USD trades (2013-11-25 to 2013-12-01, 100,000 trades) into an annotated market "
            + "maker woven with tradermetrics, and serves its metrics in the Prometheus formats.",
        "The venue is simulated in-process: a quote is filled when a real trade crosses it (partially when the "
            + "trade is smaller). The venue acknowledges each order, and confirms each cancel, on its own thread after a "
            + "modelled round trip: 150 us plus a seeded random exponential delay (mean 350 us, capped at 5 ms, seed "
            + "20131125). The replay waits for those messages before each trade, so a replay of the same trades is "
            + "deterministic in orders, fills and cancels; the latencies it shows are measured, so they vary from run "
            + "to run. Tick-to-trade is measured from the start of each trade's handling to each order it sends. Those "
            + "round trips set a floor under the replay's wall time (about 30 s for all 100,000 trades on a 2-core machine): "
            + "a shorter --duration runs as fast as the venue answers, and the demo says so."})
public final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60",
      description = "Wall time the whole replay is compressed into; 0 = as fast as possible. Default: ${DEFAULT-VALUE}.")
  long durationSeconds;

  @Option(names = "--trades", paramLabel = "N", description = "Stop after N trades. Default: all.")
  int trades = Integer.MAX_VALUE;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to serve metrics on. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", defaultValue = "9464", description = "Port to serve metrics on; 0 = a free port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--linger", paramLabel = "SECONDS", defaultValue = "0",
      description = "Keep serving this long after the replay ends (Ctrl-C stops early). Default: ${DEFAULT-VALUE}.")
  long lingerSeconds;

  @Option(names = "--alertmanager", paramLabel = "URL",
      description = "Post event alerts (e.g. CircuitBreakerTripped) to this Alertmanager, e.g. http://127.0.0.1:9093. "
          + "Default: alerts are only logged and counted.")
  @Nullable URI alertmanager;

  @Option(names = "--trip-after", paramLabel = "SECONDS",
      description = "Fault injection: trip the circuit breaker this many seconds into the replay (trading halts, "
          + "/health/ready answers 503, the CircuitBreakerTripped alert is raised). Default: never.")
  @Nullable Long tripAfterSeconds;

  @Option(names = "--fault", paramLabel = "KIND@SECONDS",
      description = "Fault injection, repeatable: inject KIND this many seconds into the replay. Kinds: trip (the "
          + "circuit breaker, as --trip-after), slow-ack (the venue acknowledges the next order 300 ms late: its client "
          + "order id is the exemplar of the slow bucket), large-fill (a 15 BTC block trade: LargeExecution, position "
          + "limit breached), disconnect (the venue connection drops for good: VenueDisconnected, then "
          + "VenueDisconnectedTooLong), panic (the strategy loop throws: StrategyPanic). Example: --fault disconnect@10.")
  java.util.List<String> faultSpecs = new java.util.ArrayList<>();

  @Option(names = "--strategy", paramLabel = "NAME", defaultValue = Ledger.STRATEGY,
      description = "The strategy this process runs under, for a fleet: the label strategy on every series served "
          + "(the common tag tradermetrics.common-tags.strategy) and on the PnL gauges. Default: ${DEFAULT-VALUE}.")
  String strategy;

  /** Runs the command; exits with 0, 1 on failure (one line on standard error when the exporter cannot start, e.g. a port in use), 2 on bad flags. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    List<Trade> replay = BitstampTrades.load(trades);
    CountDownLatch stopped = new CountDownLatch(1);
    Demo started;
    try {
      started = Demo.start(host, port, alertmanager, strategy);
    } catch (RuntimeException e) {
      String reason = startFailure(e);
      if (reason == null) {
        throw e;
      }
      spec.commandLine().getErr().println("metrics-demo: " + reason);
      spec.commandLine().getErr().flush();
      return 1;
    }
    try (Demo demo = started) {
      Thread hook = new Thread(stopped::countDown, "metrics-demo-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      out.println("Serving metrics at " + demo.metricsUri());
      out.flush();
      out.println("Replaying " + replay.size() + " trades over " + (durationSeconds == 0 ? "as little wall time as possible"
          : durationSeconds + " s of wall time") + "; each order and cancel waits for the simulated venue's round trip "
          + "(150 us plus a mean 350 us), which sets a floor: a replay shorter than it runs as fast as the venue answers");
      out.flush();
      long startNanos = System.nanoTime();
      Schedule schedule = new Schedule(replay, durationSeconds, startNanos, out);
      Demo.Summary summary;
      if (terminal()) {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Replaying").setInitialMax(replay.size())
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" trades", 1).build()) {
          summary = demo.replay(replay, Duration.ofSeconds(durationSeconds), n -> {
            bar.stepTo(n);
            schedule.check(n);
          }, faults());
        }
      } else {
        // not a terminal (a file, a pipe, CI): plain lines every tenth, no escape sequences
        PrintWriter err = spec.commandLine().getErr();
        long step = Math.max(1_000, replay.size() / 10 / 1_000 * 1_000);
        summary = demo.replay(replay, Duration.ofSeconds(durationSeconds), n -> {
          if (n % step == 0 || n == replay.size()) {
            err.println("Replayed " + n + " of " + replay.size() + " trades");
            err.flush();
          }
          schedule.check(n);
        }, faults());
      }
      out.printf("Replay took %.1f s of wall time%s%n", (System.nanoTime() - startNanos) / 1e9,
          durationSeconds == 0 ? "" : " (--duration " + durationSeconds + ")");
      printSummary(out, replay, summary, demo);
      if (lingerSeconds > 0) {
        out.println("Serving for " + lingerSeconds + " s more (Ctrl-C stops); /health/ready stays UP: marketData says the "
            + "replay is over");
        out.flush();
        stopped.await(lingerSeconds, TimeUnit.SECONDS);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the JVM is already shutting down; closing the demo below is all that is left
      }
    }
    return 0;
  }

  /**
   * Whether standard error is a terminal that can show a progress bar: {@code System.console()} is
   * there (JDK 17 to 21 give one only for a terminal) and, from JDK 22, says it is a terminal.
   */
  static boolean terminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22 a console is a terminal
    }
  }

  /** Says once when the replay falls more than a second behind the schedule --duration asks for. */
  private static final class Schedule {
    private final List<Trade> replay;
    private final long durationSeconds;
    private final long startNanos;
    private final PrintWriter out;
    private boolean told;

    Schedule(List<Trade> replay, long durationSeconds, long startNanos, PrintWriter out) {
      this.replay = replay;
      this.durationSeconds = durationSeconds;
      this.startNanos = startNanos;
      this.out = out;
    }

    void check(long replayed) {
      if (told || durationSeconds == 0 || replay.isEmpty() || replayed == 0) {
        return;
      }
      long first = replay.get(0).epochSeconds();
      long span = Math.max(1, replay.get(replay.size() - 1).epochSeconds() - first);
      double dueSeconds = (double) (replay.get((int) replayed - 1).epochSeconds() - first) / span * durationSeconds;
      double behindSeconds = (System.nanoTime() - startNanos) / 1e9 - dueSeconds;
      if (behindSeconds > 1.0) {
        told = true;
        out.printf("The replay is %.1f s behind --duration %d: the simulated venue's round trips set the floor; it goes on "
            + "as fast as they allow%n", behindSeconds, durationSeconds);
        out.flush();
      }
    }
  }

  /** The version /info reports: META-INF/build-info.properties, which the build filters from the project version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws java.io.IOException {
      java.util.Properties info = new java.util.Properties();
      try (var in = DemoCommand.class.getResourceAsStream("/META-INF/build-info.properties")) {
        if (in != null) {
          info.load(in);
        }
      }
      return new String[] {"tradermetrics metrics-demo " + info.getProperty("build.version", "(unknown version)")};
    }
  }

  /**
   * The one-line reason the exporter could not start (port in use, host not of this machine or not
   * resolving, a bad setting), from the exception the injector creation threw; null if it is not one of those.
   */
  static @Nullable String startFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException || t instanceof java.net.UnknownHostException
          || t instanceof io.tradermetrics.guice.TraderMetricsConfigException) {
        return t.getMessage();
      }
    }
    return null;
  }

  /** The faults of --fault and --trip-after. */
  private Faults faults() {
    java.util.Map<Faults.Kind, Duration> at = new java.util.EnumMap<>(Faults.Kind.class);
    if (tripAfterSeconds != null) {
      at.put(Faults.Kind.TRIP, Duration.ofSeconds(tripAfterSeconds));
    }
    for (String spec : faultSpecs) {
      java.util.Map.Entry<Faults.Kind, Duration> fault = Faults.parse(spec);
      at.put(fault.getKey(), fault.getValue());
    }
    return Faults.of(at);
  }

  private void validate() {
    for (String fault : faultSpecs) {
      try {
        Faults.parse(fault);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (durationSeconds < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--duration must be 0 or more, was " + durationSeconds);
    }
    if (trades < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--trades must be 1 or more, was " + trades);
    }
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535, was " + port);
    }
    if (tripAfterSeconds != null && tripAfterSeconds < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--trip-after must be 0 or more, was " + tripAfterSeconds);
    }
    if (lingerSeconds < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--linger must be 0 or more, was " + lingerSeconds);
    }
    if (strategy.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--strategy must not be blank, was '" + strategy + "'");
    }
  }

  private static void printSummary(PrintWriter out, List<Trade> replay, Demo.Summary s, Demo demo) {
    io.tradermetrics.examples.marketmaker.MarketMaker maker = demo.maker();
    out.println("Replay finished (" + BitstampTrades.SYMBOL + ", Bitstamp"
        + (replay.isEmpty() ? "" : ", " + java.time.Instant.ofEpochSecond(replay.get(0).epochSeconds()) + " to "
            + java.time.Instant.ofEpochSecond(replay.get(replay.size() - 1).epochSeconds())) + ")");
    out.printf("  trades replayed  : %d%n", s.trades());
    out.printf("  ticks handled    : %d (trades handed to the market maker before any trip)%n", demo.ticksHandled());
    out.printf("  orders sent      : %d%n", s.ordersSent());
    out.printf("  venue acks       : %d%n", maker.acks());
    out.printf("  venue rejects    : %d (rate limit of %d new orders per second of market time)%n",
        maker.rejectMessages(), io.tradermetrics.examples.marketmaker.MarketMaker.VENUE_SUBMITS_PER_SECOND);
    out.printf("  inventory blocks : %d (quotes not posted: the inventory limit)%n", maker.inventoryBlocks());
    out.printf("  quotes published : %d (two-sided quotes, after a change)%n", maker.quotesPublished());
    out.printf("  orders cancelled : %d%n", s.cancels());
    out.printf("  cancels confirmed: %d%n", maker.cancelsConfirmed());
    out.printf("  fills            : %d (%d orders completely filled)%n", s.fills(), maker.completeFills());
    out.printf("  orders in flight : %d (sent, not rejected, completely filled nor cancelled)%n",
        s.ordersSent() - maker.rejectMessages() - maker.completeFills() - maker.cancelsConfirmed());
    out.printf("  net position     : %s BTC%n", s.position());
    out.printf("  realized PnL     : %.2f USD%n", s.realizedPnl());
    out.printf("  unrealized PnL   : %.2f USD%n", maker.ledger().unrealizedPnl());
    out.flush();
  }
}
