package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.tradermetrics.fixtures.AllAnnotations;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault injection on woven code, every annotation: whatever the registry does, no exception reaches
 * the caller, return values are unchanged, log lines are bounded and each join point is bound once.
 */
class FaultInjectionTest {

  private static final int ROUNDS = 300;
  /** Join points of the fixtures times annotations on them: AllAnnotations (23) and OneBadAnnotationEach (20). */
  private static final int ANNOTATIONS = 43;

  private FaultyRegistry registry;

  @AfterEach
  void unbind() {
    TraderMetrics.unbind(registry);
  }

  @ParameterizedTest
  @EnumSource(FaultyRegistry.Fault.class)
  void nothingReachesTheCallerAndLogsAndBindingsAreBounded(FaultyRegistry.Fault fault) {
    registry = new FaultyRegistry(fault, new MockClock());
    TraderMetrics.bind(registry);
    AllAnnotations trader = new AllAnnotations();
    OneBadAnnotationEach bad = new OneBadAnnotationEach();
    List<String> firstRound = LogCapture.linesDuring(() -> round(trader, bad));
    int registrationsAfterFirstRound = registry.registrations.get();
    List<String> laterRounds = LogCapture.linesDuring(() -> {
      for (int round = 1; round < ROUNDS; round++) {
        round(trader, bad);
      }
    });

    List<String> records = firstRound.stream().filter(l -> l.startsWith("[") && l.contains("tradermetrics")).toList();
    assertThat(records).as("%s: at most an ERROR and a WARN per join point and annotation", fault)
        .hasSizeLessThanOrEqualTo(2 * ANNOTATIONS + 2);
    assertThat(laterRounds).as("%s: nothing logged again after the first round (further cases at DEBUG)", fault)
        .isEmpty();
    assertThat(registry.registrations.get()).as("%s: no meter registration is tried again per call: %s", fault,
        registry.registered.subList(registrationsAfterFirstRound, registry.registered.size()))
        .isEqualTo(registrationsAfterFirstRound);
  }

  /** Every annotation once, with bad values and bad annotations, so that the error path itself runs too. */
  private static void round(AllAnnotations trader, OneBadAnnotationEach bad) {
    AllAnnotations.callEach(trader); // throws AssertionError if a return value changed
    trader.fill(new AllAnnotations.Fill("BTC/USD", Double.NaN, 1.0));
    trader.spread("BTC/USD", 101.0, 99.0);
    for (String method : OneBadAnnotationEach.METHODS) {
      bad.call(method);
    }
  }
}
