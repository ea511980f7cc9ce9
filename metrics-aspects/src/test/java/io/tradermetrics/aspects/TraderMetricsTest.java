package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.aspects.Trader.Fill;
import io.tradermetrics.aspects.Trader.Side;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TraderMetricsTest {

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final Trader trader = new Trader();

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

  @Nested
  class TimedOrderAnnotation {

    @Test
    void recordsExactLatencyWithLabelsFromParametersAndConstants() {
      trader.duringCall = () -> clock.add(Duration.ofMillis(3));
      trader.submit("BTC/USD", Side.BUY, 0.5);
      trader.duringCall = () -> clock.add(Duration.ofMillis(7));
      trader.submit("BTC/USD", Side.BUY, 0.25);

      Timer timer = registry.get("trader.order.latency")
          .tags("operation", "submit", "venue", "bitstamp", "symbol", "BTC/USD", "side", "buy",
              "outcome", "ok", "exception", "none")
          .timer();
      assertThat(timer.count()).isEqualTo(2);
      assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(10.0);
      assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
    }

    @Test
    void recordsThrownExceptionWithErrorOutcomeAndRethrowsTheSameInstance() {
      IllegalArgumentException[] seen = new IllegalArgumentException[1];
      assertThatThrownBy(() -> trader.submit("ETH/USD", Side.SELL, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("quantity must be positive")
          .satisfies(e -> seen[0] = (IllegalArgumentException) e);
      assertThat(seen[0].getStackTrace()[0].getMethodName()).contains("submit");

      assertThat(registry.get("trader.order.latency")
          .tags("symbol", "ETH/USD", "side", "sell", "outcome", "error", "exception", "IllegalArgumentException")
          .timer().count()).isEqualTo(1);
    }

    @Test
    void rethrowsCheckedExceptionsUnchanged() {
      assertThatThrownBy(() -> trader.cancel("")).isInstanceOf(IOException.class).hasMessage("venue unreachable");
      assertThat(registry.get("trader.order.latency")
          .tags("operation", "cancel", "symbol", "BTC/USD", "side", "unknown", "exception", "IOException")
          .timer().count()).isEqualTo(1);
    }

    @Test
    void weavesPrivateStaticMethodsAndKeepsPrimitiveResults() {
      assertThat(trader.amend(21)).isEqualTo(42);
      assertThat(registry.get("trader.order.latency").tags("operation", "amend", "venue", "unknown").timer().count())
          .isEqualTo(1);
    }

    @Test
    void weavesMethodsWithMoreThanSixParameters() {
      assertThat(trader.manyParameters(1, 2, 3, 4, 5, "X", 7)).isEqualTo(22);
      // symbol is parameter #5, within the six slots
      assertThat(registry.get("trader.order.latency").tags("venue", "six", "symbol", "X").timer().count()).isEqualTo(1);
    }

    @Test
    void collapsesValuesPastTheLabelLimitIntoOtherAndCountsThem() {
      for (String symbol : new String[] {"A", "B", "C", "D", "E", "A"}) {
        trader.submit(symbol, Side.BUY, 1);
      }
      assertThat(registry.find("trader.order.latency").tag("symbol", "other").timer().count()).isEqualTo(2);
      assertThat(registry.find("trader.order.latency").tag("symbol", "A").timer().count()).isEqualTo(2);
      assertThat(registry.get("tradermetrics.label.overflow")
          .tags("metric", "trader_order_latency_seconds", "label", "symbol").counter().count()).isEqualTo(2);
    }

    @Test
    void timesAnAsynchronousSubmitUntilItsStageCompletes() {
      var ack = trader.submitAsync("SOL/USDT");
      clock.add(Duration.ofMillis(40));
      assertThat(registry.get("trader.order.latency").tags("venue", "binance", "outcome", "ok").timer().count()).isZero();
      ack.complete("ack-1");
      Timer timer = registry.get("trader.order.latency").tags("venue", "binance", "symbol", "SOL/USDT", "outcome", "ok").timer();
      assertThat(timer.count()).isEqualTo(1);
      assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
    }

    @Test
    void recordsTheCauseOfAFailedAsynchronousSubmit() {
      var ack = trader.submitAsync("SOL/USDT");
      clock.add(Duration.ofMillis(5));
      ack.completeExceptionally(new java.util.concurrent.CompletionException(new IOException("rejected by risk")));
      assertThat(registry.get("trader.order.latency")
          .tags("venue", "binance", "outcome", "error", "exception", "IOException").timer().totalTime(TimeUnit.MILLISECONDS))
          .isEqualTo(5.0);
    }

    @Test
    void losesNoCountUnderEightThreadsAndAMillionCalls() throws Exception {
      int threads = 8;
      int perThread = 125_000;
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      String[] symbols = {"BTC/USD", "ETH/USD", "SOL/USD"};
      for (int t = 0; t < threads; t++) {
        int id = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            trader.submit(symbols[(id + i) % 3], (i & 1) == 0 ? Side.BUY : Side.SELL, 1);
            trader.onFill(new Fill(symbols[i % 3], Side.BUY, 100.0, 0.5));
          }
        }));
      }
      for (var f : done) {
        f.get();
      }
      pool.shutdown();
      long timed = registry.find("trader.order.latency").timers().stream().mapToLong(Timer::count).sum();
      double fills = registry.find("trader.orders.filled").counters().stream().mapToDouble(Counter::count).sum();
      double volume = registry.find("trader.fill.volume").counters().stream().mapToDouble(Counter::count).sum();
      assertThat(timed).isEqualTo(1_000_000L);
      assertThat(fills).isEqualTo(1_000_000.0);
      assertThat(volume).isEqualTo(500_000.0);
      assertThat(errors("@TimedOrder") + errors("@CountFill")).isZero();
    }

    @Test
    void rendersNullLabelValuesAsUnknown() {
      trader.submit(null, Side.BUY, 1);
      assertThat(registry.get("trader.order.latency").tags("symbol", "unknown").timer().count()).isEqualTo(1);
    }
  }

  @Nested
  class TimedCallAnnotation {

    @Test
    void timesEveryPublicMethodOfAnAnnotatedClassNamedAfterTheMethod() {
      new ExchangeClients.KrakenClient().balances();
      new ExchangeClients.KrakenClient().notPublic();
      assertThat(registry.get("trader.call.latency").tags("target", "kraken", "operation", "balances", "outcome", "ok")
          .timer().count()).isEqualTo(1);
      assertThat(registry.find("trader.call.latency").tag("operation", "notPublic").timer()).isNull();
    }

    @Test
    void aMethodAnnotationWinsOverTheClassAndIsRecordedOnce() {
      new ExchangeClients.KrakenClient().placeOrder();
      assertThat(registry.find("trader.call.latency").tag("target", "kraken").timers())
          .singleElement()
          .satisfies(t -> {
            assertThat(t.getId().getTag("operation")).isEqualTo("place_order");
            assertThat(t.count()).isEqualTo(1);
          });
    }

    @Test
    void honoursAComposedAnnotationOnAClassAndOnAMethod() {
      new ExchangeClients.BinanceClient().depth();
      new ExchangeClients.Scanner().scan();
      assertThat(registry.get("trader.call.latency").tags("target", "binance", "operation", "depth").timer().count())
          .isEqualTo(1);
      assertThat(registry.get("trader.call.latency").tags("target", "binance", "operation", "scan").timer().count())
          .isEqualTo(1);
    }
  }

  @Nested
  class CountFillAnnotation {

    @Test
    void countsFillsVolumeAndNotionalWithLabelsFromRecordComponents() {
      trader.onFill(new Fill("BTC/USD", Side.BUY, 800.0, 0.5));
      trader.onFill(new Fill("BTC/USD", Side.BUY, 810.0, 0.25));
      trader.onFill(new Fill("BTC/USD", Side.SELL, 805.0, 1.0));

      String[] buy = {"venue", "bitstamp", "symbol", "BTC/USD", "side", "buy"};
      assertThat(registry.get("trader.orders.filled").tags(buy).counter().count()).isEqualTo(2);
      assertThat(registry.get("trader.fill.volume").tags(buy).counter().count()).isEqualTo(0.75);
      assertThat(registry.get("trader.fill.notional").tags(buy).counter().count()).isCloseTo(400.0 + 202.5, within(1e-9));
      assertThat(registry.get("trader.orders.filled").tags("side", "sell").counter().count()).isEqualTo(1);
    }

    @Test
    void takesQuantityFromAPrimitiveParameter() {
      trader.onFillNoPrice(Side.SELL, 2.5);
      assertThat(registry.get("trader.fill.volume").tags("symbol", "ETH/USD", "side", "sell").counter().count())
          .isEqualTo(2.5);
      assertThat(registry.find("trader.fill.notional").counter()).isNull();
    }

    @Test
    void ignoresAndCountsBadQuantities() {
      trader.onFillNoPrice(Side.SELL, Double.NaN);
      trader.onFillNoPrice(Side.SELL, -1);
      trader.onFill(new Fill("BTC/USD", Side.BUY, 800.0, 0.0));
      assertThat(registry.find("trader.orders.filled").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
      assertThat(errors("@CountFill")).isEqualTo(3);
    }

    @Test
    void recordsNothingWhenTheMethodThrows() {
      assertThatThrownBy(() -> trader.onFillNoPrice(Side.BUY, 2_000_000)).isInstanceOf(IllegalStateException.class);
      assertThat(registry.find("trader.orders.filled").counter()).isNull();
    }

    @Test
    void neverThrowsIntoTheCallerWhenAPropertyPathFails() {
      // A null fill: the path fill.quantity reads through null, which gives NaN, a bad value
      trader.onFill(null);
      assertThat(errors("@CountFill")).isEqualTo(1);
    }
  }

  @Nested
  class TrackPositionAnnotation {

    @Test
    void setsTheGaugeToTheLastReturnedPositionPerSymbol() {
      trader.position("BTC/USD", 1.5);
      trader.position("BTC/USD", -0.75);
      trader.position("ETH/USD", 3);
      assertThat(registry.get("trader.position").tag("symbol", "BTC/USD").gauge().value()).isEqualTo(-0.75);
      assertThat(registry.get("trader.position").tag("symbol", "ETH/USD").gauge().value()).isEqualTo(3.0);
    }

    @Test
    void ignoresAndCountsNonFinitePositions() {
      trader.position("BTC/USD", 2);
      trader.position("BTC/USD", Double.POSITIVE_INFINITY);
      assertThat(registry.get("trader.position").tag("symbol", "BTC/USD").gauge().value()).isEqualTo(2.0);
      assertThat(errors("@TrackPosition")).isEqualTo(1);
    }
  }

  @Nested
  class Binding {

    @Test
    void validateNamesClassMethodAnnotationAttributeAndWhatIsValid() {
      assertThatThrownBy(() -> TraderMetrics.validate(MisannotatedTrader.class))
          .isInstanceOf(InstrumentationConfigException.class)
          .hasMessageContaining("@CountFill on io.tradermetrics.aspects.MisannotatedTrader.pathDoesNotExist(Fill), "
              + "attribute 'quantity': 'qty' is not a property of io.tradermetrics.aspects.MisannotatedTrader$Fill")
          .hasMessageContaining("quantityIsNotANumber(Fill), attribute 'quantity': 'fill.symbol' is a java.lang.String; expected a number")
          .hasMessageContaining("@TrackPosition on io.tradermetrics.aspects.MisannotatedTrader.gaugeOnVoid(double), "
              + "attribute 'value': 'result' reads the return value, but the method returns void")
          .hasMessageContaining("@Label(\"colour\") on parameter #0 of io.tradermetrics.aspects.MisannotatedTrader.unknownLabelKey(String): "
              + "'colour' is not a label of any tradermetrics annotation on the method (@TimedOrder takes [venue, symbol, side])")
          .hasMessageContaining("attribute 'buckets': [0.5, 0.1] is not valid: buckets must be strictly increasing")
          .hasMessageContaining("'qty' is not a parameter; expected 'result', #N or one of [quantity]");
    }

    @Test
    void validatePassesAWellAnnotatedClass() {
      TraderMetrics.validate(Trader.class);
      assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void aMisannotatedJoinPointRunsNormallyRecordsNothingAndIsCounted() {
      MisannotatedTrader bad = new MisannotatedTrader();
      bad.pathDoesNotExist(new MisannotatedTrader.Fill("X", 1));
      bad.pathDoesNotExist(new MisannotatedTrader.Fill("X", 1));
      assertThat(registry.find("trader.orders.filled").counter()).isNull();
      assertThat(errors("@CountFill")).isEqualTo(1); // bound once, so counted once
    }

    @Test
    void unbindOnlyReleasesTheRegistryItWasGiven() {
      SimpleMeterRegistry other = new SimpleMeterRegistry();
      assertThat(TraderMetrics.unbind(other)).isFalse();
      assertThat(TraderMetrics.registry()).isSameAs(registry);
      trader.position("BTC/USD", 1);
      assertThat(TraderMetrics.unbind(registry)).isTrue();
      trader.position("BTC/USD", 5);
      assertThat(registry.get("trader.position").gauge().value()).isEqualTo(1.0);
    }
  }
}
