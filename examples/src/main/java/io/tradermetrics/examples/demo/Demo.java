package io.tradermetrics.examples.demo;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.tradermetrics.examples.marketmaker.MarketMaker;
import io.tradermetrics.examples.marketmaker.Trade;
import io.tradermetrics.guice.TraderMetricsModule;
import io.tradermetrics.guice.TraderMetricsService;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The demo as a program would use the toolkit: an injector with {@link TraderMetricsModule}, a
 * market maker from the injector, and a replay of trades into it. The command and the tests share
 * it. Not thread-safe: one thread replays.
 */
public final class Demo implements AutoCloseable {

  private final Injector injector;
  private final MarketMaker maker;

  private Demo(Injector injector) {
    this.injector = injector;
    this.maker = injector.getInstance(MarketMaker.class);
  }

  /**
   * Creates the injector, which starts the exporter.
   *
   * @param host the exporter's bind address
   * @param port the exporter's port, 0 for any free port
   */
  public static Demo start(String host, int port) {
    return new Demo(Guice.createInjector(TraderMetricsModule.builder().host(host).port(port).build()));
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
    if (!trades.isEmpty()) {
      long first = trades.get(0).epochSeconds();
      long span = Math.max(1, trades.get(trades.size() - 1).epochSeconds() - first);
      long startNanos = System.nanoTime();
      long wallNanos = wallTime.toNanos();
      for (int i = 0; i < trades.size(); i++) {
        Trade trade = trades.get(i);
        if (wallNanos > 0) {
          long due = startNanos + (long) ((double) (trade.epochSeconds() - first) / span * wallNanos);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        maker.onMarketTrade(trade);
        if ((i + 1) % 1_000 == 0) {
          progress.accept(i + 1);
        }
      }
    }
    progress.accept(trades.size());
    return new Summary(trades.size(), maker.ordersSent(), maker.cancels(), maker.ledger().fills(),
        maker.ledger().position(), maker.ledger().realizedPnl());
  }

  /** Stops the exporter and unbinds the metrics. */
  @Override
  public void close() {
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
