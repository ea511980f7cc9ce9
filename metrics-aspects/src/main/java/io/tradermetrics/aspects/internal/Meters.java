package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tradermetrics.catalog.MetricCatalog;
import io.tradermetrics.catalog.MetricDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The one place where instrumentation registers meters in the bound registry: once per label
 * combination (never per call), named from the catalog under the engine's namespace. Thread-safe;
 * every method may throw what the registry throws, and its callers (binding, leaf creation) report
 * it.
 */
public final class Meters {

  private final MeterRegistry registry;
  private final String namespace;
  private final ConcurrentHashMap<List<Object>, GaugeCell> gaugeCells = new ConcurrentHashMap<>();

  Meters(MeterRegistry registry, String namespace) {
    this.registry = registry;
    this.namespace = namespace;
  }

  /** The Micrometer name of {@code definition} under this engine's namespace, e.g. {@code trader.order.latency}. */
  public String name(MetricDefinition definition) {
    return definition.meterName(namespace);
  }

  /** The counter of one series of {@code definition}. */
  public Counter counter(MetricDefinition definition, Tags tags) {
    return Counter.builder(name(definition)).description(definition.help()).tags(tags).register(registry);
  }

  /**
   * The cell behind one gauge series, shared by every join point that sets that series, so that the
   * gauge reads one object whichever join point wrote last.
   */
  public GaugeCell gauge(MetricDefinition definition, Tags tags) {
    String name = name(definition);
    return gaugeCells.computeIfAbsent(List.of(name, tags), k -> new GaugeCell(this, name, definition.help(), tags));
  }

  /** A histogram of one series of {@code definition} with the given bucket upper bounds (no percentiles). */
  public DistributionSummary histogram(MetricDefinition definition, Tags tags, double[] buckets) {
    return DistributionSummary.builder(name(definition))
        .description(definition.help())
        .tags(tags)
        .serviceLevelObjectives(buckets)
        .minimumExpectedValue(buckets[0])
        .maximumExpectedValue(buckets[buckets.length - 1])
        .register(registry);
  }

  /** A timer of one series of {@code definition}, its histogram buckets at the given bounds. */
  public Timer timer(MetricDefinition definition, Tags tags, Duration[] buckets) {
    return Timer.builder(name(definition))
        .description(definition.help())
        .tags(tags)
        .serviceLevelObjectives(buckets)
        .minimumExpectedValue(buckets[0])
        .maximumExpectedValue(buckets[buckets.length - 1])
        .register(registry);
  }

  /** A gauge read from {@code state} at scrape time, held strongly; replaces one of the same name. */
  public <T> void stateGauge(MetricDefinition definition, Tags tags, T state, ToDoubleFunction<T> value) {
    Gauge.builder(name(definition), state, value).description(definition.help()).tags(tags)
        .strongReference(true).register(registry);
  }

  /** A counter read from {@code state} at scrape time. */
  public <T> void functionCounter(MetricDefinition definition, Tags tags, T state, ToDoubleFunction<T> count) {
    FunctionCounter.builder(name(definition), state, count).description(definition.help()).tags(tags)
        .register(registry);
  }

  /** Removes every meter of {@code definition} (a new engine on the same registry replacing the old one's). */
  public void removeAll(MetricDefinition definition) {
    for (Meter meter : registry.find(name(definition)).meters()) {
      registry.remove(meter);
    }
  }

  /** {@code tradermetrics_instrumentation_errors_total{annotation}}. */
  Counter instrumentationErrors(String annotation) {
    return Counter.builder(MetricCatalog.INSTRUMENTATION_ERRORS.meterName(""))
        .description(MetricCatalog.INSTRUMENTATION_ERRORS.help())
        .tag(MetricCatalog.ANNOTATION, annotation)
        .register(registry);
  }

  /** {@code tradermetrics_label_overflow_total{metric,label}}. */
  Counter labelOverflow(MetricDefinition definition, String label) {
    return Counter.builder(MetricCatalog.LABEL_OVERFLOW.meterName(""))
        .description(MetricCatalog.LABEL_OVERFLOW.help())
        .tags(MetricCatalog.METRIC, definition.prometheusName(namespace), MetricCatalog.LABEL, label)
        .register(registry);
  }

  /**
   * The last value of one gauge series, written by the advice and read by the gauge at scrape time.
   * The gauge is registered with the first value set, so that a series never shows a value nobody
   * recorded. Thread-safe.
   */
  public static final class GaugeCell {
    private final Meters meters;
    private final String name;
    private final String help;
    private final Tags tags;
    private volatile double value;
    private volatile boolean registered;

    GaugeCell(Meters meters, String name, String help, Tags tags) {
      this.meters = meters;
      this.name = name;
      this.help = help;
      this.tags = tags;
    }

    /** Sets the value; the first call registers the gauge (and throws what the registry throws, once). */
    public void set(double value) {
      this.value = value;
      if (!registered) {
        register();
      }
    }

    /** Registers the gauge once; a registry that refuses it is not asked again (the failure is thrown once). */
    private synchronized void register() {
      if (!registered) {
        try {
          Gauge.builder(name, this, GaugeCell::get).description(help).tags(tags).strongReference(true)
              .register(meters.registry);
        } finally {
          registered = true;
        }
      }
    }

    double get() {
      return value;
    }
  }
}
