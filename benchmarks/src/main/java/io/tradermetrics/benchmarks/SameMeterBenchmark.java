package io.tradermetrics.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tradermetrics.aspects.TraderClock;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.benchmarks.SameMeterTargets.Ack;
import io.tradermetrics.benchmarks.SameMeterTargets.Fill;
import io.tradermetrics.benchmarks.SameMeterTargets.Pnl;
import io.tradermetrics.benchmarks.SameMeterTargets.Quote;
import io.tradermetrics.benchmarks.SameMeterTargets.Side;
import io.tradermetrics.benchmarks.SameMeterTargets.Tick;
import java.util.concurrent.ConcurrentHashMap;
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

/**
 * Every annotation against hand-written code that updates the very meter instances the annotation
 * registered (counters, timers, histograms), or, for gauges, a gauge of the same kind over a
 * {@code volatile double} (what the annotation's gauge reads too). Each pair is {@code x} (the woven
 * method of {@link SameMeterTargets}) and {@code xByHand} (the same body, the same recording,
 * written by hand the way a careful user would: {@code System.nanoTime()} around the work, a
 * pre-resolved meter; for the order lifecycle a {@link ConcurrentHashMap} of send times). The
 * registry is a {@link PrometheusMeterRegistry} with the clock {@code TraderMetricsModule} gives it.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SameMeterBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc</pre>
 *
 * <p>Read each row as the ratio {@code x / xByHand} (or the difference in ns where the hand-written
 * update is a few ns); both of a pair run in the same JVM build, one after the other.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SameMeterBenchmark {

  // inputs in non-final fields, so the JIT cannot fold them
  long x = 1_234_567L;
  String symbol = "BTC/USD";
  Side side = Side.BUY;
  double price = 100.5;
  double expected = 100.0;
  double executed = 100.02;
  double position = 1.5;
  double limit = 5;
  int open = 3;
  boolean allowed = false;
  Ack ack = new Ack(7L, false);
  Fill fill = new Fill(7L, "BTC/USD", Side.BUY, 100.5, 0.25);
  Pnl pnl = new Pnl(12.5, -3.25);
  Quote quote = new Quote("BTC/USD", 100.0, 100.1);
  long nextId = 1_000_000L;

  SameMeterTargets targets;
  PrometheusMeterRegistry registry;
  Timer orderTimer;
  Timer callTimer;
  Counter submitted;
  Counter rejected;
  Counter fills;
  Counter volume;
  Counter notional;
  Counter quotes;
  Counter blocks;
  DistributionSummary spreadBps;
  DistributionSummary slippageBps;
  Timer tickDelay;
  Timer ackLatency;
  Timer rejectLatency;
  Timer fillLatency;
  Timer completeLatency;
  Timer cancelLatency;
  Timer expiredLatency;
  final ConcurrentHashMap<Long, Long> inFlight = new ConcurrentHashMap<>();
  final ConcurrentHashMap<Long, Long> cancelRequests = new ConcurrentHashMap<>();
  final ThreadLocal<long[]> tickStart = ThreadLocal.withInitial(() -> new long[1]);
  final long wallOffsetNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
  volatile double positionCell;
  volatile double openCell;
  volatile double realizedCell;
  volatile double unrealizedCell;
  volatile double spreadCell;

  @Setup(Level.Trial)
  public void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), TraderClock.create());
    TraderMetrics.bind(registry);
    targets = new SameMeterTargets();
    // one call of each woven method registers its meters; then the hand-written twins take the same instances
    targets.timedOrder(symbol, side, price, x);
    targets.timedCall(x);
    targets.countOrder(symbol, side, ack);
    targets.countOrder(symbol, side, new Ack(8L, true));
    targets.countFill(fill);
    targets.countQuote(symbol, side, x);
    targets.countEvent(side, false);
    targets.trackSpread(quote);
    targets.measureSlippage(symbol, side, expected, executed);
    targets.marketDataTick(new Tick(symbol, price, System.currentTimeMillis() * 1_000_000L), x);
    sendAckFill();
    sendReject();
    sendAckCancel();
    sendAckExpire();
    String[] order = {"symbol", symbol, "side", "buy"};
    orderTimer = registry.get("trader.order.latency").tags(order).tag("outcome", "ok").timer();
    callTimer = registry.get("trader.call.latency").tag("target", "exchange").timer();
    submitted = registry.get("trader.orders.submitted").tags(order).counter();
    rejected = registry.get("trader.orders.rejected").tags(order).counter();
    fills = registry.get("trader.orders.filled").tags(order).counter();
    volume = registry.get("trader.fill.volume").tags(order).counter();
    notional = registry.get("trader.fill.notional").tags(order).counter();
    quotes = registry.get("trader.quotes").tags(order).counter();
    blocks = registry.get("trader.bench.blocks").tag("side", "buy").counter();
    spreadBps = registry.get("trader.spread.bps").tag("symbol", symbol).summary();
    slippageBps = registry.get("trader.slippage.bps").tags(order).summary();
    tickDelay = registry.get("trader.market.data.delay").tag("symbol", symbol).timer();
    ackLatency = registry.get("trader.order.ack.latency").tags(order).tag("outcome", "ack").timer();
    rejectLatency = registry.get("trader.order.ack.latency").tags(order).tag("outcome", "rejected").timer();
    fillLatency = registry.get("trader.order.fill.latency").tags(order).tag("fill", "first").timer();
    completeLatency = registry.get("trader.order.fill.latency").tags(order).tag("fill", "complete").timer();
    cancelLatency = registry.get("trader.order.cancel.latency").tags(order).tag("outcome", "cancelled").timer();
    expiredLatency = registry.get("trader.order.cancel.latency").tags(order).tag("outcome", "expired").timer();
    Gauge.builder("hand.position", this, b -> b.positionCell).register(registry);
    Gauge.builder("hand.open", this, b -> b.openCell).register(registry);
    Gauge.builder("hand.pnl.realized", this, b -> b.realizedCell).register(registry);
    Gauge.builder("hand.pnl.unrealized", this, b -> b.unrealizedCell).register(registry);
    Gauge.builder("hand.spread", this, b -> b.spreadCell).register(registry);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (orderTimer.count() < 2 || submitted.count() < 2 || ackLatency.count() < 2) {
      throw new IllegalStateException("the woven methods recorded nothing (weaving failed?)");
    }
    TraderMetrics.unbind(registry);
    registry.close();
  }

  @Benchmark
  public long timedOrder() {
    return targets.timedOrder(symbol, side, price, x);
  }

  @Benchmark
  public long timedOrderByHand() {
    long start = System.nanoTime();
    long r = SameMeterTargets.work(x);
    orderTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return r;
  }

  @Benchmark
  public long timedCall() {
    return targets.timedCall(x);
  }

  @Benchmark
  public long timedCallByHand() {
    long start = System.nanoTime();
    long r = SameMeterTargets.work(x);
    callTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return r;
  }

  @Benchmark
  public Ack countOrder() {
    return targets.countOrder(symbol, side, ack);
  }

  @Benchmark
  public Ack countOrderByHand() {
    Ack a = ack;
    (a.rejected() ? rejected : submitted).increment();
    return a;
  }

  @Benchmark
  public void countFill() {
    targets.countFill(fill);
  }

  @Benchmark
  public void countFillByHand() {
    Fill f = fill;
    fills.increment();
    volume.increment(f.quantity());
    notional.increment(f.quantity() * f.price());
  }

  @Benchmark
  public long countQuote() {
    return targets.countQuote(symbol, side, x);
  }

  @Benchmark
  public long countQuoteByHand() {
    long r = SameMeterTargets.work(x);
    quotes.increment();
    return r;
  }

  @Benchmark
  public boolean countEvent() {
    return targets.countEvent(side, allowed);
  }

  @Benchmark
  public boolean countEventByHand() {
    boolean a = allowed;
    if (!a) {
      blocks.increment();
    }
    return a;
  }

  @Benchmark
  public double trackPosition() {
    return targets.trackPosition(symbol, position);
  }

  @Benchmark
  public double trackPositionByHand() {
    double p = position;
    positionCell = p;
    return p;
  }

  @Benchmark
  public int trackOpenOrders() {
    return targets.trackOpenOrders(symbol, side, open);
  }

  @Benchmark
  public int trackOpenOrdersByHand() {
    int o = open;
    openCell = o;
    return o;
  }

  @Benchmark
  public Pnl trackPnl() {
    return targets.trackPnl(symbol, pnl);
  }

  @Benchmark
  public Pnl trackPnlByHand() {
    Pnl p = pnl;
    realizedCell = p.realized();
    unrealizedCell = p.unrealized();
    return p;
  }

  @Benchmark
  public void trackSpread() {
    targets.trackSpread(quote);
  }

  @Benchmark
  public void trackSpreadByHand() {
    Quote q = quote;
    spreadCell = q.ask() - q.bid();
    spreadBps.record((q.ask() - q.bid()) / ((q.ask() + q.bid()) / 2) * 10_000);
  }

  @Benchmark
  public void measureSlippage() {
    targets.measureSlippage(symbol, side, expected, executed);
  }

  @Benchmark
  public void measureSlippageByHand() {
    slippageBps.record(Math.max(0.0, (executed - expected) / expected * 10_000));
  }

  @Benchmark
  public boolean raiseAlert() {
    return targets.raiseAlert(position, limit);
  }

  @Benchmark
  public boolean raiseAlertByHand() {
    boolean breached = Math.abs(position) > limit;
    if (breached) {
      throw new IllegalStateException("not in this benchmark");
    }
    return breached;
  }

  @Benchmark
  public long marketDataTick() {
    return targets.marketDataTick(new Tick(symbol, price, System.currentTimeMillis() * 1_000_000L), x);
  }

  @Benchmark
  public long marketDataTickByHand() {
    Tick tick = new Tick(symbol, price, System.currentTimeMillis() * 1_000_000L);
    long now = System.nanoTime();
    long[] state = tickStart.get();
    state[0] = now;
    long delay = now + wallOffsetNanos - tick.exchangeTimeNanos();
    if (delay >= 0) {
      tickDelay.record(delay, TimeUnit.NANOSECONDS);
    }
    long r = SameMeterTargets.work(x);
    state[0] = 0;
    return r;
  }

  // The order lifecycle: whole lives of one order each, so that the in-flight table (and the map of
  // the hand-written twins) stays as small as a live trader's.

  /** Sent, acknowledged, completely filled: ack latency, first and complete fill latency. */
  @Benchmark
  public void sendAckFill() {
    long id = nextId++;
    targets.orderSent(id, symbol, side);
    targets.orderAcked(id);
    targets.orderFilled(new Fill(id, symbol, side, price, 0.25), true);
  }

  @Benchmark
  public void sendAckFillByHand() {
    long id = nextId++;
    inFlight.put(id, System.nanoTime());
    Long sentAt = inFlight.get(id);
    if (sentAt != null) {
      ackLatency.record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
    }
    Fill f = new Fill(id, symbol, side, price, 0.25);
    sentAt = inFlight.remove(f.orderId());
    if (sentAt != null) {
      long latency = System.nanoTime() - sentAt;
      fillLatency.record(latency, TimeUnit.NANOSECONDS);
      completeLatency.record(latency, TimeUnit.NANOSECONDS);
    }
  }

  /** Sent, rejected. */
  @Benchmark
  public void sendReject() {
    long id = nextId++;
    targets.orderSent(id, symbol, side);
    targets.orderRejected(id);
  }

  @Benchmark
  public void sendRejectByHand() {
    long id = nextId++;
    inFlight.put(id, System.nanoTime());
    Long sentAt = inFlight.remove(id);
    if (sentAt != null) {
      rejectLatency.record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
    }
  }

  /** Sent, acknowledged, cancel requested, cancel confirmed. */
  @Benchmark
  public void sendAckCancel() {
    long id = nextId++;
    targets.orderSent(id, symbol, side);
    targets.orderAcked(id);
    targets.cancelSent(id);
    targets.orderCancelled(id);
  }

  @Benchmark
  public void sendAckCancelByHand() {
    long id = nextId++;
    inFlight.put(id, System.nanoTime());
    Long sentAt = inFlight.get(id);
    if (sentAt != null) {
      ackLatency.record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
    }
    cancelRequests.put(id, System.nanoTime());
    inFlight.remove(id);
    Long requestedAt = cancelRequests.remove(id);
    if (requestedAt != null) {
      cancelLatency.record(System.nanoTime() - requestedAt, TimeUnit.NANOSECONDS);
    }
  }

  /** Sent, acknowledged, expired at the venue. */
  @Benchmark
  public void sendAckExpire() {
    long id = nextId++;
    targets.orderSent(id, symbol, side);
    targets.orderAcked(id);
    targets.orderExpired(id);
  }

  @Benchmark
  public void sendAckExpireByHand() {
    long id = nextId++;
    inFlight.put(id, System.nanoTime());
    Long sentAt = inFlight.get(id);
    if (sentAt != null) {
      ackLatency.record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
    }
    sentAt = inFlight.remove(id);
    if (sentAt != null) {
      expiredLatency.record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
    }
  }
}
