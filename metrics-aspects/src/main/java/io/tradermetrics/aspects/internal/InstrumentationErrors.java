package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs what goes wrong inside instrumentation, so that nothing is thrown into trading
 * code: each failure or bad value increments {@code tradermetrics_instrumentation_errors_total}
 * for its annotation, and is logged at WARN the first time for its join point and kind of problem
 * (exception class, or attribute), then at DEBUG: Micrometer's {@code WarnThenDebugLogger} shape,
 * one compare-and-set deciding. A binding that fails is logged once at ERROR (the join point caches
 * its failure, so that is once per join point and annotation).
 *
 * <p>Nothing here throws: a counter that fails to register or to increment, and a logger that
 * fails, are ignored (only {@link Fatal fatal} errors of the JVM pass). A repeated problem allocates
 * nothing. Thread-safe.
 */
public final class InstrumentationErrors {

  static final Logger LOG = LoggerFactory.getLogger("io.tradermetrics.instrumentation");

  private final Meters meters;

  InstrumentationErrors(Meters meters) {
    this.meters = meters;
  }

  /**
   * The error sink of one annotation at one join point, its counter registered now (at binding).
   * Never throws: if the counter cannot be registered, failures are only logged.
   *
   * @param annotation e.g. {@code @CountFill}
   * @param where      e.g. {@code com.acme.MarketMaker.onFill(Fill)}
   */
  Site site(String annotation, String where) {
    return new Site(counter(annotation), annotation, where);
  }

  private @Nullable Counter counter(String annotation) {
    try {
      return meters.instrumentationErrors(annotation);
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      return null;
    }
  }

  /**
   * Counts one failure of {@code annotation} that has no join point of its own (the order
   * lifecycle's shared table); the caller logs it. Never throws.
   */
  void count(String annotation) {
    increment(counter(annotation));
  }

  /**
   * Reports a join point whose annotation was rejected or could not be bound: counted, and logged
   * once at ERROR (the caller caches the failure, so this runs once per join point and annotation).
   * Never throws.
   */
  void bindingFailed(Site site, Throwable problem) {
    increment(site.counter);
    try {
      boolean expected = problem instanceof io.tradermetrics.aspects.InstrumentationConfigException;
      LOG.error("tradermetrics: {} on {} records nothing: {}", site.annotation, site.where,
          expected ? problem.getMessage() : String.valueOf(problem), expected ? null : problem);
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
    }
  }

  private static void increment(@Nullable Counter counter) {
    if (counter == null) {
      return;
    }
    try {
      counter.increment();
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
    }
  }

  /**
   * The error sink of one annotation at one join point. Thread-safe; costs nothing until something
   * goes wrong; never throws.
   */
  public static final class Site {
    private final @Nullable Counter counter;
    final String annotation;
    final String where;
    private final Set<Object> warned = ConcurrentHashMap.newKeySet();

    Site(@Nullable Counter counter, String annotation, String where) {
      this.counter = counter;
      this.annotation = annotation;
      this.where = where;
    }

    /** Whether a problem of this kind is logged at WARN now (the first time), else at DEBUG. */
    private boolean firstTime(Object kind) {
      try {
        return warned.add(kind);
      } catch (Throwable t) {
        Fatal.rethrowIfFatal(t);
        return false;
      }
    }

    /** Something inside the instrumentation threw. */
    public void failure(Throwable problem) {
      increment(counter);
      try {
        if (firstTime(problem.getClass())) {
          LOG.warn("tradermetrics: {} on {} failed to record; the call itself was not affected "
              + "(further failures of this kind here are logged at DEBUG)", annotation, where, problem);
        } else if (LOG.isDebugEnabled()) {
          LOG.debug("tradermetrics: {} on {} failed to record", annotation, where, problem);
        }
      } catch (Throwable t) {
        Fatal.rethrowIfFatal(t);
      }
    }

    /** A value read from the call cannot be used (e.g. a side that is neither buy nor sell). */
    public void unusable(String attribute, String why) {
      report(attribute, why, null, Double.NaN);
    }

    /** A number read from the call cannot be recorded (NaN, infinite, out of range). */
    public void badValue(String attribute, double value) {
      report(attribute, null, "was", value);
    }

    /**
     * A number read from the call cannot be recorded: reported as {@code 'attribute' was null} when
     * the value or an object on its path was null ({@code source} read NaN for it), else as
     * {@code 'attribute' was <value>}. Reads the value once more as an object to tell, only here,
     * on the error path.
     */
    public void badValue(String attribute, double value, ValueSource source, @Nullable Object r, long rb,
        @Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
        @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5) {
      boolean isNull = false;
      if (Double.isNaN(value)) {
        try {
          isNull = source.readsNull(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
        } catch (Throwable t) {
          Fatal.rethrowIfFatal(t);
        }
      }
      if (isNull) {
        report(attribute, null, "was null (" + source + ")", Double.NaN);
      } else {
        badValue(attribute, value);
      }
    }

    /** A value read from the call was null where one is needed (a null fill, a null order id). */
    public void missing(String attribute) {
      report(attribute, null, "was null", Double.NaN);
    }

    /** Counts, and logs without building a message unless it is logged: {@code why}, or {@code 'attribute' verb [value]}. */
    private void report(String attribute, @Nullable String why, @Nullable String verb, double value) {
      increment(counter);
      try {
        boolean warn = firstTime(attribute);
        if (!warn && !LOG.isDebugEnabled()) {
          return;
        }
        String problem = why != null ? why
            : "'" + attribute + "' " + verb + (Double.isNaN(value) && verb.startsWith("was null") ? "" : " " + value);
        if (warn) {
          LOG.warn("tradermetrics: {} on {}: {}, not recorded (further cases of '{}' here are logged at DEBUG)",
              annotation, where, problem, attribute);
        } else {
          LOG.debug("tradermetrics: {} on {}: {}, not recorded", annotation, where, problem);
        }
      } catch (Throwable t) {
        Fatal.rethrowIfFatal(t);
      }
    }
  }
}
