package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradermetrics.aspects.GeneratedAdvice;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.fixtures.AllAnnotations;
import io.tradermetrics.guice.unwoven.UnwovenGateway;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FallbackInterceptorTest {

  private final List<Injector> injectors = new ArrayList<>();

  @AfterEach
  void close() {
    injectors.forEach(i -> i.getInstance(TraderMetricsService.class).close());
  }

  private Injector create(boolean fallback) {
    TraderMetricsModule.Builder builder = TraderMetricsModuleTest.quiet().exporterEnabled(false);
    Injector injector = Guice.createInjector((fallback ? builder.guiceAopFallback() : builder).build());
    injectors.add(injector);
    return injector;
  }

  private static long submits(Injector injector, String venue) {
    return injector.getInstance(MeterRegistry.class).find("trader.order.latency").tag("venue", venue)
        .timers().stream().mapToLong(Timer::count).sum();
  }

  private static List<String> ajcMembers(Class<?> type) {
    return Stream.concat(Stream.of(type.getDeclaredFields()), Stream.of(type.getDeclaredMethods()))
        .map(Member::getName).filter(n -> n.startsWith("ajc$")).toList();
  }

  @Test
  void theUnwovenFixtureCarriesNoAjcMembersAndTheWovenOneDoes() {
    assertThat(ajcMembers(UnwovenGateway.class)).isEmpty();
    assertThat(TraderMetrics.isWoven(UnwovenGateway.class)).isFalse();
    // woven by the advice generated for it (marked on each method) or by the generic advice (its join point constants)
    assertThat(Stream.of(OrderGateway.class.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(GeneratedAdvice.class))
        || ajcMembers(OrderGateway.class).stream().anyMatch(n -> n.startsWith("ajc$tjp_"))).isTrue();
    assertThat(TraderMetrics.isWoven(OrderGateway.class)).isTrue();
  }

  @Test
  void countsACallOfAGuiceBuiltUnwovenObjectOnce() {
    Injector injector = create(true);
    UnwovenGateway gateway = injector.getInstance(UnwovenGateway.class);
    assertThat(gateway.submit("BTC/USDT")).isEqualTo("ack-BTC/USDT");
    assertThat(submits(injector, "binance")).isEqualTo(1);
    assertThat(injector.getInstance(MeterRegistry.class).find("trader.order.latency")
        .tags("symbol", "BTC/USDT", "outcome", "ok").timer()).isNotNull();
  }

  @Test
  void countsACallOfAWovenObjectOnceWithTheFallbackOn() {
    Injector injector = create(true);
    OrderGateway gateway = injector.getInstance(OrderGateway.class);
    assertThat(gateway.getClass()).as("Guice did not subclass the woven class").isEqualTo(OrderGateway.class);
    gateway.submit("BTC/USD");
    assertThat(submits(injector, "kraken")).isEqualTo(1);
  }

  @Test
  void leavesUnwovenObjectsAloneWhenTheFallbackIsOff() {
    Injector injector = create(false);
    injector.getInstance(UnwovenGateway.class).submit("BTC/USDT");
    assertThat(submits(injector, "binance")).isZero();
  }

  @Test
  void appliesAllTwentyAnnotationsToAGuiceBuiltUnwovenObjectTheLifecycleOnesIncluded() {
    assertThat(ajcMembers(AllAnnotations.class)).as("compiled here without weaving").isEmpty();
    Injector injector = create(true);
    AllAnnotations trader = injector.getInstance(AllAnnotations.class);
    assertThat(trader.getClass()).as("Guice subclassed it to intercept").isNotEqualTo(AllAnnotations.class);
    AllAnnotations.callEach(trader);
    assertThat(AllAnnotations.recorded(injector.getInstance(MeterRegistry.class)))
        .containsAllEntriesOf(AllAnnotations.expectedAfterOneRound());
  }

  @Test
  void nestsTheAnnotationsOfOneMethodInTheDeclaredOrderAsTheWovenAdviceDoes() {
    Injector injector = create(true);
    MeterRegistry registry = injector.getInstance(MeterRegistry.class);
    List<String> registered = new ArrayList<>();
    registry.config().onMeterAdded(meter -> registered.add(meter.getId().getName()));
    injector.getInstance(AllAnnotations.class).stacked("ETH/USD");
    // the order OneEngineTest asserts for the woven fixture: each annotation registers its meter when it stops
    assertThat(registered).containsSubsequence("trader.quotes", "trader.orders.cancelled", "trader.order.latency");
  }
}
