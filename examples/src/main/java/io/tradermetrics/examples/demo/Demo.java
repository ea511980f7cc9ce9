package io.tradermetrics.examples.demo;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.annotation.TimedCall;
import io.tradermetrics.exporter.HealthCheck;
import io.tradermetrics.exporter.HealthResult;
import io.tradermetrics.exporter.KillSwitchCheck;
import io.tradermetrics.exporter.MarketDataFreshnessCheck;
import io.tradermetrics.examples.marketmaker.ArbitrageScanner;
import io.tradermetrics.examples.marketmaker.BitstampTrades;
import io.tradermetrics.examples.marketmaker.CircuitBreaker;
import io.tradermetrics.examples.marketmaker.Ledger;
import io.tradermetrics.examples.marketmaker.MarketMaker;
import io.tradermetrics.examples.marketmaker.SimulatedVenue;
import io.tradermetrics.examples.marketmaker.Tick;
import io.tradermetrics.examples.marketmaker.Trade;
import io.tradermetrics.guice.TraderMetricsModule;
import io.tradermetrics.guice.TraderMetricsService;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The demo as a program would use the toolkit: an injector with {@link TraderMetricsModule}, a
 * market maker from the injector, and a replay of trades into it. The command and the tests share
 * it. Not thread-safe: one thread replays.
 *
 * <p>Two readiness checks are contributed to the exporter through the module's
 * {@code Set<HealthCheck>} multibinder, as a trading application would: {@code marketData}, a
 * {@link MarketDataFreshnessCheck} told of every replayed trade (DOWN once the last one is older
 * than {@link #MARKET_DATA_MAX_AGE}) until the replay has ended, then UP with the reason
 * {@code replay finished: no more market data} (a replay that is over is not a stale feed, so a
 * demo left serving with {@code --linger} stays ready), and {@code killSwitch}, a {@link KillSwitchCheck} tripped by the market maker's
 * {@link CircuitBreaker} (only on request: {@link #replay(List, Duration, LongConsumer, Duration)}
 * with a trip time, the fault injection of the monitoring tests and of {@code --trip-after}).
 * Tripping raises the {@code CircuitBreakerTripped} event alert, which goes to Alertmanager when
 * the demo was started with its URL.
 *
 * <p>The market maker is connected to a {@link SimulatedVenue} (seed
 * {@link SimulatedVenue#DEFAULT_SEED}), which acknowledges orders and confirms cancels on its own
 * thread after a seeded random delay; the replay waits for the venue's messages before each trade,
 * so that the replay stays deterministic. Each trade reaches the maker as a {@link Tick} stamped
 * with the time the replay publishes it, on replay time (when its turn came and the venue had
 * answered): the replay is the exchange, so the market data delay is the feed's own delay from the
 * replay to the handler, not how far the replay runs behind its schedule; handing it over is timed
 * as a call ({@code @TimedCall}, target {@code market-maker}, operation {@code on_tick}: the
 * strategy's whole reaction to one tick).
 *
 * <p>In a fleet each process runs under a strategy name ({@link #start(String, int, URI, String)}):
 * the common tag {@code strategy} on every series it serves, and the {@code strategy} label of its
 * PnL, so that the dashboard's Strategy variable selects all of a strategy's processes.
 */
public final class Demo implements AutoCloseable {

  /** How late the venue acknowledges the order of the {@link Faults.Kind#SLOW_ACK} fault. */
  public static final Duration SLOW_ACK = Duration.ofMillis(300);

  /** The size of the block trade of the {@link Faults.Kind#LARGE_FILL} fault, BTC: beyond the position limit. */
  public static final double LARGE_FILL_BTC = 15;

  /** How old the last replayed trade may be before {@code marketData} is DOWN. */
  public static final Duration MARKET_DATA_MAX_AGE = Duration.ofSeconds(5);

  private final Injector injector;
  private final MarketMaker maker;
  private final ReplayMarketData marketData;
  private final KillSwitchCheck killSwitch;
  private final SimulatedVenue venue;
  private final CircuitBreaker breaker;
  private long ticksHandled;
  private final ArbitrageScanner scanner = new ArbitrageScanner();
  private boolean panicNext;
  private boolean panicked;

  private Demo(Injector injector, ReplayMarketData marketData, KillSwitchCheck killSwitch) {
    this.injector = injector;
    this.maker = injector.getInstance(MarketMaker.class);
    this.marketData = marketData;
    this.killSwitch = killSwitch;
    this.venue = SimulatedVenue.connect(maker, SimulatedVenue.DEFAULT_SEED);
    this.breaker = injector.getInstance(CircuitBreaker.class);
  }

  /**
   * Creates the injector, which starts the exporter.
   *
   * @param host the exporter's bind address
   * @param port the exporter's port, 0 for any free port
   */
  public static Demo start(String host, int port) {
    return start(host, port, null);
  }

  /**
   * Creates the injector, which starts the exporter, and with {@code alertmanager} the delivery of
   * event alerts to it.
   *
   * @param host         the exporter's bind address
   * @param port         the exporter's port, 0 for any free port
   * @param alertmanager Alertmanager's base URL, e.g. {@code http://127.0.0.1:9093}, or null to only log and count alerts
   */
  public static Demo start(String host, int port, @Nullable URI alertmanager) {
    return start(host, port, alertmanager, Ledger.STRATEGY);
  }

  /**
   * Creates the injector, which starts the exporter, for a process running under {@code strategy}.
   *
   * @param host         the exporter's bind address
   * @param port         the exporter's port, 0 for any free port
   * @param alertmanager Alertmanager's base URL, or null to only log and count alerts
   * @param strategy     the strategy name: the common tag {@code strategy} on every series and the
   *                     {@code strategy} label of the PnL gauges, e.g. {@code mm-btc-1}
   */
  public static Demo start(String host, int port, @Nullable URI alertmanager, String strategy) {
    ReplayMarketData marketData = new ReplayMarketData(MarketDataFreshnessCheck.of("marketData", MARKET_DATA_MAX_AGE));
    KillSwitchCheck killSwitch = KillSwitchCheck.of("killSwitch");
    AbstractModule checks = new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder<HealthCheck> health = Multibinder.newSetBinder(binder(), HealthCheck.class);
        health.addBinding().toInstance(marketData);
        health.addBinding().toInstance(killSwitch);
        bind(CircuitBreaker.class).toInstance(new CircuitBreaker(killSwitch));
        bind(Ledger.class).toInstance(new Ledger(strategy));
      }
    };
    // Demo itself is not built by Guice: named, so that its @TimedCall is checked and bound at startup too
    TraderMetricsModule.Builder metrics = TraderMetricsModule.builder().host(host).port(port).commonTag("strategy", strategy)
        .joinPointClasses(Demo.class);
    if (alertmanager != null) {
      metrics.alertmanager(alertmanager);
    }
    return new Demo(Guice.createInjector(metrics.build(), checks), marketData, killSwitch);
  }

  /** The kill switch served as the {@code killSwitch} readiness check; trip it to take the demo out of service. */
  public KillSwitchCheck killSwitch() {
    return killSwitch;
  }

  /** The {@code marketData} readiness check: the feed's freshness while replaying, then UP saying the replay is over. */
  public HealthCheck marketDataCheck() {
    return marketData;
  }

  /** The market maker's circuit breaker; tripping it halts the replay's quoting and raises an event alert. */
  public CircuitBreaker circuitBreaker() {
    return breaker;
  }

  /** Where the metrics are served. */
  public URI metricsUri() {
    return injector.getInstance(TraderMetricsService.class).metricsUri();
  }

  /** The market maker being driven. */
  public MarketMaker maker() {
    return maker;
  }

  /**
   * Replays trades into the market maker, in order.
   *
   * @param trades    the trades, in time order
   * @param wallTime  how long the whole replay takes in wall time, the trades' own timing compressed
   *                  proportionally into it; {@link Duration#ZERO} for as fast as possible
   * @param progress  told how many trades have been replayed, every 1,000 trades and at the end
   * @return what the market maker did, from its own ledger
   */
  public Summary replay(List<Trade> trades, Duration wallTime, LongConsumer progress) {
    return replay(trades, wallTime, progress, Faults.none());
  }

  /**
   * Replays trades, tripping the circuit breaker once {@code tripAfter} of wall time has passed:
   * the fault injection that makes the demo's alerts fire. From then on market data still arrives
   * (the readiness check stays fresh) but the market maker no longer quotes.
   *
   * @param tripAfter wall time from the start of the replay to the trip, or null for none
   * @see #replay(List, Duration, LongConsumer)
   */
  public Summary replay(List<Trade> trades, Duration wallTime, LongConsumer progress, @Nullable Duration tripAfter) {
    return replay(trades, wallTime, progress,
        tripAfter == null ? Faults.none() : Faults.of(java.util.Map.of(Faults.Kind.TRIP, tripAfter)));
  }

  /**
   * Replays trades, injecting {@code faults} (see {@link Faults}) once each at its wall time after
   * the start of the replay. After a trip, a disconnect or a panic, market data still arrives (the
   * readiness check stays fresh) but the market maker no longer trades.
   *
   * @see #replay(List, Duration, LongConsumer)
   */
  public Summary replay(List<Trade> trades, Duration wallTime, LongConsumer progress, Faults faults) {
    long startedNanos = System.nanoTime();
    java.util.EnumSet<Faults.Kind> pending = java.util.EnumSet.noneOf(Faults.Kind.class);
    for (Faults.Kind kind : Faults.Kind.values()) {
      if (faults.at(kind) != null) {
        pending.add(kind);
      }
    }
    if (!trades.isEmpty()) {
      long first = trades.get(0).epochSeconds();
      long span = Math.max(1, trades.get(trades.size() - 1).epochSeconds() - first);
      java.time.Instant startWall = java.time.Instant.now();
      long startNanos = System.nanoTime();
      long startEpochNanos = startWall.getEpochSecond() * 1_000_000_000L + startWall.getNano();
      long wallNanos = wallTime.toNanos();
      for (int i = 0; i < trades.size(); i++) {
        Trade trade = trades.get(i);
        venue.awaitIdle(); // the venue's answers to the orders of earlier trades come first
        long due = System.nanoTime();
        if (wallNanos > 0) {
          due = startNanos + (long) ((double) (trade.epochSeconds() - first) / span * wallNanos);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        marketData.freshness.recordTick();
        if (!pending.isEmpty()) {
          inject(faults, pending, System.nanoTime() - startedNanos, trade);
        }
        if (!breaker.isTripped() && !panicked && maker.connected()) {
          try {
            // published now, on replay time: the tick's delay is the feed's, not the replay's lag
            handle(new Tick(BitstampTrades.SYMBOL, trade, startEpochNanos + (System.nanoTime() - startNanos)));
          } catch (IllegalStateException panic) {
            panicked = true; // the strategy loop died: StrategyPanic was raised, no more ticks are handled
          }
        }
        if ((i + 1) % 1_000 == 0) {
          progress.accept(i + 1);
        }
      }
    }
    venue.awaitIdle();
    marketData.replayFinished = true;
    progress.accept(trades.size());
    return new Summary(trades.size(), maker.ordersSent(), maker.cancels(), maker.ledger().fills(),
        maker.ledger().position(), maker.ledger().realizedPnl());
  }

  /**
   * The {@code marketData} readiness check: the freshness of the replayed trades while the replay
   * runs, then UP with the reason that the replay is over. Thread-safe.
   */
  static final class ReplayMarketData implements HealthCheck {
    final MarketDataFreshnessCheck freshness;
    volatile boolean replayFinished;

    ReplayMarketData(MarketDataFreshnessCheck freshness) {
      this.freshness = freshness;
    }

    @Override
    public String name() {
      return freshness.name();
    }

    @Override
    public HealthResult check() {
      if (!replayFinished) {
        return freshness.check();
      }
      java.util.Map<String, Object> details = new java.util.LinkedHashMap<>(freshness.check().details());
      details.put("reason", "replay finished: no more market data");
      return HealthResult.up(details);
    }
  }

  private void inject(Faults faults, java.util.Set<Faults.Kind> pending, long elapsedNanos, Trade trade) {
    for (java.util.Iterator<Faults.Kind> it = pending.iterator(); it.hasNext(); ) {
      Faults.Kind kind = it.next();
      Duration at = faults.at(kind);
      if (at == null || elapsedNanos < at.toNanos()) {
        continue;
      }
      it.remove();
      String why = "demo fault injection: " + kind.flag() + " " + at.toSeconds() + " s into the replay";
      switch (kind) {
        case TRIP -> breaker.trip(maker.settings().symbol(), "demo fault injection: tripped " + at.toSeconds()
            + " s into the replay");
        case SLOW_ACK -> venue.slowNextOrder(SLOW_ACK.toNanos());
        case LARGE_FILL -> maker.bookBlockTrade(LARGE_FILL_BTC, trade.price());
        case DISCONNECT -> maker.venueConnection(MarketMaker.VENUE, false);
        case PANIC -> panicNext = true;
      }
      System.err.println(why);
    }
  }

  /** The client order id the {@link Faults.Kind#SLOW_ACK} fault slowed, or 0 before it did. */
  public long slowedOrderId() {
    return venue.slowedOrderId();
  }

  /**
   * Hands one tick to the market maker, timed into {@code trader_call_latency_seconds}: the strategy
   * loop. An exception escaping it raises {@code StrategyPanic} (critical); the fault injection's
   * panic throws here.
   */
  @RaiseAlert(severity = AlertSeverity.CRITICAL, name = "StrategyPanic", summary = "Strategy panic: an exception escaped the strategy loop",
      when = RaiseAlert.When.THREW)
  @TimedCall(target = "market-maker", operation = "on_tick")
  void handle(Tick tick) {
    if (panicNext) {
      panicNext = false;
      throw new IllegalStateException("demo fault injection: strategy panic");
    }
    ticksHandled++;
    maker.onTick(tick);
    scanner.onTrade(tick.trade());
  }

  /** The arbitrage scanner the strategy loop feeds with every tick it handles. */
  public ArbitrageScanner scanner() {
    return scanner;
  }

  /** Ticks handed to the market maker so far (none once the circuit breaker has tripped). */
  public long ticksHandled() {
    return ticksHandled;
  }

  /** Stops the exporter and unbinds the metrics. */
  @Override
  public void close() {
    venue.close();
    injector.getInstance(TraderMetricsService.class).close();
  }

  /**
   * What a replay did, from the market maker's own books.
   *
   * @param trades       market trades replayed
   * @param ordersSent   orders submitted
   * @param cancels      orders cancelled
   * @param fills        fills received (partial and complete)
   * @param position     net position at the end, base-asset units (BTC)
   * @param realizedPnl  realized PnL, quote currency (USD)
   */
  public record Summary(int trades, long ordersSent, long cancels, long fills, double position, double realizedPnl) {}
}
