package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.aspects.StartupFixtures.Fill;
import io.tradermetrics.aspects.StartupFixtures.FillHandler;
import io.tradermetrics.aspects.StartupFixtures.Router;
import io.tradermetrics.aspects.StartupFixtures.SmartRouter;
import io.tradermetrics.aspects.StartupFixtures.TypoDesk;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Startup (prepare), labels per annotation, annotations on interface methods, and bad inputs, on woven classes. */
class StartupTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void bind() {
    TraderMetrics.bind(registry);
  }

  @AfterEach
  void unbind() {
    TraderMetrics.unbind(registry);
  }

  private double counter(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? Double.NaN : c.count();
  }

  private double joinPoints(String state) {
    Gauge g = registry.find("tradermetrics.join.points").tag("state", state).gauge();
    return g == null ? Double.NaN : g.value();
  }

  @Nested
  class Prepare {

    @Test
    void bindsAWovenMethodBeforeItsFirstCallAndCountsItWoven() throws Exception {
      assertThat(FillHandler.class.getDeclaredMethod("onFill", Fill.class).isAnnotationPresent(GeneratedAdvice.class))
          .as("woven by generated advice, bound through its generated join point").isTrue();
      JoinPointReport report = TraderMetrics.prepare(FillHandler.class);

      assertThat(report.states()).containsOnlyKeys(FillHandler.class.getDeclaredMethod("onFill", Fill.class));
      assertThat(report.unwoven()).isEmpty();
      assertThat(report.problems()).isEmpty();
      // bound already: the join point's error counters exist before any call
      assertThat(counter("tradermetrics.instrumentation.errors", "annotation", "@CountFill")).isZero();
      assertThat(counter("tradermetrics.instrumentation.errors", "annotation", "@MeasureSlippage")).isZero();
      assertThat(joinPoints("woven")).isEqualTo(1.0);
      assertThat(joinPoints("unwoven")).isZero();
      assertThat(joinPoints("fallback")).isZero();

      new FillHandler().onFill(new Fill("kraken", "BTC/USD", "buy", 0.5, 100.0, 100.0));
      assertThat(counter("trader.orders.filled", "venue", "kraken")).isEqualTo(1.0);
      assertThat(TraderMetrics.report().states()).hasSize(1);
    }

    @Test
    void aBadAnnotationFailsPrepareWithTheValidateMessageAndBindsNothing() {
      assertThatThrownBy(() -> TraderMetrics.prepare(TypoDesk.class))
          .isInstanceOf(InstrumentationConfigException.class)
          .hasMessageContaining("@Label(\"venu\") on parameter #0 of io.tradermetrics.aspects.StartupFixtures$TypoDesk.onFill(Fill)");
      assertThat(registry.find("tradermetrics.instrumentation.errors").counters()).isEmpty();
      assertThat(TraderMetrics.report().states()).isEmpty();
    }

    @Test
    void withoutFailingABadAnnotationIsReportedAndTheOthersStillRecord() {
      JoinPointReport report = TraderMetrics.prepare(List.of(TypoDesk.class), m -> false, false);
      assertThat(report.problems()).singleElement().asString().contains("'venu' is not a label");
      assertThat(counter("tradermetrics.instrumentation.errors", "annotation", "@Label")).isEqualTo(1.0);

      new TypoDesk().onFill(new Fill("kraken", "BTC/USD", "buy", 0.5, 100.1, 100.0));
      assertThat(counter("trader.orders.filled", "venue", "unknown")).isEqualTo(1.0);
      assertThat(registry.find("trader.slippage.bps").summary().count()).isEqualTo(1);
    }
  }

  @Nested
  class LabelsPerAnnotation {

    @Test
    void eachAnnotationTakesTheLabelsItsMetricHasAndIgnoresTheOthers() {
      TraderMetrics.prepare(FillHandler.class);
      new FillHandler().onFill(new Fill("kraken", "BTC/USD", "buy", 0.5, 100.05, 100.0));

      assertThat(counter("trader.orders.filled", "venue", "kraken", "symbol", "BTC/USD", "side", "buy")).isEqualTo(1.0);
      DistributionSummary slippage = registry.get("trader.slippage.bps").summary();
      assertThat(slippage.getId().getTags()).extracting(t -> t.getKey() + "=" + t.getValue())
          .containsExactlyInAnyOrder("symbol=BTC/USD", "side=buy");
      assertThat(slippage.count()).isEqualTo(1);
      assertThat(slippage.totalAmount()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Nested
  class InterfaceMethods {

    @Test
    void anAnnotationOnAnInterfaceMethodIsAProblemNamingTheImplementation() {
      assertThatThrownBy(() -> TraderMetrics.validate(SmartRouter.class))
          .isInstanceOf(InstrumentationConfigException.class)
          .hasMessage("@TimedOrder on io.tradermetrics.aspects.StartupFixtures$Router.submit(String) is not applied: it is on "
              + "an abstract interface method, and Java does not inherit method annotations, so AspectJ advises only the "
              + "method that runs: put it on io.tradermetrics.aspects.StartupFixtures$SmartRouter.submit(String)");
    }

    @Test
    void theImplementationIsNotAdvised() {
      Router router = new SmartRouter();
      router.submit("BTC/USD");
      assertThat(registry.find("trader.order.latency").timers()).isEmpty();
    }
  }

  @Nested
  class BadInputs {

    @Test
    void aNanPriceCountsTheFillAndItsVolumeButNoNotionalAsTheJavadocSays() {
      TraderMetrics.prepare(FillHandler.class);
      List<String> log = LogCapture.linesDuring(
          () -> new FillHandler().onFill(new Fill("kraken", "BTC/USD", "buy", 0.5, Double.NaN, 100.0)));

      assertThat(counter("trader.orders.filled", "venue", "kraken")).isEqualTo(1.0);
      assertThat(counter("trader.fill.volume", "venue", "kraken")).isEqualTo(0.5);
      assertThat(registry.find("trader.fill.notional").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
      assertThat(counter("tradermetrics.instrumentation.errors", "annotation", "@CountFill")).isEqualTo(1.0);
      assertThat(log).anySatisfy(line -> assertThat(line).contains("WARN").contains("'price' was NaN"));
    }

    @Test
    void aNullFillRecordsNothingAndIsLoggedAsNull() {
      TraderMetrics.prepare(FillHandler.class);
      List<String> log = LogCapture.linesDuring(() -> new FillHandler().onFill(null));

      assertThat(registry.find("trader.orders.filled").counters()).isEmpty();
      assertThat(counter("tradermetrics.instrumentation.errors", "annotation", "@CountFill")).isEqualTo(1.0);
      assertThat(counter("tradermetrics.instrumentation.errors", "annotation", "@MeasureSlippage")).isEqualTo(1.0);
      assertThat(log).anySatisfy(line -> assertThat(line).contains("@CountFill").contains("'quantity' was null (#0.quantity)"));
      assertThat(log).anySatisfy(line -> assertThat(line).contains("@MeasureSlippage").contains("'expected' was null (#0.expected)"));
      assertThat(log).noneSatisfy(line -> assertThat(line).contains("NaN"));
    }
  }
}
