package io.tradermetrics.guice;

import io.tradermetrics.aspects.TraderClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The registries of one injector: always a Prometheus registry (scraped at {@code /metrics}); with
 * OTLP on, also an OTLP push registry, and then a {@link CompositeMeterRegistry} of both is what is
 * bound as {@link MeterRegistry} and handed to the aspects, so every meter reaches both. Common
 * tags and per-meter buckets are meter filters on each concrete registry; the Prometheus registry
 * also has {@link ProcessorBinder#PROMETHEUS_NAMES}. Thread-safe.
 *
 * <p>{@code io.micrometer:micrometer-registry-otlp} is an optional dependency of metrics-guice: only
 * {@link OtlpRegistry} names its classes, and it is loaded only with OTLP on, so without the jar
 * nothing of it is loaded (nor its protobuf classes) and OTLP on fails injector creation with a
 * message saying which artifact to add.
 */
final class Registries {

  final PrometheusMeterRegistry prometheus;
  /** The OTLP push registry, or null with OTLP off. */
  final @Nullable MeterRegistry otlp;
  final MeterRegistry meterRegistry;

  private Registries(PrometheusMeterRegistry prometheus, @Nullable MeterRegistry otlp, MeterRegistry meterRegistry) {
    this.prometheus = prometheus;
    this.otlp = otlp;
    this.meterRegistry = meterRegistry;
  }

  static Registries create(TraderMetricsConfig config) {
    // TraderClock: Micrometer's per-record window checks read a field instead of the system clock;
    // exemplars: the client order id of lifecycle latencies, and trace ids with OpenTelemetry (OrderSpanContext)
    TraderClock clock = TraderClock.create();
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
        new io.prometheus.metrics.model.registry.PrometheusRegistry(), clock, OrderSpanContext.create());
    prometheus.config().meterFilter(ProcessorBinder.PROMETHEUS_NAMES);
    configure(prometheus, config);
    TraderMetricsConfig.Otlp settings = config.otlp();
    if (settings == null) {
      return new Registries(prometheus, null, prometheus);
    }
    MeterRegistry otlp = OtlpRegistry.create(settings);
    configure(otlp, config);
    // the composite's clock times the annotations; the OTLP registry keeps the system clock for its steps
    CompositeMeterRegistry composite = new CompositeMeterRegistry(clock, List.of(prometheus, otlp));
    return new Registries(prometheus, otlp, composite);
  }

  /** Closes the registries; the OTLP registry pushes once more as it closes. */
  void close() {
    if (meterRegistry != prometheus) {
      meterRegistry.close();
    }
    if (otlp != null) {
      otlp.close();
    }
    prometheus.close();
  }

  private static void configure(MeterRegistry registry, TraderMetricsConfig config) {
    List<Tag> tags = new ArrayList<>();
    config.commonTags().forEach((k, v) -> tags.add(Tag.of(k, v)));
    if (!tags.isEmpty()) {
      registry.config().commonTags(tags);
    }
    if (!config.histogramBuckets().isEmpty()) {
      registry.config().meterFilter(new BucketFilter(config.histogramBuckets()));
    }
  }

  /** Sets the buckets of the histograms named in {@code tradermetrics.histograms.buckets}. */
  private static final class BucketFilter implements MeterFilter {
    private final Map<String, List<Double>> buckets;

    BucketFilter(Map<String, List<Double>> buckets) {
      this.buckets = buckets;
    }

    @Override
    public @Nullable DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
      List<Double> bounds = buckets.get(id.getName());
      if (bounds == null) {
        return config;
      }
      // Micrometer keeps timer bucket bounds in nanoseconds; the configuration gives seconds.
      double scale = id.getType() == Meter.Type.TIMER ? TimeUnit.SECONDS.toNanos(1) : 1.0;
      double[] slos = bounds.stream().mapToDouble(b -> b * scale).toArray();
      return DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config);
    }
  }
}
