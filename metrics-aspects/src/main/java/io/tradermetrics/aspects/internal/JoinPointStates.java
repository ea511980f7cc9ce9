package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.aspects.JoinPointReport;
import io.tradermetrics.catalog.MetricCatalog;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The annotated methods one engine prepared at startup, each with its state (woven, fallback,
 * unwoven), and the {@code tradermetrics_join_points{state}} gauges that count them. Thread-safe.
 */
final class JoinPointStates {

  private final ConcurrentHashMap<Method, JoinPointReport.State> states = new ConcurrentHashMap<>();
  private boolean gauges; // guarded by this

  void put(Method method, JoinPointReport.State state) {
    states.put(method, state);
  }

  Map<Method, JoinPointReport.State> snapshot() {
    return Map.copyOf(states);
  }

  /**
   * Registers {@code tradermetrics_join_points{state}} once (replacing an earlier engine's on the
   * same registry); a failure is counted and logged, never thrown.
   */
  synchronized void registerGauges(Meters meters, InstrumentationErrors errors) {
    if (gauges) {
      return;
    }
    gauges = true;
    try {
      meters.removeAll(MetricCatalog.JOIN_POINTS);
      for (JoinPointReport.State state : JoinPointReport.State.values()) {
        meters.stateGauge(MetricCatalog.JOIN_POINTS, Tags.of(MetricCatalog.STATE, state.label()), this,
            s -> s.count(state));
      }
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      errors.bindingFailed(errors.site("(tradermetrics)", "tradermetrics_join_points"), t);
    }
  }

  private double count(JoinPointReport.State state) {
    int n = 0;
    for (JoinPointReport.State s : states.values()) {
      if (s == state) {
        n++;
      }
    }
    return n;
  }
}
