package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.aspects.Venue.ExecutionReport;
import io.tradermetrics.aspects.Venue.NewOrder;
import io.tradermetrics.aspects.Venue.Side;
import io.tradermetrics.aspects.Venue.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderLifecycleTest {

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final Venue venue = new Venue();

  private void bind(InstrumentationSettings.Builder settings) {
    TraderMetrics.bind(registry, settings.build());
  }

  private void bind() {
    bind(InstrumentationSettings.builder());
  }

  @AfterEach
  void unbind() {
    TraderMetrics.unbind(registry);
  }

  private static NewOrder buy(long id) {
    return new NewOrder(id, "BTC/USD", Side.BUY, 0.5);
  }

  private Timer timer(String name, String... tags) {
    return registry.get(name).tags(tags).timer();
  }

  /** The count summed over every series of {@code name} with the tags. */
  private long count(String name, String... tags) {
    return registry.find(name).tags(tags).timers().stream().mapToLong(Timer::count).sum();
  }

  private double inflight() {
    return registry.get("trader.orders.inflight").gauge().value();
  }

  private double expired(String reason) {
    return registry.get("trader.orders.expired").tag("reason", reason).functionCounter().count();
  }

  private double unmatched(String event, String reason) {
    Counter c = registry.find("trader.order.events.unmatched").tags("event", event, "reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  private double errors(String annotation) {
    Counter c = registry.find("tradermetrics.instrumentation.errors").tag("annotation", annotation).counter();
    return c == null ? 0 : c.count();
  }

  private static double millis(Timer timer) {
    return timer.totalTime(TimeUnit.MILLISECONDS);
  }

  @Nested
  class Latencies {

    @Test
    void ackLatencyIsTheTimeFromTheStartOfTheSendToTheAckWithTheSendsLabels() {
      bind();
      venue.duringCall = () -> clock.add(Duration.ofMillis(1)); // writing the order out is part of the round trip
      venue.send(buy(1));
      venue.duringCall = () -> {};
      clock.add(Duration.ofMillis(3));
      venue.onAck(1);

      Timer ack = timer("trader.order.ack.latency", "venue", "bitstamp", "symbol", "BTC/USD", "side", "buy", "outcome", "ack");
      assertThat(ack.count()).isEqualTo(1);
      assertThat(millis(ack)).isEqualTo(4.0);
      assertThat(inflight()).as("an acknowledged order is still in flight until it ends").isEqualTo(1.0);
    }

    @Test
    void anAckHandledBeforeTheSendReturnsIsMatched() {
      bind();
      venue.duringCall = () -> {
        clock.add(Duration.ofNanos(200_000));
        venue.onAck(1); // the venue answered, and another thread handled it, while send was still running
        clock.add(Duration.ofNanos(50_000));
      };
      venue.send(buy(1));

      assertThat(unmatched("ack", "unknown")).isZero();
      assertThat(timer("trader.order.ack.latency", "outcome", "ack").totalTime(TimeUnit.NANOSECONDS)).isEqualTo(200_000.0);
    }

    @Test
    void anIdReadFromTheResultEntersAtTheReturnWithTheStartTime() {
      bind();
      venue.duringCall = () -> clock.add(Duration.ofMillis(2));
      venue.sendWithStringId("MM-1");
      venue.duringCall = () -> {};
      clock.add(Duration.ofMillis(3));
      venue.onAckWithStringId("MM-1");
      assertThat(millis(timer("trader.order.ack.latency", "venue", "binance", "outcome", "ack"))).isEqualTo(5.0);
    }

    @Test
    void partialThenCompleteFillsRecordFirstAndCompleteFromTheSend() {
      bind();
      venue.send(buy(7));
      clock.add(Duration.ofMillis(2));
      venue.onAck(7);
      clock.add(Duration.ofMillis(5));
      venue.onFill(new ExecutionReport(7, 0.2, false));
      clock.add(Duration.ofMillis(4));
      venue.onFill(new ExecutionReport(7, 0.1, false)); // a partial fill between: records nothing
      clock.add(Duration.ofMillis(6));
      venue.onFill(new ExecutionReport(7, 0.2, true));

      Timer first = timer("trader.order.fill.latency", "symbol", "BTC/USD", "side", "buy", "fill", "first");
      Timer complete = timer("trader.order.fill.latency", "symbol", "BTC/USD", "side", "buy", "fill", "complete");
      assertThat(first.count()).isEqualTo(1);
      assertThat(millis(first)).isEqualTo(7.0);
      assertThat(complete.count()).isEqualTo(1);
      assertThat(millis(complete)).isEqualTo(17.0);
      assertThat(inflight()).isZero();
    }

    @Test
    void aSingleFillThatCompletesTheOrderIsBothFirstAndComplete() {
      bind();
      venue.send(buy(8));
      clock.add(Duration.ofMillis(9));
      venue.onFill(new ExecutionReport(8, 0.5, true));

      assertThat(millis(timer("trader.order.fill.latency", "fill", "first"))).isEqualTo(9.0);
      assertThat(millis(timer("trader.order.fill.latency", "fill", "complete"))).isEqualTo(9.0);
      assertThat(inflight()).isZero();
    }

    @Test
    void cancelLatencyRunsFromTheCancelRequestToTheConfirmation() {
      bind();
      venue.send(buy(3));
      clock.add(Duration.ofMillis(1));
      venue.onAck(3);
      clock.add(Duration.ofMillis(40));
      venue.cancel(3);
      clock.add(Duration.ofMillis(2));
      venue.onCancelled(3L);

      Timer cancelled = timer("trader.order.cancel.latency", "venue", "bitstamp", "symbol", "BTC/USD", "side", "buy",
          "outcome", "cancelled");
      assertThat(cancelled.count()).isEqualTo(1);
      assertThat(millis(cancelled)).isEqualTo(2.0);
      assertThat(inflight()).isZero();
    }

    @Test
    void aCancelConfirmationHandledBeforeTheRequestReturnsIsTimedFromTheRequest() {
      bind();
      venue.send(buy(3));
      clock.add(Duration.ofMillis(10));
      venue.duringCall = () -> {
        clock.add(Duration.ofMillis(1));
        venue.onCancelled(3L);
      };
      venue.cancel(3);

      assertThat(unmatched("cancel_sent", "unknown")).isZero();
      assertThat(millis(timer("trader.order.cancel.latency", "outcome", "cancelled"))).isEqualTo(1.0);
    }

    @Test
    void anUnsolicitedCancelIsTimedFromTheSend() {
      bind();
      venue.send(buy(4));
      clock.add(Duration.ofMillis(11));
      venue.onCancelled(4L);
      assertThat(millis(timer("trader.order.cancel.latency", "outcome", "cancelled"))).isEqualTo(11.0);
    }

    @Test
    void aVenueExpiryIsRecordedAsCancelLatencyWithOutcomeExpired() {
      bind();
      venue.send(buy(5));
      clock.add(Duration.ofMillis(25));
      venue.onExpired(5);
      Timer expired = timer("trader.order.cancel.latency", "outcome", "expired");
      assertThat(expired.count()).isEqualTo(1);
      assertThat(millis(expired)).isEqualTo(25.0);
      assertThat(inflight()).isZero();
      assertThat(expired("timeout")).as("not a tradermetrics timeout").isZero();
    }

    @Test
    void aRejectRecordsAckLatencyWithOutcomeRejectedAndEndsTheOrder() {
      bind();
      venue.send(new NewOrder(6, "ETH/USD", Side.SELL, 1));
      clock.add(Duration.ofNanos(1_500_000));
      venue.onReject(6, "post-only would cross");

      Timer rejected = timer("trader.order.ack.latency", "symbol", "ETH/USD", "side", "sell", "outcome", "rejected");
      assertThat(rejected.count()).isEqualTo(1);
      assertThat(millis(rejected)).isEqualTo(1.5);
      assertThat(count("trader.order.ack.latency", "outcome", "ack")).isZero();
      assertThat(inflight()).isZero();
    }

    @Test
    void stringIdsMatchByEqualsAndObjectTypedLongIdsMatchLongIds() {
      bind();
      venue.sendWithStringId("MM-000042");
      clock.add(Duration.ofMillis(3));
      venue.onAckWithStringId(new String("MM-000042")); // equal, not the same instance

      Timer ack = timer("trader.order.ack.latency", "venue", "binance", "symbol", "ETH/USD", "side", "sell", "outcome", "ack");
      assertThat(millis(ack)).isEqualTo(3.0);

      venue.send(buy(9));
      clock.add(Duration.ofMillis(1));
      venue.onCancelled(Long.valueOf(9)); // Object-typed parameter holding a Long
      assertThat(count("trader.order.cancel.latency", "symbol", "BTC/USD")).isEqualTo(1);
      assertThat(unmatched("cancel", "unknown")).isZero();
    }

    @Test
    void aSendThatThrowsStartsNothing() {
      bind();
      assertThatThrownBy(() -> venue.send(new NewOrder(10, "BTC/USD", Side.BUY, 0)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(inflight()).isZero();
      venue.onAck(10);
      assertThat(unmatched("ack", "unknown")).isEqualTo(1.0);
    }
  }

  @Nested
  class InFlightTable {

    @Test
    void ordersWithoutAnEndExpireAfterTheTimeoutAndAreCounted() {
      bind(InstrumentationSettings.builder().ordersTimeout(Duration.ofSeconds(10)));
      venue.send(buy(1));
      clock.add(Duration.ofSeconds(4));
      venue.send(buy(2));
      clock.add(Duration.ofSeconds(7)); // order 1 is 11 s old, order 2 is 7 s old

      assertThat(inflight()).isEqualTo(1.0);
      assertThat(expired("timeout")).isEqualTo(1.0);

      venue.onAck(1);
      assertThat(unmatched("ack", "unknown")).as("an expired order has left the table").isEqualTo(1.0);
      venue.onAck(2);
      assertThat(millis(timer("trader.order.ack.latency", "outcome", "ack"))).isEqualTo(7_000.0);
    }

    @Test
    void ordersExpireOnTheOrderPathWithoutAScrape() {
      bind(InstrumentationSettings.builder().ordersTimeout(Duration.ofSeconds(1)));
      venue.send(buy(1));
      venue.send(buy(2));
      clock.add(Duration.ofSeconds(2));
      venue.send(buy(3)); // sweeps the two timed-out orders before the scrape below reads anything

      Search search = registry.find("trader.orders.expired").tag("reason", "timeout");
      FunctionCounter expired = search.functionCounter();
      assertThat(expired).isNotNull();
      venue.onAck(1);
      assertThat(unmatched("ack", "unknown")).isEqualTo(1.0);
      assertThat(inflight()).isEqualTo(1.0);
      assertThat(expired.count()).isEqualTo(2.0);
    }

    @Test
    void pastItsCapacityTheTableExpiresTheOldestOrders() {
      bind(InstrumentationSettings.builder().ordersCapacity(3));
      for (long id = 1; id <= 5; id++) {
        venue.send(buy(id));
        clock.add(Duration.ofMillis(1));
      }
      assertThat(inflight()).isEqualTo(3.0);
      assertThat(expired("capacity")).isEqualTo(2.0);
      assertThat(expired("timeout")).isZero();

      venue.onAck(1);
      venue.onAck(2);
      venue.onAck(3);
      assertThat(unmatched("ack", "unknown")).isEqualTo(2.0);
      assertThat(count("trader.order.ack.latency", "outcome", "ack")).isEqualTo(1);
      assertThat(millis(timer("trader.order.ack.latency", "outcome", "ack"))).isEqualTo(3.0);
    }

    @Test
    void unknownAndDuplicateEventsAreCountedNotThrown() {
      bind();
      venue.onAck(404);
      venue.onFill(new ExecutionReport(404, 1, false));
      venue.onCancelled(404L);
      venue.send(buy(1));
      venue.send(buy(1));
      venue.onAck(1);
      venue.onAck(1);
      venue.cancel(1);
      venue.cancel(1);
      venue.onFill(new ExecutionReport(1, 0.5, true));
      venue.onCancelled(1L); // too late: the order was filled, and has left the table

      assertThat(unmatched("ack", "unknown")).isEqualTo(1.0);
      assertThat(unmatched("fill", "unknown")).isEqualTo(1.0);
      assertThat(unmatched("cancel", "unknown")).isEqualTo(2.0);
      assertThat(unmatched("sent", "duplicate")).isEqualTo(1.0);
      assertThat(unmatched("ack", "duplicate")).isEqualTo(1.0);
      assertThat(unmatched("cancel_sent", "duplicate")).isEqualTo(1.0);
      assertThat(count("trader.order.ack.latency", "outcome", "ack")).isEqualTo(1);
      assertThat(inflight()).isZero();
      assertThat(errors("@OrderAcked")).isZero();
    }

    @Test
    void aSecondBindOfTheSameRegistryReportsTheNewTable() {
      bind();
      venue.send(buy(1));
      assertThat(inflight()).isEqualTo(1.0);
      bind();
      venue.send(buy(2));
      venue.send(buy(3));
      venue.onAck(1);
      assertThat(unmatched("ack", "unknown")).as("the new table does not hold the old engine's orders").isEqualTo(1.0);
      assertThat(inflight()).isEqualTo(2.0);
      assertThat(registry.find("trader.orders.inflight").gauges()).hasSize(1);
    }

    @Test
    void aSenderAndAReceiverThreadOverAMillionOrdersMatchEveryEvent() throws Exception {
      int orders = 1_000_000;
      int ahead = 10_000;
      // every third order stays in flight: the table holds them all, so nothing leaves for capacity,
      // and the mock clock stands still, so nothing times out; a missed lookup shows as unmatched
      bind(InstrumentationSettings.builder().ordersCapacity(orders / 3 + 2 * ahead));
      AtomicLong lastSent = new AtomicLong();
      AtomicLong lastReceived = new AtomicLong();
      Thread sender = new Thread(() -> {
        NewOrder[] templates = {buy(0), new NewOrder(0, "ETH/USD", Side.SELL, 1)};
        for (long id = 1; id <= orders; id++) {
          while (id - lastReceived.get() > ahead) {
            Thread.yield(); // at most ~10,000 orders ahead of the receiver
          }
          NewOrder t = templates[(int) (id & 1)];
          venue.send(new NewOrder(id, t.symbol(), t.side(), t.quantity()));
          lastSent.lazySet(id);
        }
      }, "sender");
      Thread receiver = new Thread(() -> {
        for (long id = 1; id <= orders; id++) {
          while (lastSent.get() < id) {
            Thread.onSpinWait();
          }
          venue.onAck(id);
          if (id % 3 == 0) {
            venue.cancel(id);
            venue.onCancelled(id);
          } else if (id % 3 == 1) {
            venue.onFill(new ExecutionReport(id, 0.25, false));
            venue.onFill(new ExecutionReport(id, 0.25, true));
          } // else: left in flight
          lastReceived.lazySet(id);
        }
      }, "receiver");
      sender.start();
      receiver.start();
      sender.join(120_000);
      receiver.join(120_000);
      assertThat(sender.isAlive() || receiver.isAlive()).isFalse();

      long cancelled = 0;
      long completed = 0;
      for (long id = 1; id <= orders; id++) {
        if (id % 3 == 0) {
          cancelled++;
        } else if (id % 3 == 1) {
          completed++;
        }
      }
      double unmatched = registry.find("trader.order.events.unmatched").counters().stream()
          .mapToDouble(Counter::count).sum();
      assertThat(unmatched).as("every event found its order").isZero();
      assertThat(count("trader.order.ack.latency", "outcome", "ack")).isEqualTo(orders);
      assertThat(count("trader.order.ack.latency", "outcome", "rejected")).isZero();
      assertThat(count("trader.order.fill.latency", "fill", "first")).isEqualTo(completed);
      assertThat(count("trader.order.fill.latency", "fill", "complete")).isEqualTo(completed);
      assertThat(count("trader.order.cancel.latency", "outcome", "cancelled")).isEqualTo(cancelled);
      assertThat(expired("capacity")).isZero();
      assertThat(expired("timeout")).isZero();
      assertThat(inflight()).isEqualTo(orders - completed - cancelled);
      assertThat(errors("@OrderSent") + errors("@OrderAcked") + errors("@OrderFilled") + errors("@CancelSent")
          + errors("@OrderCancelled")).isZero();
    }
  }

  @Nested
  class TickToTrade {

    @Test
    void anOrderSentWhileHandlingATickRecordsTickToTradeForTheTicksSymbol() {
      bind();
      venue.duringCall = () -> {
        clock.add(Duration.ofNanos(40_000));
        venue.duringCall = () -> {};
        venue.send(buy(1));
        clock.add(Duration.ofNanos(10_000));
        venue.send(buy(2));
      };
      venue.onTick(new Tick("BTC/USD", 0));
      venue.send(buy(3)); // not during a tick

      Timer t2t = timer("trader.tick.to.trade", "symbol", "BTC/USD");
      assertThat(t2t.count()).isEqualTo(2);
      assertThat(t2t.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(40_000 + 50_000);
      assertThat(t2t.max(TimeUnit.NANOSECONDS)).isEqualTo(50_000);
    }

    @Test
    void nestedHandlersCountAsOneTickFromTheOutermostStart() {
      bind();
      venue.duringCall = () -> {
        clock.add(Duration.ofNanos(30_000));
        venue.duringCall = () -> {};
        venue.onTickAt(Instant.ofEpochMilli(clock.wallTime()), () -> {
          clock.add(Duration.ofNanos(5_000));
          venue.send(buy(1));
        });
      };
      venue.onTick(new Tick("BTC/USD", 0));

      assertThat(timer("trader.tick.to.trade", "symbol", "BTC/USD").totalTime(TimeUnit.NANOSECONDS)).isEqualTo(35_000);
      assertThat(registry.find("trader.tick.to.trade").tag("symbol", "ETH/USD").timer()).isNull();
    }

    @Test
    void exchangeTimestampGivesTheDelayAndAFutureTimestampCountsClockSkew() {
      bind();
      long localWallNanos = clock.wallTime() * 1_000_000L;
      venue.onTick(new Tick("BTC/USD", localWallNanos - 2_000_000L));
      venue.onTick(new Tick("BTC/USD", localWallNanos + 500_000L)); // stamped in our future

      Timer delay = timer("trader.market.data.delay", "symbol", "BTC/USD");
      assertThat(delay.count()).isEqualTo(1);
      assertThat(millis(delay)).isEqualTo(2.0);
      assertThat(registry.get("trader.market.data.clock.skew").tag("symbol", "BTC/USD").counter().count()).isEqualTo(1.0);
    }

    @Test
    void anInstantExchangeTimestampIsReadToTheNanosecond() {
      bind();
      clock.add(Duration.ofMillis(10));
      Instant exchange = Instant.ofEpochMilli(clock.wallTime()).minusNanos(1_250_000);
      venue.onTickAt(exchange, () -> {});
      assertThat(timer("trader.market.data.delay", "symbol", "ETH/USD").totalTime(TimeUnit.NANOSECONDS))
          .isEqualTo(1_250_000.0);
    }

    @Test
    void aHandlerThatThrowsStillEndsItsTick() {
      bind();
      venue.duringCall = () -> {
        throw new IllegalStateException("feed gap");
      };
      assertThatThrownBy(() -> venue.onTick(new Tick("BTC/USD", 0))).hasMessage("feed gap");
      venue.duringCall = () -> {};
      venue.send(buy(1));
      assertThat(registry.find("trader.tick.to.trade").timer()).isNull();
    }
  }

  @Nested
  class ARegistryThatRefusesTheLifecycleMeters {

    @Test
    void theAnnotatedMethodsRunAsUsualRecordNothingAndTheFailureIsCountedOnce() {
      registry.config().meterFilter(new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
          if (id.getName().equals("trader.orders.expired")) {
            throw new IllegalStateException("registry refuses " + id.getName());
          }
          return id;
        }
      });
      bind();

      for (int round = 0; round < 3; round++) {
        long id = round + 1;
        venue.send(buy(id));
        venue.onAck(id);
        venue.cancel(id);
        venue.onCancelled(id);
        venue.onFill(new ExecutionReport(id, 0.5, true));
        venue.onTick(new Tick("BTC/USD", 0));
      }
      assertThatThrownBy(() -> venue.send(new NewOrder(9, "BTC/USD", Side.BUY, 0)))
          .as("the method's own exception still comes through").isInstanceOf(IllegalArgumentException.class)
          .hasMessage("quantity must be positive");

      assertThat(errors("@OrderSent")).as("counted once, not per call").isEqualTo(1.0);
      assertThat(registry.find("trader.orders.inflight").meters()).as("the half-registered gauge is removed").isEmpty();
      assertThat(registry.find("trader.order.ack.latency").meters()).isEmpty();
      assertThat(registry.find("trader.order.events.unmatched").meters()).isEmpty();
      assertThat(registry.find("trader.tick.to.trade").meters()).isEmpty();
    }
  }

  @Nested
  class WrongAnnotations {

    @Test
    void validateNamesClassMethodAnnotationAndAttributeOfEveryProblem() {
      assertThatThrownBy(() -> TraderMetrics.validate(MisannotatedVenue.class))
          .isInstanceOf(InstrumentationConfigException.class)
          .hasMessageContaining("@OrderSent on io.tradermetrics.aspects.MisannotatedVenue.sendWithMissingProperty(Report), "
              + "attribute 'orderId': 'clOrdId' is not a property of io.tradermetrics.aspects.MisannotatedVenue$Report")
          .hasMessageContaining("@OrderAcked on io.tradermetrics.aspects.MisannotatedVenue.ackWithDoubleId(Report), "
              + "attribute 'orderId': 'report.price' is a double; expected a long or int client order id")
          .hasMessageContaining("fillWithStringComplete(Report), attribute 'complete': 'report.status' is a java.lang.String; "
              + "expected a boolean")
          .hasMessageContaining("sendAndAck(long)")
          .hasMessageContaining("a method marks one point of an order's life")
          .hasMessageContaining("@MarketDataTick on io.tradermetrics.aspects.MisannotatedVenue.tickReadingResult(), "
              + "attribute 'exchangeTime': 'result' reads the return value");
    }

    @Test
    void aMisannotatedJoinPointRecordsNothingAndCountsItsBindingFailure() {
      bind();
      new MisannotatedVenue().sendWithMissingProperty(new MisannotatedVenue.Report(1, 1, "new"));
      assertThat(errors("@OrderSent")).isEqualTo(1.0);
      Gauge inflight = registry.find("trader.orders.inflight").gauge();
      assertThat(inflight == null ? 0 : inflight.value()).isZero();
    }
  }
}
