package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradermetrics.exporter.HealthResult;
import io.tradermetrics.exporter.HealthStatus;
import io.tradermetrics.guice.unwoven.MisannotatedDesk;
import io.tradermetrics.guice.unwoven.UnwovenGateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the module checks when the injector is created: the annotated methods of the classes Guice
 * builds are validated, bound at once and reported woven, fallback or unwoven (WARN, health detail,
 * {@code tradermetrics_join_points}). Woven fixture: {@link OrderGateway}; un-woven (javac only):
 * {@link UnwovenGateway}, {@link MisannotatedDesk}.
 */
class StartupChecksTest {

  private final List<Injector> injectors = new ArrayList<>();

  @AfterEach
  void close() {
    injectors.forEach(i -> i.getInstance(TraderMetricsService.class).close());
  }

  private Injector create(TraderMetricsModule.Builder builder, Class<?>... bound) {
    Injector injector = Guice.createInjector(builder.exporterEnabled(false).build(), binding(bound));
    injectors.add(injector);
    return injector;
  }

  private static Module binding(Class<?>... types) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        for (Class<?> type : types) {
          bind(type);
        }
      }
    };
  }

  private static double joinPoints(Injector injector, String state) {
    Gauge gauge = injector.getInstance(MeterRegistry.class).find("tradermetrics.join.points").tag("state", state).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  private static HealthResult instrumentation(Injector injector) throws Exception {
    return injector.getInstance(JoinPoints.class).check();
  }

  /** What slf4j-simple (the tests' logger, on System.err) writes while {@code action} runs. */
  private static <T> List<String> logDuring(Supplier<T> action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.get();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Nested
  class Weaving {

    @Test
    void aWovenBoundClassIsBoundAtStartupAndCountedWoven() throws Exception {
      Injector injector = create(TraderMetricsModuleTest.quiet(), OrderGateway.class);
      MeterRegistry registry = injector.getInstance(MeterRegistry.class);

      assertThat(joinPoints(injector, "woven")).isEqualTo(1.0);
      assertThat(joinPoints(injector, "unwoven")).isZero();
      // bound before the first call: its error counter exists, at zero
      assertThat(registry.get("tradermetrics.instrumentation.errors").tag("annotation", "@TimedOrder").counter().count())
          .isZero();
      injector.getInstance(OrderGateway.class).submit("BTC/USD");
      assertThat(registry.get("trader.order.latency").tag("venue", "kraken").timer().count()).isEqualTo(1);
      assertThat(instrumentation(injector).details()).containsEntry("woven", 1L).doesNotContainKey("unwovenMethods");
    }

    @Test
    void anUnwovenClassWithoutTheFallbackIsOneWarnAHealthDetailAndTheUnwovenGauge() throws Exception {
      Injector[] created = new Injector[1];
      List<String> log = logDuring(() -> created[0] = create(TraderMetricsModuleTest.quiet(), UnwovenGateway.class));
      Injector injector = created[0];

      assertThat(log.stream().filter(l -> l.contains("WARN") && l.contains("not woven"))).singleElement().asString()
          .contains("1 annotated method(s) are not woven, and no interceptor applies them, so they record nothing: "
              + "io.tradermetrics.guice.unwoven.UnwovenGateway.submit(String)");
      assertThat(joinPoints(injector, "unwoven")).isEqualTo(1.0);
      HealthResult health = instrumentation(injector);
      assertThat(health.status()).isEqualTo(HealthStatus.UP);
      assertThat(health.details()).containsEntry("unwoven", 1L)
          .containsEntry("unwovenMethods", List.of("io.tradermetrics.guice.unwoven.UnwovenGateway.submit(String)"));
    }

    @Test
    void anUnwovenClassGuiceBuildsWithTheFallbackOnIsCountedFallbackAndBoundAtStartup() {
      Injector injector = create(TraderMetricsModuleTest.quiet().guiceAopFallback(), UnwovenGateway.class);
      MeterRegistry registry = injector.getInstance(MeterRegistry.class);

      assertThat(joinPoints(injector, "fallback")).isEqualTo(1.0);
      assertThat(joinPoints(injector, "unwoven")).isZero();
      assertThat(registry.get("tradermetrics.instrumentation.errors").tag("annotation", "@TimedOrder").counter().count())
          .isZero();
      injector.getInstance(UnwovenGateway.class).submit("BTC/USDT");
      assertThat(registry.get("trader.order.latency").tag("venue", "binance").timer().count()).isEqualTo(1);
    }

    @Test
    void anInstanceGuiceDidNotBuildIsUnwovenEvenWithTheFallbackOn() {
      Injector injector = Guice.createInjector(TraderMetricsModuleTest.quiet().exporterEnabled(false).guiceAopFallback().build(),
          new AbstractModule() {
            @Override
            protected void configure() {
              bind(UnwovenGateway.class).toInstance(new UnwovenGateway());
            }
          });
      injectors.add(injector);
      assertThat(joinPoints(injector, "unwoven")).isEqualTo(1.0);
      assertThat(joinPoints(injector, "fallback")).isZero();
    }

    @Test
    void onUnwovenFailFailsCreateInjectorNamingTheMethod() {
      assertThatThrownBy(() -> create(TraderMetricsModuleTest.quiet().failOnUnwoven(true), UnwovenGateway.class))
          .isInstanceOf(CreationException.class)
          .hasMessageContaining("annotated method(s) are not woven and no interceptor applies them "
              + "(tradermetrics.join-points.on-unwoven = fail): UnwovenGateway.submit(String)");
    }

    @Test
    void aClassNamedByTheBuilderIsCheckedThoughGuiceNeverBuildsIt() {
      Injector injector = create(TraderMetricsModuleTest.quiet().joinPointClasses(UnwovenGateway.class));
      assertThat(joinPoints(injector, "unwoven")).isEqualTo(1.0);
    }

    @Test
    void aClassNamedInTheConfigurationIsCheckedAndAMissingOneFailsCreation() {
      Injector injector = create(TraderMetricsModuleTest.quiet().environment(Map.of(
          "CONFIG_FORCE_tradermetrics_join__points_classes", OrderGateway.class.getName())));
      assertThat(joinPoints(injector, "woven")).isEqualTo(1.0);

      assertThatThrownBy(() -> create(TraderMetricsModuleTest.quiet().environment(Map.of(
          "CONFIG_FORCE_tradermetrics_join__points_classes", "com.acme.NoSuchRouter"))))
          .isInstanceOf(CreationException.class)
          .hasMessageContaining("tradermetrics.join-points.classes names [NoSuchRouter], not found on the class path")
          .hasMessageContaining("com.acme.NoSuchRouter");
    }
  }

  @Nested
  class Validation {

    @Test
    void aBadAnnotationFailsCreateInjectorWithTheMessageNamingClassMethodAnnotationAndAttribute() {
      assertThatThrownBy(() -> create(TraderMetricsModuleTest.quiet(), MisannotatedDesk.class))
          .isInstanceOf(CreationException.class)
          .hasMessageContaining("@CountFill on MisannotatedDesk.onFill(double), " // Guice shortens class names, with a legend
              + "attribute 'quantity': '#0' is a double, which has no property 'qty'")
          .hasMessageContaining("io.tradermetrics.guice.unwoven.MisannotatedDesk");
    }

    @Test
    void withOnErrorWarnTheInjectorIsCreatedAndTheProblemReported() throws Exception {
      Injector[] created = new Injector[1];
      List<String> log = logDuring(() -> created[0] =
          create(TraderMetricsModuleTest.quiet().failOnAnnotationError(false), MisannotatedDesk.class));
      assertThat(String.join("\n", log)).contains("WARN io.tradermetrics.instrumentation - tradermetrics: 1 annotation(s) "
          + "cannot be honoured and record nothing:\n  @CountFill on io.tradermetrics.guice.unwoven.MisannotatedDesk.onFill(double)");
      assertThat(instrumentation(created[0]).details()).containsEntry("problems", 1);
    }

    @Test
    void aTypeFirstBuiltAfterCreationIsCheckedBeforeItsFirstInstance() {
      Injector injector = create(TraderMetricsModuleTest.quiet());
      assertThatThrownBy(() -> injector.getInstance(MisannotatedDesk.class))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("@CountFill on MisannotatedDesk.onFill(double), attribute 'quantity'");
      injector.getInstance(OrderGateway.class);
      assertThat(joinPoints(injector, "woven")).isEqualTo(1.0);
    }
  }
}
