package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs what goes wrong inside instrumentation, so that nothing is thrown into trading
 * code: each failure or bad value increments {@code tradermetrics_instrumentation_errors_total}
 * for its annotation, and is logged at WARN the first time for its join point and problem, then at
 * DEBUG. Thread-safe. A repeated problem allocates nothing: each join point remembers what it has
 * warned about by exception class or attribute name, without building a key string per call.
 */
final class InstrumentationErrors {

  private static final Logger LOG = LoggerFactory.getLogger("io.tradermetrics.instrumentation");

  private final MeterRegistry registry;

  InstrumentationErrors(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The error sink of the join point {@code jp}; resolved once, when the join point is bound. */
  Site site(JoinPointInfo jp) {
    return site(jp.annotationName(), jp.where());
  }

  /** The error sink of one join point; resolved once, when the join point is bound. */
  Site site(String annotation, String where) {
    Counter counter = Counter.builder(MetricCatalog.INSTRUMENTATION_ERRORS.meterName(""))
        .description(MetricCatalog.INSTRUMENTATION_ERRORS.help())
        .tag(MetricCatalog.ANNOTATION, annotation)
        .register(registry);
    return new Site(counter, annotation, where);
  }

  /**
   * Counts one failure of {@code annotation} that has no join point of its own (e.g. the order
   * lifecycle's shared table); the caller logs it.
   */
  void count(String annotation) {
    Counter.builder(MetricCatalog.INSTRUMENTATION_ERRORS.meterName(""))
        .description(MetricCatalog.INSTRUMENTATION_ERRORS.help())
        .tag(MetricCatalog.ANNOTATION, annotation)
        .register(registry)
        .increment();
  }

  /** Logs a join point whose annotation was rejected when it was bound, and counts it. */
  void bindingFailed(String annotation, String where, Throwable problem) {
    site(annotation, where).counter.increment();
    LOG.error("tradermetrics: {} on {} records nothing: {}", annotation, where, problem.getMessage(),
        problem instanceof IllegalArgumentException ? null : problem);
  }

  /** The error sink of one join point. Thread-safe; costs nothing until something goes wrong. */
  final class Site {
    private final Counter counter;
    private final String annotation;
    private final String where;
    private final Set<Class<?>> warnedFailures = ConcurrentHashMap.newKeySet();
    private final Set<String> warnedUnusable = ConcurrentHashMap.newKeySet();
    private final Set<String> warnedBad = ConcurrentHashMap.newKeySet();

    private Site(Counter counter, String annotation, String where) {
      this.counter = counter;
      this.annotation = annotation;
      this.where = where;
    }

    /** Something inside the instrumentation threw. */
    void failure(Throwable t) {
      counter.increment();
      if (warnedFailures.add(t.getClass())) {
        LOG.warn("tradermetrics: {} on {} failed to record; the call itself was not affected "
            + "(further failures of this kind here are logged at DEBUG)", annotation, where, t);
      } else if (LOG.isDebugEnabled()) {
        LOG.debug("tradermetrics: {} on {} failed to record", annotation, where, t);
      }
    }

    /** A label value read from the call cannot be used (e.g. a side that is neither buy nor sell). */
    void unusable(String attribute, String why) {
      counter.increment();
      if (warnedUnusable.add(attribute)) {
        LOG.warn("tradermetrics: {} on {}: {}, not recorded (further cases here are logged at DEBUG)",
            annotation, where, why);
      } else if (LOG.isDebugEnabled()) {
        LOG.debug("tradermetrics: {} on {}: {}, not recorded", annotation, where, why);
      }
    }

    /** A value read from the call cannot be recorded (NaN, infinite, out of range). */
    void badValue(String attribute, double value) {
      counter.increment();
      if (warnedBad.add(attribute)) {
        LOG.warn("tradermetrics: {} on {}: '{}' was {}, not recorded "
            + "(further bad values here are logged at DEBUG)", annotation, where, attribute, value);
      } else if (LOG.isDebugEnabled()) {
        LOG.debug("tradermetrics: {} on {}: '{}' was {}, not recorded", annotation, where, attribute, value);
      }
    }
  }
}
