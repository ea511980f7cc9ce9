package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.catalog.MetricCatalog;
import io.tradermetrics.catalog.MetricDefinition;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@link TimedOrder}: times the call with the registry's monotonic clock and records it into the
 * timer of its labels and outcome. Per call: two clock reads, the label lookup, one
 * {@code Timer.record}; no allocation once the label combination has been seen.
 */
final class TimedOrderInstrument implements Instrument {

  private static final MetricDefinition DEFINITION = MetricCatalog.ORDER_LATENCY;
  private static final List<String> SETTABLE = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);

  private final io.micrometer.core.instrument.Clock clock;
  private final LabelTree<OutcomeTimers> labels;
  private final InstrumentationErrors.Site errors;

  private TimedOrderInstrument(Engine engine, LabelTree<OutcomeTimers> labels, InstrumentationErrors.Site errors) {
    this.clock = engine.clock;
    this.labels = labels;
    this.errors = errors;
  }

  static TimedOrderInstrument bind(Engine engine, JoinPointInfo jp, TimedOrder annotation) {
    double[] buckets = annotation.buckets().length > 0
        ? annotation.buckets()
        : engine.settings.latencyBucketsSeconds().stream().mapToDouble(Double::doubleValue).toArray();
    String problem = InstrumentationSettings.bucketProblem(buckets);
    if (problem != null) {
      throw jp.error("buckets", Arrays.toString(annotation.buckets()) + " is not valid: " + problem
          + " (values are in seconds, e.g. {0.001, 0.005, 0.020})");
    }
    Duration[] slos = Arrays.stream(buckets).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    String name = engine.name(DEFINITION);
    Tags fixed = Tags.of(MetricCatalog.OPERATION, annotation.operation().name().toLowerCase(Locale.ROOT));
    LabelTree<OutcomeTimers> labels = engine.labels(jp, DEFINITION, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol(),
            MetricCatalog.SIDE, annotation.side()),
        fixed, tags -> new OutcomeTimers(engine, name, tags, slos));
    return new TimedOrderInstrument(engine, labels, engine.errors.site(jp.annotationName(), jp.where()));
  }

  @Override
  public int mask() {
    return labels.mask();
  }

  @Override
  public long start() {
    return clock.monotonicTime();
  }

  @Override
  public void stop(long startNanos, @Nullable Object result, @Nullable Throwable error,
      @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    try {
      long elapsedNanos = clock.monotonicTime() - startNanos;
      OutcomeTimers timers = labels.leaf(result, a0, a1, a2, a3, a4, a5);
      Timer timer = error == null ? timers.ok : timers.error(error);
      timer.record(elapsedNanos, TimeUnit.NANOSECONDS);
    } catch (Throwable t) {
      errors.failure(t);
    }
  }

  /** The timers of one label combination: one for {@code ok}, one per exception class for {@code error}. */
  static final class OutcomeTimers {
    private final Engine engine;
    private final String name;
    private final Tags tags;
    private final Duration[] slos;
    final Timer ok;
    private final ConcurrentHashMap<Class<?>, Timer> errors = new ConcurrentHashMap<>();

    OutcomeTimers(Engine engine, String name, Tags tags, Duration[] slos) {
      this.engine = engine;
      this.name = name;
      this.tags = tags;
      this.slos = slos;
      this.ok = timer("ok", MetricCatalog.NONE);
    }

    Timer error(Throwable t) {
      Timer timer = errors.get(t.getClass());
      return timer != null ? timer : errors.computeIfAbsent(t.getClass(), c -> timer("error", c.getSimpleName()));
    }

    private Timer timer(String outcome, String exception) {
      return Timer.builder(name)
          .description(DEFINITION.help())
          .tags(tags)
          .tag(MetricCatalog.OUTCOME, outcome)
          .tag(MetricCatalog.EXCEPTION, exception.isEmpty() ? "anonymous" : exception)
          .serviceLevelObjectives(slos)
          .minimumExpectedValue(slos[0])
          .maximumExpectedValue(slos[slos.length - 1])
          .register(engine.registry);
    }
  }
}
