package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.aspects.MarkoutDesk.Book;
import io.tradermetrics.aspects.MarkoutDesk.Fill;
import io.tradermetrics.aspects.MarkoutDesk.Side;
import java.time.Duration;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Markouts of {@code @CountFill} fills on {@code @MarketDataTick} mids, fees and rebates, large executions. */
class MarkoutTest {

  private static final long SECOND = 1_000_000_000L;
  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final MarkoutDesk desk = new MarkoutDesk();

  private void bind(InstrumentationSettings.Builder settings) {
    TraderMetrics.bind(registry, settings.build());
  }

  @AfterEach
  void unbind() {
    TraderMetrics.unbind(registry);
  }

  private DistributionSummary markout(String symbol, String side, String horizon, String direction) {
    return registry.find("trader.markout.bps").tags("symbol", symbol, "side", side, "horizon", horizon,
        "direction", direction, "venue", "lmax").summary();
  }

  private long count(String horizon) {
    return registry.find("trader.markout.bps").tag("horizon", horizon).summaries().stream()
        .mapToLong(DistributionSummary::count).sum();
  }

  private double counter(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Nested
  class OnTheMonotonicClock {

    @Test
    void aBuyFollowedByAHigherMidIsAFavourableMarkoutInBpsOfTheFillPrice() {
      bind(InstrumentationSettings.builder());
      desk.onBook(new Book("BTC/USD", 99, 101)); // mid 100
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 1, 0));
      clock.add(Duration.ofSeconds(1));
      desk.onBook(new Book("BTC/USD", 100.5, 101.5)); // mid 101: +1 on 100 = +100 bps

      DistributionSummary oneSecond = markout("BTC/USD", "buy", "1s", "favourable");
      assertThat(oneSecond.count()).isEqualTo(1);
      assertThat(oneSecond.totalAmount()).isCloseTo(100.0, Offset.offset(1e-9));
      assertThat(count("10s")).as("10 s has not passed").isZero();

      clock.add(Duration.ofSeconds(9));
      desk.onBook(new Book("BTC/USD", 98.5, 99.5)); // mid 99: -1 on 100 = -100 bps for the buy
      DistributionSummary tenSeconds = markout("BTC/USD", "buy", "10s", "adverse");
      assertThat(tenSeconds.count()).isEqualTo(1);
      assertThat(tenSeconds.totalAmount()).isCloseTo(100.0, Offset.offset(1e-9));
      assertThat(count("1s")).as("each horizon once per fill").isEqualTo(1);
    }

    @Test
    void aSellFollowedByAHigherMidWasPickedOff() {
      bind(InstrumentationSettings.builder());
      desk.onBook(new Book("ETH/USD", 1999, 2001));
      desk.onFill(new Fill("ETH/USD", Side.SELL, 2000, 1, 0));
      clock.add(Duration.ofMillis(1500));
      desk.onBook(new Book("ETH/USD", 2009, 2011)); // mid 2010: +10 on 2000 = 50 bps against the sell

      assertThat(markout("ETH/USD", "sell", "1s", "adverse").totalAmount()).isCloseTo(50.0, Offset.offset(1e-9));
      assertThat(markout("ETH/USD", "sell", "1s", "favourable")).isNull();
    }

    @Test
    void aFillIsMarkedOutOnTheFirstTickAtOrAfterItsHorizonNotBefore() {
      bind(InstrumentationSettings.builder().markoutHorizons(List.of(Duration.ofSeconds(1))));
      desk.onBook(new Book("BTC/USD", 99, 101));
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 1, 0));
      clock.add(Duration.ofMillis(999));
      desk.onBook(new Book("BTC/USD", 104, 106));
      assertThat(count("1s")).isZero();
      clock.add(Duration.ofMillis(1));
      desk.onBook(new Book("BTC/USD", 101, 103)); // mid 102: +200 bps
      assertThat(markout("BTC/USD", "buy", "1s", "favourable").totalAmount()).isCloseTo(200.0, Offset.offset(1e-9));
    }

    @Test
    void fillsBeforeTheSymbolsFirstTickOrOfAnotherSymbolAreNotMarkedOut() {
      bind(InstrumentationSettings.builder());
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 1, 0));
      desk.onBook(new Book("ETH/USD", 99, 101));
      desk.onFill(new Fill("SOL/USD", Side.BUY, 100, 1, 0));
      clock.add(Duration.ofSeconds(61));
      desk.onBook(new Book("BTC/USD", 99, 101));
      desk.onBook(new Book("ETH/USD", 99, 101));
      assertThat(registry.find("trader.markout.bps").summaries()).isEmpty();
    }

    @Test
    void aFullRingCountsTheFillsItCannotHoldAndMarksOutTheOthers() {
      bind(InstrumentationSettings.builder().markoutCapacity(2));
      desk.onBook(new Book("BTC/USD", 99, 101));
      for (int i = 0; i < 3; i++) {
        desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 1, 0));
      }
      assertThat(counter("trader.markout.overflow", "symbol", "BTC/USD", "horizon", "1s")).isEqualTo(1);
      assertThat(counter("trader.markout.overflow", "symbol", "BTC/USD", "horizon", "60s")).isEqualTo(1);
      clock.add(Duration.ofSeconds(60));
      desk.onBook(new Book("BTC/USD", 99, 101));
      assertThat(count("1s")).isEqualTo(2);
      assertThat(count("60s")).isEqualTo(2);
      // the ring is free again
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 1, 0));
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 1, 0));
      assertThat(counter("trader.markout.overflow", "symbol", "BTC/USD", "horizon", "1s")).isEqualTo(1);
    }

    @Test
    void aBadMidIsCountedAndNotUsed() {
      bind(InstrumentationSettings.builder());
      desk.onBook(new Book("BTC/USD", 99, 101));
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 1, 0));
      clock.add(Duration.ofSeconds(1));
      desk.onBook(new Book("BTC/USD", Double.NaN, 101));
      assertThat(count("1s")).isZero();
      assertThat(counter("tradermetrics.instrumentation.errors", "annotation", "@MarketDataTick")).isEqualTo(1);
    }
  }

  @Nested
  class OnMarketTime {

    @Test
    void horizonsRunOnTheTicksMarketTimeAndAFillTakesTheTimeOfTheLastTick() {
      bind(InstrumentationSettings.builder());
      desk.onTrade("BTC/USD", 100, 1_000 * SECOND);
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 1, 0));
      clock.add(Duration.ofSeconds(120)); // the wall clock does not matter
      desk.onTrade("BTC/USD", 101, 1_000 * SECOND + SECOND - 1);
      assertThat(count("1s")).isZero();
      desk.onTrade("BTC/USD", 102, 1_001 * SECOND); // due: +200 bps
      assertThat(markout("BTC/USD", "buy", "1s", "favourable").totalAmount()).isCloseTo(200.0, Offset.offset(1e-9));
      desk.onTrade("BTC/USD", 99, 1_070 * SECOND); // 10 s and 60 s both due: -100 bps each
      assertThat(markout("BTC/USD", "buy", "10s", "adverse").totalAmount()).isCloseTo(100.0, Offset.offset(1e-9));
      assertThat(markout("BTC/USD", "buy", "60s", "adverse").totalAmount()).isCloseTo(100.0, Offset.offset(1e-9));
    }
  }

  @Nested
  class Fees {

    @Test
    void feesAndRebatesAreTwoCountersOfPositiveAmountsInTheFeeCurrency() {
      bind(InstrumentationSettings.builder());
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 1, 0.25));
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 1, 0.5));
      desk.onFill(new Fill("BTC/USD", Side.SELL, 100, 1, -0.1));
      assertThat(counter("trader.fill.fees", "side", "buy", "currency", "USD", "venue", "lmax")).isEqualTo(0.75);
      assertThat(counter("trader.fill.rebates", "side", "sell", "currency", "USD")).isCloseTo(0.1, Offset.offset(1e-12));
      assertThat(counter("trader.fill.notional", "side", "buy", "currency", "USD")).isEqualTo(200);
      assertThat(registry.get("trader.orders.filled").tags("side", "buy").counter().getId().getTag("currency"))
          .as("fills and volume carry no currency").isNull();
    }

    @Test
    void aFillAboveTheNotionalThresholdRaisesAnInfoAlert() {
      bind(InstrumentationSettings.builder());
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 10, 0)); // 1000: not above
      assertThat(counter("tradermetrics.alerts.raised", "severity", "info")).isZero();
      desk.onFill(new Fill("BTC/USD", Side.BUY, 100, 10.5, 0));
      assertThat(counter("tradermetrics.alerts.raised", "severity", "info")).isEqualTo(1);
    }
  }
}
