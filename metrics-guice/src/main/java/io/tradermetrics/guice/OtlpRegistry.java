package io.tradermetrics.guice;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OTLP push registry: the one class of metrics-guice that names {@code micrometer-registry-otlp},
 * an optional dependency, so that the registry's jar and its protobuf classes are needed only with
 * {@code tradermetrics.otlp.enabled}. Stateless.
 */
final class OtlpRegistry {

  /** The Maven coordinates to add for OTLP, as the error names them. */
  static final String ARTIFACT = "io.micrometer:micrometer-registry-otlp";

  private OtlpRegistry() {}

  /**
   * An OTLP push registry on the system clock.
   *
   * @throws TraderMetricsConfigException if {@code micrometer-registry-otlp} is not on the class path
   */
  static MeterRegistry create(TraderMetricsConfig.Otlp settings) {
    try {
      Class.forName("io.micrometer.registry.otlp.OtlpMeterRegistry", false, OtlpRegistry.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new TraderMetricsConfigException("tradermetrics.otlp.enabled = true needs " + ARTIFACT
          + " on the class path (an optional dependency of metrics-guice): add it to your build, e.g. <dependency><groupId>"
          + "io.micrometer</groupId><artifactId>micrometer-registry-otlp</artifactId></dependency> with the tradermetrics "
          + "BOM imported, or set tradermetrics.otlp.enabled = false");
    }
    return Push.create(settings);
  }

  /** Holds the references to the OTLP classes, resolved only once the check above passed. */
  private static final class Push {
    static MeterRegistry create(TraderMetricsConfig.Otlp settings) {
      return new OtlpMeterRegistry(new OtlpConfig() {
        @Override
        public @Nullable String get(String key) {
          return null;
        }

        @Override
        public String url() {
          return settings.url().toString();
        }

        @Override
        public Duration step() {
          return settings.step();
        }

        @Override
        public Map<String, String> headers() {
          return settings.headers();
        }
      }, Clock.SYSTEM);
    }
  }
}
