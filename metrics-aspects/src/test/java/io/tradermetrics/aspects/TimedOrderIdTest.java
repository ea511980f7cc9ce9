package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.aspects.VocabularyTrader.Ack;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @TimedOrder(orderId = ...)}: while {@code trader_order_latency_seconds} records a call, the
 * call's order is what an exemplar sampler sees ({@link OrderExemplars}); bad uses are refused at
 * bind, naming the attribute.
 */
class TimedOrderIdTest {

  /**
   * A registry whose timers do what an exemplar sampler does inside a record: ask
   * {@link OrderExemplars} for the order being recorded on this thread (the Guice module's
   * Prometheus registry asks the same through {@code OrderSpanContext}).
   */
  static final class SamplingRegistry extends SimpleMeterRegistry {

    /** One entry per record: the timer's name and operation, and the order id the sampler saw. */
    final List<String> samples = new CopyOnWriteArrayList<>();

    SamplingRegistry(Clock clock) {
      super(SimpleConfig.DEFAULT, clock);
    }

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
      return new CumulativeTimer(id, clock, config, pauseDetector, getBaseTimeUnit(), false) {
        @Override
        protected void recordNonNegative(long amount, TimeUnit unit) {
          super.recordNonNegative(amount, unit);
          samples.add(id.getName() + " " + id.getTag("operation") + " " + id.getTag("outcome") + " order_id="
              + OrderExemplars.currentOrderId());
        }
      };
    }
  }

  private final SamplingRegistry registry = new SamplingRegistry(new MockClock());
  private final VocabularyTrader trader = new VocabularyTrader();

  @BeforeEach
  void bind() {
    TraderMetrics.bind(registry);
  }

  @AfterEach
  void unbind() {
    TraderMetrics.unbind(registry);
  }

  private double errors(String annotation) {
    Counter c = registry.find("tradermetrics.instrumentation.errors").tag("annotation", annotation).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void theSubmitLatencyIsRecordedWithTheReturnedOrdersIdCurrentAndOnlyThen() {
    Ack ack = trader.timedSubmitWithId("BTC/USD", 42L);

    assertThat(ack.orderId()).isEqualTo(42L);
    assertThat(registry.samples).containsExactly("trader.order.latency submit ok order_id=42");
    assertThat(trader.currentDuringCall).as("the id is read from the result, after the body").isNull();
    assertThat(OrderExemplars.isRecording()).as("left after the record").isFalse();
    assertThat(registry.get("trader.order.latency").tags("symbol", "BTC/USD", "venue", "bitstamp").timer().count())
        .isEqualTo(1);
  }

  @Test
  void aStringIdFromAParameterNamesTheCancelledOrder() {
    trader.timedCancelWithTextId("ETH/USD", "mm-7f3a");
    assertThat(registry.samples).containsExactly("trader.order.latency cancel ok order_id=mm-7f3a");
  }

  @Test
  void aNullResultNamesNoOrderAndTheLatencyIsStillRecorded() {
    assertThat(trader.timedSubmitWithId("BTC/USD", -1L)).isNull();
    assertThat(registry.samples).containsExactly("trader.order.latency submit ok order_id=null");
    assertThat(errors("@TimedOrder")).isZero();
  }

  @Test
  void anAsynchronousSubmitWithOrderIdAndANonIdTypeAreRefusedAtBindNamingTheAttribute() {
    String where = "io.tradermetrics.aspects.MisannotatedVocabulary.";
    assertThatThrownBy(() -> TraderMetrics.validate(MisannotatedVocabulary.class))
        .isInstanceOf(InstrumentationConfigException.class)
        .hasMessageContaining("@TimedOrder on " + where + "asyncOrderId(), attribute 'orderId': is given on a method "
            + "returning CompletableFuture; its time is recorded when the stage completes, on another thread")
        .hasMessageContaining("@TimedOrder on " + where + "orderIdIsAPrice(double), attribute 'orderId': "
            + "'#0' is a double; expected a long or int client order id, a String, or an object");
  }

  @Test
  void theRefusedAsynchronousJoinPointRunsNormallyRecordsNothingAndIsCountedOnce() {
    MisannotatedVocabulary bad = new MisannotatedVocabulary();
    List<String> logged = LogCapture.linesDuring(() -> {
      bad.asyncOrderId();
      bad.asyncOrderId();
    });
    assertThat(registry.find("trader.order.latency").timers()).isEmpty();
    assertThat(errors("@TimedOrder")).isEqualTo(1);
    assertThat(logged).anyMatch(l -> l.contains("ERROR") && l.contains("asyncOrderId() records nothing")
        && l.contains("attribute 'orderId'"));
  }
}
