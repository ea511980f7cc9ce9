package io.tradermetrics.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradermetrics.exporter.HealthCheck;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one module a trading application installs to get its annotated methods measured and served.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     TraderMetricsModule.builder().configFile(Path.of("tradermetrics.conf")).build(),
 *     new MyTradingModule());
 * }</pre>
 *
 * <p><b>Public bindings:</b>
 * <ul>
 *   <li>{@link TraderMetricsConfig}, singleton: the validated settings;</li>
 *   <li>{@link PrometheusMeterRegistry}, singleton, served at {@code /metrics};</li>
 *   <li>{@link MeterRegistry}, singleton: the Prometheus registry, or with
 *       {@code tradermetrics.otlp.enabled} a {@code CompositeMeterRegistry} of it and the OTLP push
 *       registry. This is the registry the aspects and all binders record into;</li>
 *   <li>{@code Set<MeterBinder>} ({@link Multibinder}): contribute with
 *       {@code Multibinder.newSetBinder(binder(), MeterBinder.class).addBinding().to(...)}; bound to
 *       {@link MeterRegistry} when the injector is created;</li>
 *   <li>{@code Set<HealthCheck>} ({@link Multibinder}): contribute the same way; served by the
 *       exporter at {@code /health}, {@code /health/live} and {@code /health/ready};</li>
 *   <li>{@link TraderMetricsService}, an eager singleton: binds the JVM binders and contributed
 *       binders, hands the registry to the woven aspects and starts the exporter when the injector
 *       is created (or on {@link TraderMetricsService#start()} with
 *       {@code tradermetrics.lifecycle.start = manual}); {@link TraderMetricsService#close()} stops
 *       everything.</li>
 * </ul>
 *
 * <p><b>Configuration</b>, highest precedence first: environment variables named
 * {@code CONFIG_FORCE_tradermetrics_...} ({@link TraderMetricsConfig#environmentOverrides}), the
 * builder's setters, the configuration file ({@link Builder#configFile}, {@link Builder#configResource},
 * else {@code application.conf} from the class path if there is one), then {@code reference.conf}.
 * The file is read, and every key checked, when the injector is created: an unknown key under
 * {@code tradermetrics.} or a bad value fails injector creation with a
 * {@link TraderMetricsConfigException} naming key, value, origin and what is valid.
 *
 * <p>{@code configure()} only binds and does no I/O. With {@link Builder#guiceAopFallback()}, it
 * also binds the method interceptor that instruments un-woven classes (see the builder).
 */
public final class TraderMetricsModule extends AbstractModule {

  private final Source source;
  private final boolean fallback;

  private TraderMetricsModule(Source source, boolean fallback) {
    this.source = source;
    this.fallback = fallback;
  }

  /** A module with the defaults: exporter on 127.0.0.1:9464, namespace {@code trader}, JVM binders on. */
  public static TraderMetricsModule withDefaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void configure() {
    bind(Source.class).toInstance(source);
    Multibinder.newSetBinder(binder(), MeterBinder.class);
    Multibinder.newSetBinder(binder(), HealthCheck.class);
    bind(TraderMetricsService.class).asEagerSingleton();
    if (fallback) {
      bindInterceptor(FallbackInterceptor.unwovenClasses(), FallbackInterceptor.annotatedMethods(),
          new FallbackInterceptor());
    }
  }

  @Provides
  @Singleton
  TraderMetricsConfig config(Source source) {
    return TraderMetricsConfig.from(source.load());
  }

  @Provides
  @Singleton
  Registries registries(TraderMetricsConfig config) {
    return Registries.create(config);
  }

  @Provides
  @Singleton
  PrometheusMeterRegistry prometheusMeterRegistry(Registries registries) {
    return registries.prometheus;
  }

  @Provides
  @Singleton
  MeterRegistry meterRegistry(Registries registries) {
    return registries.meterRegistry;
  }

  /** Where the configuration comes from; loaded when the injector is created. Immutable. */
  record Source(@Nullable Path file, @Nullable String resource, Map<String, String> environment, Config code) {

    Config load() {
      Config fileConfig;
      try {
        if (file != null) {
          fileConfig = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } else if (resource != null) {
          fileConfig = ConfigFactory.parseResourcesAnySyntax(resource, ConfigParseOptions.defaults().setAllowMissing(false));
        } else {
          fileConfig = ConfigFactory.parseResourcesAnySyntax("application");
        }
      } catch (ConfigException e) {
        throw new TraderMetricsConfigException("cannot read the tradermetrics configuration "
            + (file != null ? "file " + file.toAbsolutePath() : "resource " + resource) + ": " + e.getMessage(), e);
      }
      return TraderMetricsConfig.environmentOverrides(environment).withFallback(code).withFallback(fileConfig);
    }
  }

  /**
   * Builds a {@link TraderMetricsModule}. Each setter sets the key named in its javadoc (see
   * {@code docs/configuration.md}); environment overrides still win over it. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Object> code = new LinkedHashMap<>();
    private @Nullable Path file;
    private @Nullable String resource;
    private Map<String, String> environment = System.getenv();
    private boolean fallback;

    private Builder() {}

    private Builder set(String key, Object value) {
      code.put(TraderMetricsConfig.ROOT + "." + key, value);
      return this;
    }

    /** Optional: a HOCON, JSON or properties file to read when the injector is created. Default is {@code application.conf} from the class path, if any. */
    public Builder configFile(Path file) {
      this.file = file;
      this.resource = null;
      return this;
    }

    /** Optional: a class path resource, e.g. {@code tradermetrics.conf}, read when the injector is created. */
    public Builder configResource(String resource) {
      this.resource = resource;
      this.file = null;
      return this;
    }

    /**
     * Optional: the environment variables read for {@code CONFIG_FORCE_} overrides. Default is
     * {@link System#getenv()}; tests pass a map.
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Optional: {@code tradermetrics.namespace}, the meter name prefix. Default is {@code trader}. */
    public Builder namespace(String namespace) {
      return set("namespace", namespace);
    }

    /** Optional: adds {@code tradermetrics.common-tags.<key>}, a tag on every meter, e.g. {@code application}, {@code environment}. */
    public Builder commonTag(String key, String value) {
      return set("common-tags.\"" + key + "\"", value);
    }

    /** Optional: {@code tradermetrics.exporter.host}, the exporter's bind address. Default is {@code 127.0.0.1}. */
    public Builder host(String host) {
      return set("exporter.host", host);
    }

    /** Optional: {@code tradermetrics.exporter.port}. Default is 9464; 0 picks a free port, readable from {@link TraderMetricsService#port()}. */
    public Builder port(int port) {
      return set("exporter.port", port);
    }

    /** Optional: {@code tradermetrics.exporter.enabled}. Default is true. */
    public Builder exporterEnabled(boolean enabled) {
      return set("exporter.enabled", enabled);
    }

    /** Optional: {@code tradermetrics.labels.value-limit}, distinct values per label and metric. Default is 100. */
    public Builder labelValueLimit(int limit) {
      return set("labels.value-limit", limit);
    }

    /** Optional: {@code tradermetrics.histograms.latency-buckets}, in seconds. Default is the catalog's 0.1 ms to 1 s. */
    public Builder latencyBucketsSeconds(List<Double> buckets) {
      return set("histograms.latency-buckets", List.copyOf(buckets));
    }

    /**
     * Optional: {@code tradermetrics.histograms.bps-buckets}, in basis points: the default buckets of
     * {@code trader_spread_bps} and {@code trader_slippage_bps}. Default is the catalog's 1, 2, 5, 10,
     * 20, 50, 100, 200.
     */
    public Builder bpsBuckets(List<Double> buckets) {
      return set("histograms.bps-buckets", List.copyOf(buckets));
    }

    /**
     * Optional: {@code tradermetrics.histograms.buckets."<meterName>"}, the buckets of one
     * histogram by Micrometer name, e.g. {@code trader.order.latency}; seconds for timers.
     */
    public Builder histogramBuckets(String meterName, List<Double> buckets) {
      return set("histograms.buckets.\"" + meterName + "\"", List.copyOf(buckets));
    }

    /** Optional: {@code tradermetrics.lifecycle.start = manual}: call {@link TraderMetricsService#start()} yourself. */
    public Builder manualStart() {
      return set("lifecycle.start", "manual");
    }

    /** Optional: {@code tradermetrics.lifecycle.shutdown-hook}. Default is false. */
    public Builder shutdownHook(boolean enabled) {
      return set("lifecycle.shutdown-hook", enabled);
    }

    /** Optional: {@code tradermetrics.binders.<key>} for one binder. Default is on for all. */
    public Builder binder(JvmBinder binder, boolean enabled) {
      return set("binders." + binder.key(), enabled);
    }

    /** Optional: switches every {@link JvmBinder} on or off. */
    public Builder jvmBinders(boolean enabled) {
      for (JvmBinder binder : JvmBinder.values()) {
        binder(binder, enabled);
      }
      return this;
    }

    /** Optional: {@code tradermetrics.orders.timeout}. Default is 60 s. */
    public Builder ordersTimeout(Duration timeout) {
      return set("orders.timeout", timeout.toMillis() + "ms");
    }

    /** Optional: {@code tradermetrics.orders.capacity}. Default is 100000. */
    public Builder ordersCapacity(int capacity) {
      return set("orders.capacity", capacity);
    }

    /**
     * Optional: pushes every meter to an OpenTelemetry Collector over OTLP/HTTP
     * ({@code tradermetrics.otlp.*}), alongside the Prometheus exporter. Default is off.
     *
     * @param url     e.g. {@code http://collector:4318/v1/metrics}
     * @param step    the push interval
     * @param headers sent with each push, e.g. {@code Authorization}
     */
    public Builder otlp(URI url, Duration step, Map<String, String> headers) {
      set("otlp.enabled", true);
      set("otlp.url", url.toString());
      set("otlp.step", step.toMillis() + "ms");
      headers.forEach((k, v) -> set("otlp.headers.\"" + k + "\"", v));
      return this;
    }

    /**
     * Optional: {@code tradermetrics.alerts.alertmanager-url}: event alerts ({@code @RaiseAlert},
     * {@code Alerts.raise}) are posted to this Alertmanager's {@code /api/v2/alerts}, besides being
     * logged and counted. Default is none (logged and counted only).
     *
     * @param url Alertmanager's base URL, e.g. {@code http://alertmanager:9093}
     */
    public Builder alertmanager(URI url) {
      return set("alerts.alertmanager-url", url.toString());
    }

    /**
     * Optional: the Guice AOP fallback for classes that were not woven. Guice-built objects whose
     * class carries tradermetrics annotations but was not woven by ajc get a method interceptor
     * that records through the same engine; woven classes are left alone, so nothing is counted
     * twice. It cannot see private, final or static methods, calls a class makes to its own
     * methods from its constructor, or objects Guice did not construct ({@code @Provides},
     * {@code toInstance}). Default is off.
     */
    public Builder guiceAopFallback() {
      this.fallback = true;
      return this;
    }

    /**
     * The module. The builder's own settings are checked here; the file and the environment when
     * the injector is created.
     *
     * @throws TraderMetricsConfigException if a setter was given a bad value
     */
    public TraderMetricsModule build() {
      Config codeConfig = ConfigFactory.parseMap(code, "TraderMetricsModule.Builder");
      TraderMetricsConfig.from(codeConfig);
      return new TraderMetricsModule(new Source(file, resource, environment, codeConfig), fallback);
    }
  }
}
