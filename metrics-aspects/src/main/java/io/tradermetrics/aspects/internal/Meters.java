package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.catalog.MetricDefinition;
import java.util.Arrays;
import java.util.List;

/**
 * Registers the meters of the vocabulary instruments, once per label combination (never per call),
 * and resolves their histogram buckets at binding time.
 */
final class Meters {

  private Meters() {}

  /** The counter of one series of {@code definition}. */
  static Counter counter(Engine engine, MetricDefinition definition, Tags tags) {
    return Counter.builder(engine.name(definition)).description(definition.help()).tags(tags).register(engine.registry);
  }

  /**
   * The cell behind one gauge series, shared by every join point of the engine that sets that
   * series, so that the gauge reads one object whichever join point wrote last.
   */
  static GaugeCell gauge(Engine engine, MetricDefinition definition, Tags tags) {
    String name = engine.name(definition);
    return (GaugeCell) engine.shared(List.of(GaugeCell.class, name, tags),
        () -> new GaugeCell(engine, name, definition.help(), tags));
  }

  /** A histogram of one series of {@code definition} with the given bucket upper bounds (no percentiles). */
  static DistributionSummary histogram(Engine engine, MetricDefinition definition, Tags tags, double[] buckets) {
    return DistributionSummary.builder(engine.name(definition))
        .description(definition.help())
        .tags(tags)
        .serviceLevelObjectives(buckets)
        .minimumExpectedValue(buckets[0])
        .maximumExpectedValue(buckets[buckets.length - 1])
        .register(engine.registry);
  }

  /**
   * The bps buckets of a join point: the annotation's own, else the settings'.
   *
   * @throws io.tradermetrics.aspects.InstrumentationConfigException if the annotation's buckets are not valid
   */
  static double[] bpsBuckets(Engine engine, JoinPointInfo jp, double[] annotationBuckets) {
    if (annotationBuckets.length == 0) {
      return engine.settings.bpsBuckets().stream().mapToDouble(Double::doubleValue).toArray();
    }
    String problem = InstrumentationSettings.bucketProblem(annotationBuckets);
    if (problem != null) {
      throw jp.error("buckets", Arrays.toString(annotationBuckets) + " is not valid: " + problem
          + " (values are in bps, e.g. {1, 2, 5, 10, 20, 50, 100, 200})");
    }
    return annotationBuckets.clone();
  }

  /**
   * The last value of one gauge series, written by the advice and read by the gauge at scrape time.
   * The gauge is registered with the first value set, so that a series never shows a value nobody
   * recorded (a join point with constant labels builds its cell when it is bound). Thread-safe.
   */
  static final class GaugeCell {
    private final Engine engine;
    private final String name;
    private final String help;
    private final Tags tags;
    private volatile double value;
    private volatile boolean registered;

    GaugeCell(Engine engine, String name, String help, Tags tags) {
      this.engine = engine;
      this.name = name;
      this.help = help;
      this.tags = tags;
    }

    void set(double value) {
      this.value = value;
      if (!registered) {
        register();
      }
    }

    private synchronized void register() {
      if (!registered) {
        Gauge.builder(name, this, GaugeCell::get).description(help).tags(tags).strongReference(true)
            .register(engine.registry);
        registered = true;
      }
    }

    double get() {
      return value;
    }
  }
}
