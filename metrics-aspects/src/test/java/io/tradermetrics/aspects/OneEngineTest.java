package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.fixtures.AllAnnotations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The engine as one: every annotation through the same binders, the declared order, validate as run time. */
class OneEngineTest {

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

  @AfterEach
  void unbind() {
    TraderMetrics.unbind(registry);
  }

  @Nested
  class EveryAnnotationWoven {

    @Test
    void oneCallOfEachMethodRecordsEachAnnotationOnceWithItsLabels() {
      TraderMetrics.bind(registry);
      AllAnnotations.callEach(new AllAnnotations());
      assertThat(AllAnnotations.recorded(registry)).containsAllEntriesOf(AllAnnotations.expectedAfterOneRound());
    }

    @Test
    void aSecondRoundDoublesTheCountsSoNoJoinPointIsAdvisedTwice() {
      TraderMetrics.bind(registry);
      AllAnnotations trader = new AllAnnotations();
      AllAnnotations.callEach(trader);
      AllAnnotations.callEach(trader);
      assertThat(AllAnnotations.recorded(registry))
          .containsEntry("trader.orders.cancelled|side=unknown,symbol=BTC/USD,venue=desk", 4.0)
          .containsEntry("trader.quotes|side=unknown,symbol=BTC/USD", 4.0)
          .containsEntry("trader.order.latency|exception=none,operation=submit,outcome=ok,side=unknown,symbol=BTC/USD,venue=desk", 2.0)
          .containsEntry("trader.order.ack.latency|outcome=ack,reason=none,side=unknown,symbol=BTC/USD,venue=desk", 4.0);
    }
  }

  @Nested
  class DeclaredOrder {

    @Test
    void theAnnotationsOfOneMethodStartInTableOrderAndStopInReverse() {
      TraderMetrics.bind(registry);
      List<String> registered = new ArrayList<>();
      registry.config().onMeterAdded(meter -> registered.add(meter.getId().getName()));
      // a new symbol: each annotation registers its meter when it stops, innermost first
      new AllAnnotations().stacked("ETH/USD");
      assertThat(registered).containsSubsequence("trader.quotes", "trader.orders.cancelled", "trader.order.latency");
    }

    @Test
    void everyTimerOfAJoinPointMeasuresTheSameInterval() {
      TraderMetrics.bind(registry);
      new Stacked().timedTwice(clock);
      assertThat(registry.get("trader.order.latency").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
          .isEqualTo(registry.get("trader.call.latency").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
          .isEqualTo(5.0);
    }
  }

  @Nested
  class ValidateIsRunTime {

    @Test
    void eachAnnotationsWrongUseFailsValidateAndLogsTheSameMessageAtItsFirstCallAndRecordsNothing() {
      TraderMetrics.bind(registry);
      String problems;
      try {
        TraderMetrics.validate(OneBadAnnotationEach.class);
        throw new AssertionError("validate passed");
      } catch (InstrumentationConfigException e) {
        problems = e.getMessage();
      }
      OneBadAnnotationEach bad = new OneBadAnnotationEach();
      for (String method : OneBadAnnotationEach.METHODS) {
        List<String> validated = problems.lines()
            .filter(line -> line.contains("OneBadAnnotationEach." + method + "(")).toList();
        assertThat(validated).as("validate reports %s", method).hasSize(1);
        List<String> logged = LogCapture.linesDuring(() -> bad.call(method));
        assertThat(logged).as("the first call of %s logs what validate said", method)
            .anySatisfy(line -> assertThat(line).contains("ERROR").endsWith("records nothing: " + validated.get(0)));
        assertThat(LogCapture.linesDuring(() -> bad.call(method))).as("a second call of %s logs nothing", method)
            .isEmpty();
      }
      assertThat(problems).contains("@CancelSent on io.tradermetrics.aspects.OneBadAnnotationEach.cancelSent(long), "
          + "attribute 'orderId': 'result' reads the return value");
      assertThat(AllAnnotations.recorded(registry)).as("nothing recorded but the errors").allSatisfy((meter, value) ->
          assertThat(value).as(meter).isEqualTo(meter.startsWith("tradermetrics.instrumentation.errors|") ? value : 0.0));
    }

    @Test
    void aWellAnnotatedClassWithEveryAnnotationPassesValidate() {
      TraderMetrics.validate(AllAnnotations.class);
      assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void aBadAnnotationDisablesOnlyItselfNotTheOthersOnTheMethod() {
      TraderMetrics.bind(registry);
      assertThatThrownBy(() -> TraderMetrics.validate(Stacked.class))
          .isInstanceOf(InstrumentationConfigException.class).hasMessageContaining("'up' is not a side");
      new Stacked().fillWithBadSlippageSide(2.0, 100.0);
      assertThat(registry.get("trader.orders.filled").counter().count()).isEqualTo(1.0);
      assertThat(registry.find("trader.slippage.bps").meters()).isEmpty();
    }
  }

  /** Annotations stacked on one method. */
  static class Stacked {

    @io.tradermetrics.annotation.TimedOrder
    @io.tradermetrics.annotation.TimedCall(target = "venue")
    void timedTwice(MockClock clock) {
      clock.add(java.time.Duration.ofMillis(5));
    }

    @io.tradermetrics.annotation.CountFill(quantity = "#0", price = "#1")
    @io.tradermetrics.annotation.MeasureSlippage(expected = "#1", executed = "#1", side = "up")
    void fillWithBadSlippageSide(double quantity, double price) {}
  }
}
