package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.aspects.DeskVenue.Liquidity;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Labels known only when an order ends: reject and cancel reasons, the fill's liquidity flag, the rejected counter's reason. */
class EndLabelsTest {

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final DeskVenue venue = new DeskVenue();

  @AfterEach
  void unbind() {
    TraderMetrics.unbind(registry);
  }

  private Timer timer(String name, String... tags) {
    return registry.find(name).tags(tags).timer();
  }

  @Test
  void aRejectRecordsItsLatencyUnderTheVenuesReason() {
    TraderMetrics.bind(registry);
    venue.send(1, "BTC/USD");
    clock.add(Duration.ofMillis(3));
    venue.onReject(1, "rate_limit");
    venue.send(2, "BTC/USD");
    venue.onReject(2, "insufficient_margin");

    Timer rateLimit = timer("trader.order.ack.latency", "outcome", "rejected", "reason", "rate_limit", "venue", "lmax");
    assertThat(rateLimit.count()).isEqualTo(1);
    assertThat(rateLimit.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
    assertThat(timer("trader.order.ack.latency", "reason", "insufficient_margin").count()).isEqualTo(1);
  }

  @Test
  void theFillsLiquidityFlagLabelsTheFillLatencyLowerCase() {
    TraderMetrics.bind(registry);
    venue.send(1, "BTC/USD");
    venue.onFill(1, false, Liquidity.MAKER);
    venue.onFill(1, true, Liquidity.TAKER);
    assertThat(timer("trader.order.fill.latency", "fill", "first", "liquidity", "maker").count()).isEqualTo(1);
    assertThat(timer("trader.order.fill.latency", "fill", "complete", "liquidity", "taker").count()).isEqualTo(1);
  }

  @Test
  void aCancelRecordsItsReason() {
    TraderMetrics.bind(registry);
    venue.send(1, "BTC/USD");
    venue.onCancel(1, "self_trade");
    assertThat(timer("trader.order.cancel.latency", "outcome", "cancelled", "reason", "self_trade").count()).isEqualTo(1);
  }

  @Test
  void reasonsAreBoundedLikeEveryLabel() {
    TraderMetrics.bind(registry, InstrumentationSettings.builder().labelValueLimit(2).build());
    String[] reasons = {"a", "b", "c", "d"};
    for (int i = 0; i < reasons.length; i++) {
      venue.send(i, "BTC/USD");
      venue.onReject(i, reasons[i]);
    }
    assertThat(timer("trader.order.ack.latency", "reason", "other").count()).isEqualTo(2);
    assertThat(registry.get("tradermetrics.label.overflow").tags("metric", "trader_order_ack_latency_seconds",
        "label", "reason").counter().count()).isEqualTo(2);
  }

  @Test
  void countOrderCountsARejectedSubmitUnderItsReasonAndAcceptedOnesApart() {
    TraderMetrics.bind(registry);
    venue.submit("BTC/USD", true, "rate_limit");
    venue.submit("BTC/USD", true, "rate_limit");
    venue.submit("BTC/USD", true, "insufficient_margin");
    venue.submit("BTC/USD", false, "");
    Counter rateLimit = registry.get("trader.orders.rejected").tags("reason", "rate_limit", "venue", "lmax",
        "symbol", "BTC/USD").counter();
    assertThat(rateLimit.count()).isEqualTo(2);
    assertThat(registry.get("trader.orders.rejected").tags("reason", "insufficient_margin").counter().count()).isEqualTo(1);
    assertThat(registry.get("trader.orders.submitted").tags("symbol", "BTC/USD").counter().count()).isEqualTo(1);
  }

  @Test
  void theVenueConnectionGaugeFollowsTheAdaptersCallbacks() {
    TraderMetrics.bind(registry);
    venue.onConnection("lmax", true);
    assertThat(registry.get("trader.venue.connected").tag("venue", "lmax").gauge().value()).isEqualTo(1.0);
    venue.onConnection("lmax", false);
    assertThat(registry.get("trader.venue.connected").tag("venue", "lmax").gauge().value()).isZero();
  }

  @Test
  void aPositionWithALimitPublishesTheLimitBesideIt() {
    TraderMetrics.bind(registry);
    venue.position("BTC/USD", -2.5);
    assertThat(registry.get("trader.position").tags("venue", "lmax", "symbol", "BTC/USD").gauge().value()).isEqualTo(-2.5);
    assertThat(registry.get("trader.position.limit").tags("venue", "lmax", "symbol", "BTC/USD").gauge().value())
        .isEqualTo(5.0);
  }

  @Test
  void anOpportunityIsCountedWithItsNetSpreadByVenuePairAndOneCostsEatAsZero() {
    TraderMetrics.bind(registry);
    venue.opportunity("BTC/USD", "kraken", "bitstamp", 12.5);
    venue.opportunity("BTC/USD", "kraken", "bitstamp", -3);
    venue.opportunity("BTC/USD", "bitstamp", "kraken", 4);
    var pair = registry.get("trader.opportunity.net.spread.bps").tags("symbol", "BTC/USD", "buy_venue", "kraken",
        "sell_venue", "bitstamp").summary();
    assertThat(pair.count()).isEqualTo(2);
    assertThat(pair.totalAmount()).isEqualTo(12.5);
    assertThat(registry.get("trader.opportunity.net.spread.bps").tags("buy_venue", "bitstamp").summary().count())
        .isEqualTo(1);
  }
}
