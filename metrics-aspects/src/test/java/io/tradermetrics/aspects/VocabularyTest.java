package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.aspects.VocabularyTrader.Ack;
import io.tradermetrics.aspects.VocabularyTrader.Order;
import io.tradermetrics.aspects.VocabularyTrader.Quote;
import io.tradermetrics.aspects.VocabularyTrader.Side;
import io.tradermetrics.aspects.VocabularyTrader.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The issue 3 vocabulary on a compile-time-woven fixture: exact values, labels, bad values, bad annotations. */
class VocabularyTest {

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final VocabularyTrader trader = new VocabularyTrader();

  @BeforeEach
  void bind() {
    TraderMetrics.bind(registry, InstrumentationSettings.builder().labelValueLimit(3).build());
  }

  @AfterEach
  void unbind() {
    TraderMetrics.unbind(registry);
  }

  private double errors(String annotation) {
    Counter c = registry.find("tradermetrics.instrumentation.errors").tag("annotation", annotation).counter();
    return c == null ? 0 : c.count();
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private static double[] bucketBounds(DistributionSummary summary) {
    return Arrays.stream(summary.takeSnapshot().histogramCounts()).mapToDouble(CountAtBucket::bucket).toArray();
  }

  private static double[] cumulativeCounts(DistributionSummary summary) {
    return Arrays.stream(summary.takeSnapshot().histogramCounts()).mapToDouble(CountAtBucket::count).toArray();
  }

  /** The slippage formula of the annotation's javadoc, written out independently of the engine. */
  private static double adverseBps(boolean buy, double expected, double executed) {
    double worse = buy ? executed - expected : expected - executed;
    return Math.max(0, worse / expected * 10_000);
  }

  @Nested
  class CountOrderAnnotation {

    @Test
    void countsEachSubmitInExactlyOneOfSubmittedRejectedFailed() {
      Order order = new Order("BTC/USD", Side.BUY, 100, 1);
      trader.submit(order);
      trader.submit(order);
      trader.venueAnswers = Status.REJECTED;
      trader.submit(order);
      assertThatThrownBy(() -> trader.submit(new Order("BTC/USD", Side.BUY, 100, 0)))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("quantity must be positive");

      assertThat(count("trader.orders.submitted", "venue", "bitstamp", "symbol", "BTC/USD", "side", "buy")).isEqualTo(2);
      assertThat(count("trader.orders.rejected", "venue", "bitstamp", "symbol", "BTC/USD", "side", "buy")).isEqualTo(1);
      // the venue label comes from the return value, which a throwing call does not have
      assertThat(count("trader.orders.failed", "venue", "unknown", "symbol", "BTC/USD", "side", "buy")).isEqualTo(1);
      assertThat(errors("@CountOrder")).isZero();
    }

    @Test
    void takesTheVenueLabelFromAPathOnTheReturnValue() {
      trader.routedTo = "coinbase";
      trader.submit(new Order("ETH/USD", Side.SELL, 100, 1));
      assertThat(count("trader.orders.submitted", "venue", "coinbase", "symbol", "ETH/USD", "side", "sell")).isEqualTo(1);
    }

    @Test
    void readsABooleanRejectionPath() {
      trader.submitKraken("SOL/USD", Side.BUY);
      trader.venueAnswers = Status.REJECTED;
      trader.submitKraken("SOL/USD", Side.BUY);
      trader.submitKraken("SOL/USD", Side.BUY);
      assertThat(count("trader.orders.submitted", "venue", "kraken", "symbol", "SOL/USD", "side", "buy")).isEqualTo(1);
      assertThat(count("trader.orders.rejected", "venue", "kraken", "symbol", "SOL/USD", "side", "buy")).isEqualTo(2);
    }

    @Test
    void countsCancelsAndRethrowsAFailedCancelUnchangedAsFailed() {
      trader.venueAnswers = Status.ACCEPTED;
      assertThat(registry.find("trader.orders.cancelled").counter()).isNull();
      assertThatThrownBy(() -> trader.cancel(new Order("", Side.SELL, 1, 1)))
          .isInstanceOf(IOException.class).hasMessage("venue unreachable");
      assertThat(count("trader.orders.failed", "venue", "bitstamp", "symbol", "unknown", "side", "sell")).isEqualTo(1);
      assertThat(registry.get("trader.orders.cancelled").tags("symbol", "unknown").counter().count()).isZero();
    }

    @Test
    void countsCancelsOnNormalReturn() throws IOException {
      trader.cancel(new Order("BTC/USD", Side.SELL, 1, 1));
      trader.cancel(new Order("BTC/USD", Side.SELL, 1, 1));
      assertThat(count("trader.orders.cancelled", "venue", "bitstamp", "symbol", "BTC/USD", "side", "sell")).isEqualTo(2);
      assertThat(registry.find("trader.orders.rejected").counter()).isNull();
    }

    @Test
    void countsNothingForAThrowWhenFailuresAreNotCounted() {
      assertThatThrownBy(() -> trader.cancelAll("BTC/USD")).isInstanceOf(IOException.class);
      assertThat(registry.find("trader.orders.failed").counter()).isNull();
      assertThat(registry.find("trader.orders.cancelled").counter()).isNull();
    }

    @Test
    void countsARejectCallbackAsRejected() {
      trader.onVenueReject(new Order("BTC/USD", Side.BUY, 1, 1));
      assertThat(count("trader.orders.rejected", "venue", "bitstamp", "symbol", "BTC/USD", "side", "buy")).isEqualTo(1);
    }
  }

  @Nested
  class TimedOrderRejection {

    @Test
    void recordsARejectedAnswerWithOutcomeRejectedAndNoException() {
      trader.duringCall = () -> clock.add(Duration.ofMillis(4));
      trader.timedSubmit("BTC/USD", Status.REJECTED);
      trader.duringCall = () -> clock.add(Duration.ofMillis(1));
      trader.timedSubmit("BTC/USD", Status.ACCEPTED);

      Timer rejected = registry.get("trader.order.latency")
          .tags("operation", "submit", "venue", "bitstamp", "symbol", "BTC/USD", "side", "unknown",
              "outcome", "rejected", "exception", "none").timer();
      assertThat(rejected.count()).isEqualTo(1);
      assertThat(rejected.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4.0);
      assertThat(registry.get("trader.order.latency").tags("symbol", "BTC/USD", "outcome", "ok").timer()
          .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1.0);
    }

    @Test
    void takesABooleanReturnValueAsTheCondition() {
      trader.timedSubmitBoolean("ETH/USD", true);
      trader.timedSubmitBoolean("ETH/USD", false);
      trader.timedSubmitBoolean("ETH/USD", true);
      assertThat(registry.get("trader.order.latency").tags("symbol", "ETH/USD", "outcome", "rejected").timer().count())
          .isEqualTo(2);
      assertThat(registry.get("trader.order.latency").tags("symbol", "ETH/USD", "outcome", "ok").timer().count())
          .isEqualTo(1);
    }

    @Test
    void testsAnAsynchronousSubmitOnTheValueItsStageCompletesWith() {
      var ack = trader.timedSubmitAsync("SOL/USDT");
      clock.add(Duration.ofMillis(30));
      ack.complete(new Ack("binance", Status.REJECTED, 9));
      Timer timer = registry.get("trader.order.latency").tags("venue", "binance", "symbol", "SOL/USDT", "outcome", "rejected")
          .timer();
      assertThat(timer.count()).isEqualTo(1);
      assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30.0);
    }

    @Test
    void takesALabelFromThePathOnTheReturnValue() {
      trader.timedExecute(new Order("BTC/USD", Side.SELL, 100, 1));
      assertThat(registry.get("trader.order.latency").tags("symbol", "BTC/USD", "side", "sell", "outcome", "ok").timer()
          .count()).isEqualTo(1);
    }
  }

  @Nested
  class TrackOpenOrdersAnnotation {

    @Test
    void setsTheGaugeToTheLastValuePerSymbolAndSide() {
      trader.openOrders("BTC/USD", Side.BUY, 3);
      trader.openOrders("BTC/USD", Side.BUY, 2);
      trader.openOrders("BTC/USD", Side.SELL, 1);
      trader.openOrdersFromParameter(5);
      assertThat(registry.get("trader.orders.open").tags("symbol", "BTC/USD", "side", "buy").gauge().value()).isEqualTo(2.0);
      assertThat(registry.get("trader.orders.open").tags("symbol", "BTC/USD", "side", "sell").gauge().value()).isEqualTo(1.0);
      assertThat(registry.get("trader.orders.open").tags("symbol", "ETH/USD", "side", "buy").gauge().value()).isEqualTo(5.0);
    }

    @Test
    void ignoresAndCountsANegativeCount() {
      trader.openOrders("BTC/USD", Side.BUY, 4);
      trader.openOrders("BTC/USD", Side.BUY, -1);
      assertThat(registry.get("trader.orders.open").tags("symbol", "BTC/USD", "side", "buy").gauge().value()).isEqualTo(4.0);
      assertThat(errors("@TrackOpenOrders")).isEqualTo(1);
    }
  }

  @Nested
  class TrackPnlAnnotation {

    @Test
    void setsRealizedAndUnrealizedGaugesPerSymbolAndStrategy() {
      trader.mark("BTC/USD", 120.5, -30.25);
      trader.mark("BTC/USD", 121.0, -12.0);
      String[] tags = {"symbol", "BTC/USD", "strategy", "market-maker"};
      assertThat(registry.get("trader.pnl.realized").tags(tags).gauge().value()).isEqualTo(121.0);
      assertThat(registry.get("trader.pnl.unrealized").tags(tags).gauge().value()).isEqualTo(-12.0);
    }

    @Test
    void recordsOnlyTheGaugeWhoseExpressionIsGiven() {
      trader.bookRealized("arbitrage", 7.5);
      assertThat(registry.get("trader.pnl.realized").tags("symbol", "ETH/USD", "strategy", "arbitrage").gauge().value())
          .isEqualTo(7.5);
      assertThat(registry.find("trader.pnl.unrealized").gauge()).isNull();
    }

    @Test
    void keepsTheOtherGaugeWhenOneValueIsNotFiniteAndCountsIt() {
      trader.mark("BTC/USD", 10, 20);
      trader.mark("BTC/USD", 11, Double.NaN);
      assertThat(registry.get("trader.pnl.realized").tag("symbol", "BTC/USD").gauge().value()).isEqualTo(11.0);
      assertThat(registry.get("trader.pnl.unrealized").tag("symbol", "BTC/USD").gauge().value()).isEqualTo(20.0);
      assertThat(errors("@TrackPnl")).isEqualTo(1);
    }
  }

  @Nested
  class TrackSpreadAnnotation {

    @Test
    void setsTheLastSpreadAndObservesItInBpsOfTheMid() {
      trader.publish(new Quote("BTC/USD", 99.97, 100.03));
      trader.publish(new Quote("BTC/USD", 99.6, 100.4));

      assertThat(registry.get("trader.spread").tag("symbol", "BTC/USD").gauge().value()).isCloseTo(100.4 - 99.6, within(1e-9));
      DistributionSummary bps = registry.get("trader.spread.bps").tag("symbol", "BTC/USD").summary();
      double first = (100.03 - 99.97) / ((100.03 + 99.97) / 2) * 10_000;
      double second = (100.4 - 99.6) / ((100.4 + 99.6) / 2) * 10_000;
      assertThat(first).isCloseTo(6.0, within(1e-6));
      assertThat(second).isCloseTo(80.0, within(1e-6));
      assertThat(bps.count()).isEqualTo(2);
      assertThat(bps.totalAmount()).isCloseTo(first + second, within(1e-9));
      assertThat(bucketBounds(bps)).containsExactly(1, 2, 5, 10, 20, 50, 100, 200);
      assertThat(cumulativeCounts(bps)).containsExactly(0, 0, 0, 1, 1, 1, 2, 2);
    }

    @Test
    void usesTheAnnotationsOwnBuckets() {
      trader.publishCustomBuckets(99.9, 100.0);
      DistributionSummary bps = registry.get("trader.spread.bps").tag("symbol", "ETH/USD").summary();
      assertThat(bucketBounds(bps)).containsExactly(5, 15, 25);
      assertThat(cumulativeCounts(bps)).containsExactly(0, 1, 1);
    }

    @Test
    void usesTheSettingsBucketsWhenTheAnnotationGivesNone() {
      TraderMetrics.bind(registry, InstrumentationSettings.builder().bpsBuckets(List.of(3.0, 30.0)).build());
      trader.publish(new Quote("BTC/USD", 99.97, 100.03));
      assertThat(bucketBounds(registry.get("trader.spread.bps").summary())).containsExactly(3, 30);
    }

    @Test
    void ignoresAndCountsCrossedAndNonPositiveQuotes() {
      trader.publish(new Quote("BTC/USD", 100.1, 100.0));
      trader.publish(new Quote("BTC/USD", 0, 100.0));
      trader.publish(new Quote("BTC/USD", 100, Double.NaN));
      assertThat(registry.find("trader.spread.bps").summary()).isNull();
      assertThat(errors("@TrackSpread")).isEqualTo(3);
    }

    @Test
    void recordsALockedQuoteAsZero() {
      trader.publish(new Quote("BTC/USD", 100, 100));
      assertThat(registry.get("trader.spread").gauge().value()).isZero();
      assertThat(registry.get("trader.spread.bps").summary().count()).isEqualTo(1);
    }

    @Test
    void neverThrowsIntoTheCallerWhenReadingTheQuoteFails() {
      trader.publishBroken(new VocabularyTrader.BrokenQuote());
      assertThat(errors("@TrackSpread")).isEqualTo(1);
      assertThat(registry.find("trader.spread").gauge()).isNull();
    }

    @Test
    void collapsesSymbolsPastTheLimitIntoOther() {
      for (String symbol : new String[] {"A", "B", "C", "D", "E"}) {
        trader.publish(new Quote(symbol, 99.97, 100.03));
      }
      assertThat(registry.get("trader.spread.bps").tag("symbol", "other").summary().count()).isEqualTo(2);
      assertThat(registry.get("tradermetrics.label.overflow").tags("metric", "trader_spread", "label", "symbol")
          .counter().count()).isEqualTo(2);
    }
  }

  @Nested
  class MeasureSlippageAnnotation {

    @Test
    void observesAdverseSlippageInBpsSignedBySideWithImprovementAsZero() {
      trader.execute(new Order("BTC/USD", Side.BUY, 100, 1), 100.05);   // paid more: worse
      trader.execute(new Order("BTC/USD", Side.BUY, 100, 1), 99.9);     // paid less: improvement
      trader.execute(new Order("BTC/USD", Side.SELL, 100, 1), 99.9);    // received less: worse
      trader.execute(new Order("BTC/USD", Side.SELL, 100, 1), 100.2);   // received more: improvement

      DistributionSummary buy = registry.get("trader.slippage.bps").tags("symbol", "BTC/USD", "side", "buy").summary();
      DistributionSummary sell = registry.get("trader.slippage.bps").tags("symbol", "BTC/USD", "side", "sell").summary();
      assertThat(buy.count()).isEqualTo(2);
      assertThat(buy.totalAmount()).isCloseTo(adverseBps(true, 100, 100.05) + adverseBps(true, 100, 99.9), within(1e-9));
      assertThat(buy.totalAmount()).isCloseTo(5.0, within(1e-6));
      assertThat(sell.count()).isEqualTo(2);
      assertThat(sell.totalAmount()).isCloseTo(adverseBps(false, 100, 99.9) + adverseBps(false, 100, 100.2), within(1e-9));
      assertThat(sell.totalAmount()).isCloseTo(10.0, within(1e-6));
      assertThat(cumulativeCounts(buy)).containsExactly(1, 1, 2, 2, 2, 2, 2, 2);
    }

    @Test
    void takesTheSideFromAStringLabelAndCountsAnUnsignableSide() {
      trader.slippageBySide("Sell", 200, 199);
      trader.slippageBySide("sideways", 200, 199);
      assertThat(registry.get("trader.slippage.bps").tags("symbol", "ETH/USD", "side", "Sell").summary().totalAmount())
          .isCloseTo(adverseBps(false, 200, 199), within(1e-9));
      assertThat(registry.find("trader.slippage.bps").tag("side", "sideways").summary()).isNull();
      assertThat(errors("@MeasureSlippage")).isEqualTo(1);
    }

    @Test
    void ignoresAndCountsNonPositivePrices() {
      trader.slippageBySide("buy", 0, 199);
      trader.slippageBySide("buy", 200, Double.NaN);
      assertThat(registry.find("trader.slippage.bps").summary()).isNull();
      assertThat(errors("@MeasureSlippage")).isEqualTo(2);
    }
  }

  @Nested
  class CountQuoteAnnotation {

    @Test
    void countsQuotesPerSymbolAndSideAndNotWhenTheMethodThrows() {
      trader.postQuote("BTC/USD", Side.BUY, 100);
      trader.postQuote("BTC/USD", Side.BUY, 101);
      trader.postQuote("BTC/USD", Side.SELL, 102);
      assertThatThrownBy(() -> trader.postQuote("BTC/USD", Side.SELL, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThat(count("trader.quotes", "symbol", "BTC/USD", "side", "buy")).isEqualTo(2);
      assertThat(count("trader.quotes", "symbol", "BTC/USD", "side", "sell")).isEqualTo(1);
    }
  }

  @Nested
  class CountEventAnnotation {

    @Test
    void countsNamedEventsWithDeclaredKeysConstantsAndCondition() {
      trader.withinInventoryLimit(Side.BUY, false);
      trader.withinInventoryLimit(Side.BUY, false);
      trader.withinInventoryLimit(Side.BUY, true);
      trader.withinInventoryLimit(Side.SELL, false);
      trader.blockedByKillSwitch(Side.SELL);

      assertThat(count("trader.guard.blocks", "guard", "inventory", "side", "buy")).isEqualTo(2);
      assertThat(count("trader.guard.blocks", "guard", "inventory", "side", "sell")).isEqualTo(1);
      assertThat(count("trader.guard.blocks", "guard", "kill_switch", "side", "sell")).isEqualTo(1);
      assertThat(registry.get("trader.guard.blocks").tags("guard", "inventory", "side", "buy").counter().getId()
          .getDescription()).isEqualTo("Quotes blocked by pre-trade guards");
    }

    @Test
    void countsAnEventWithoutLabelsUnderTheNameWithDotsForUnderscores() {
      trader.orphanFound();
      trader.orphanFound();
      Counter orphans = registry.get("trader.reconciliation.orphans").counter();
      assertThat(orphans.count()).isEqualTo(2);
      assertThat(orphans.getId().getTags()).isEmpty();
    }

    @Test
    void aSecondJoinPointWithOtherKeysForTheSameNameRecordsNothingAndIsCounted() {
      trader.withinInventoryLimit(Side.BUY, false);
      new ConflictingEvents().riskBlocked("BTC/USD");
      assertThat(registry.find("trader.guard.blocks").tag("guard", "risk").counter()).isNull();
      assertThat(errors("@CountEvent")).isEqualTo(1);
    }

    @Test
    void validateReportsConflictingKeysNamingBothJoinPoints() {
      assertThatThrownBy(() -> TraderMetrics.validate(VocabularyTrader.class, ConflictingEvents.class))
          .isInstanceOf(InstrumentationConfigException.class)
          .hasMessageContaining("@CountEvent on io.tradermetrics.aspects.ConflictingEvents.riskBlocked(String), "
              + "attribute 'labels': event 'guard.blocks' is declared with label keys [guard, symbol], but "
              + "io.tradermetrics.aspects.VocabularyTrader.")
          .hasMessageContaining("declares it with [guard, side]; one name always has the same label keys");
    }

    @Test
    void validateFindsAConflictWithAJoinPointAlreadyBound() {
      trader.blockedByKillSwitch(Side.BUY);
      assertThatThrownBy(() -> TraderMetrics.validate(ConflictingEvents.class))
          .hasMessageContaining("but io.tradermetrics.aspects.VocabularyTrader.blockedByKillSwitch(Side) declares it with [guard, side]");
    }
  }

  @Nested
  class Binding {

    @Test
    void validatePassesTheWellAnnotatedVocabularyFixture() {
      TraderMetrics.validate(VocabularyTrader.class);
      assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void validateNamesClassMethodAnnotationAttributeAndWhatIsValid() {
      String where = "io.tradermetrics.aspects.MisannotatedVocabulary.";
      assertThatThrownBy(() -> TraderMetrics.validate(MisannotatedVocabulary.class))
          .isInstanceOf(InstrumentationConfigException.class)
          .hasMessageContaining("@CountOrder on " + where + "rejectedIfOnAString(), attribute 'rejectedIf': "
              + "'result.venue' is a java.lang.String; expected 'path' to a boolean")
          .hasMessageContaining("@CountOrder on " + where + "rejectedIfWithUnknownConstant(), attribute 'rejectedIf': "
              + "'FILLED' is not a constant of io.tradermetrics.aspects.VocabularyTrader$Status; valid: [ACCEPTED, REJECTED]")
          .hasMessageContaining("rejectedIfEnumWithoutConstant(), attribute 'rejectedIf': 'result.status' is a "
              + "io.tradermetrics.aspects.VocabularyTrader$Status; compare it with one of its constants, e.g. 'result.status == ACCEPTED'")
          .hasMessageContaining("rejectedIfOnACancel(), attribute 'rejectedIf': is given with event = CANCELLED; "
              + "a rejection condition applies only to event = SUBMITTED")
          .hasMessageContaining("@TrackOpenOrders on " + where + "openOrdersOnVoid(), attribute 'value': "
              + "'result' reads the return value, but the method returns void")
          .hasMessageContaining("@TrackPnl on " + where + "pnlWithoutExpressions(), attribute 'realized': "
              + "and 'unrealized' are both empty; give at least one expression")
          .hasMessageContaining("pnlNotANumber(), attribute 'unrealized': 'result.venue' is a java.lang.String; expected a number")
          .hasMessageContaining("@TrackSpread on " + where + "spreadBadBuckets(double, double), attribute 'buckets': "
              + "[0.0, 5.0] is not valid: bucket 0.0 must be a positive finite number (values are in bps")
          .hasMessageContaining("spreadNoSuchParameter(double, double), attribute 'ask': 'offer' is not a parameter; "
              + "expected 'result', #N or one of [bid, ask]")
          .hasMessageContaining("@MeasureSlippage on " + where + "slippageBadSide(double, double), attribute 'side': "
              + "'up' is not a side; expected one of")
          .hasMessageContaining("@CountEvent on " + where + "eventBadName(), attribute 'name': 'Guard-Blocks' is not a valid event name")
          .hasMessageContaining("eventCatalogName(), attribute 'name': 'orders.filled' is the catalog metric trader_orders_filled_total")
          .hasMessageContaining("eventEndsInTotal(), attribute 'name': 'blocks.total' ends in 'total'")
          .hasMessageContaining("eventReservedKey(), attribute 'labels': 'le' in \"le\" is not a valid label key")
          .hasMessageContaining("eventKeyTwice(), attribute 'labels': label key 'guard' is declared twice")
          .hasMessageContaining("@Label(\"venue\") on the method of " + where + "quoteLabelNotOfTheMetric(): "
              + "'venue' is not a label of any tradermetrics annotation on the method (@CountQuote takes [symbol, side])")
          .hasMessageContaining("labelPathOnResultDoesNotExist(), attribute '@Label(\"symbol\") on the method': "
              + "'instrument' is not a property of io.tradermetrics.aspects.VocabularyTrader$Ack")
          .hasMessageContaining("labelFromVoidResult(), attribute '@Label(\"symbol\") on the method': "
              + "'result' reads the return value, but the method returns void")
          .hasMessageContaining("@TimedOrder on " + where + "asyncRejectedIfOnParameter(Ack), attribute 'rejectedIf': "
              + "'ack.rejected' reads a parameter, but on a method returning CompletableFuture it is tested when the stage completes")
          .hasMessageContaining("asyncLabelFromResult(), attribute '@Label(\"symbol\") on the method': a label cannot be read "
              + "from the return value of a method returning CompletableFuture");
    }

    @Test
    void aMisannotatedJoinPointRunsNormallyRecordsNothingAndIsCountedOnce() {
      MisannotatedVocabulary bad = new MisannotatedVocabulary();
      bad.openOrdersOnVoid();
      bad.openOrdersOnVoid();
      bad.spreadBadBuckets(1, 2);
      assertThat(registry.find("trader.orders.open").gauge()).isNull();
      assertThat(registry.find("trader.spread").gauge()).isNull();
      assertThat(errors("@TrackOpenOrders")).isEqualTo(1);
      assertThat(errors("@TrackSpread")).isEqualTo(1);
    }

    @Test
    void settingsRejectBadBpsBucketsNamingTheOption() {
      assertThatThrownBy(() -> InstrumentationSettings.builder().bpsBuckets(List.of(5.0, 5.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("bpsBuckets [5.0, 5.0] is not valid: buckets must be strictly increasing, but 5.0 follows 5.0");
      assertThat(InstrumentationSettings.defaults().bpsBuckets()).containsExactly(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0);
    }
  }
}
