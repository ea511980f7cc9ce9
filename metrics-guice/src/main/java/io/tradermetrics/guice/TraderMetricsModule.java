package io.tradermetrics.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.matcher.Matchers;
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
 *       exporter at {@code /health}, {@code /health/live} and {@code /health/ready}. The module adds
 *       {@code instrumentation} (liveness, always UP): how many annotated methods are woven, run by
 *       the fallback, or not applied at all, and which;</li>
 *   <li>{@link TraderMetricsService}, an eager singleton: binds the JVM binders and contributed
 *       binders, hands the registry to the woven aspects and starts the exporter when the injector
 *       is created (or on {@link TraderMetricsService#start()} with
 *       {@code tradermetrics.lifecycle.start = manual}); {@link TraderMetricsService#close()} stops
 *       everything.</li>
 * </ul>
 *
 * <p><b>Configuration</b>, highest precedence first: environment variables named
 * {@code CONFIG_FORCE_tradermetrics_...} ({@link TraderMetricsConfig#environmentOverrides}; on by
 * default, {@link Builder#environmentOverrides(boolean)} turns them off), system properties
 * ({@code -Dtradermetrics.exporter.port=9100}), the builder's setters, the application's
 * {@link Builder#config(Config)} or the configuration file ({@link Builder#configFile},
 * {@link Builder#configResource}, else {@code application.conf} from the class path if there is
 * one), then {@code reference.conf}. The file is read, and every key checked, when the injector is
 * created: an unknown key under {@code tradermetrics.} or a bad value fails injector creation with a
 * {@link TraderMetricsConfigException} naming key, value, origin and what is valid. The module is
 * the one place that reads the environment: overrides, and the credentials and keystore password
 * from the variables the {@code *-env} keys name.
 *
 * <p><b>Startup checks.</b> The module hears every type the injector builds or injects (a Guice
 * {@code TypeListener}) and, when the service starts, checks the annotated methods of those, of the
 * classes of {@code toInstance} and {@code @Provides} bindings, and of
 * {@link Builder#joinPointClasses} and {@code tradermetrics.join-points.classes}: each annotation is
 * validated (a bad one fails {@code createInjector} with the message naming class, method,
 * annotation and attribute, or with {@code join-points.on-error = warn} is logged), each join point
 * is bound at once so that the first order does not bind it on the trading thread (the meter of
 * its label values is still created by the first call that has them: docs/performance.md), and each method is
 * reported woven, fallback or unwoven: one WARN naming the unwoven ones, the {@code instrumentation}
 * health check, and {@code tradermetrics_join_points{state}}. Types Guice first builds later (just
 * in time) are checked when it first meets them, before their first instance.
 *
 * <p>{@code configure()} only binds and does no I/O. With {@link Builder#guiceAopFallback()}, it
 * also binds the method interceptor that instruments un-woven classes (see the builder).
 */
public final class TraderMetricsModule extends AbstractModule {

  private final Source source;
  private final boolean fallback;
  private final List<Class<?>> joinPointClasses;

  private TraderMetricsModule(Source source, boolean fallback, List<Class<?>> joinPointClasses) {
    this.source = source;
    this.fallback = fallback;
    this.joinPointClasses = List.copyOf(joinPointClasses);
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
    // one per injector: hears the types Guice builds, so that the service checks them at its start
    JoinPoints joinPoints = new JoinPoints(fallback, joinPointClasses);
    bindListener(Matchers.any(), joinPoints);
    bind(JoinPoints.class).toInstance(joinPoints);
    Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().toInstance(joinPoints);
    bind(TraderMetricsService.class).asEagerSingleton();
    if (fallback) {
      bindInterceptor(FallbackInterceptor.unwovenClasses(), FallbackInterceptor.annotatedMethods(),
          new FallbackInterceptor());
    }
  }

  @Provides
  @Singleton
  TraderMetricsConfig config(Source source) {
    return TraderMetricsConfig.from(source.load(), source.environment());
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

  /**
   * Where the configuration comes from; loaded when the injector is created, highest precedence
   * first: {@code CONFIG_FORCE_} environment overrides (when on), system properties ({@code -D}),
   * the builder's setters, the application's {@code Config} or file, then {@code reference.conf}.
   * This and {@link TraderMetricsConfig#from(Config, Map)} are the only readers of the environment.
   * Immutable.
   */
  record Source(@Nullable Path file, @Nullable String resource, @Nullable Config application,
      Map<String, String> environment, boolean environmentOverrides, Config code) {

    Config load() {
      Config base;
      try {
        if (application != null) {
          base = application;
        } else if (file != null) {
          base = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } else if (resource != null) {
          base = ConfigFactory.parseResourcesAnySyntax(resource, ConfigParseOptions.defaults().setAllowMissing(false));
        } else {
          base = ConfigFactory.parseResourcesAnySyntax("application");
        }
      } catch (ConfigException e) {
        throw new TraderMetricsConfigException("cannot read the tradermetrics configuration "
            + (file != null ? "file " + file.toAbsolutePath() : "resource " + resource) + ": " + e.getMessage(), e);
      }
      // Typesafe Config's own switch turns the overrides on even when the builder turned them off
      boolean overrides = environmentOverrides || Boolean.getBoolean("config.override_with_env_vars");
      Config env = overrides ? TraderMetricsConfig.environmentOverrides(environment) : ConfigFactory.empty();
      Config layered = ConfigFactory.empty();
      for (Config layer : List.of(env, ConfigFactory.systemProperties(), code, base)) {
        String problem = TraderMetricsConfig.structureProblem(layer);
        if (problem != null) {
          throw new TraderMetricsConfigException("invalid tradermetrics configuration: " + problem);
        }
        layered = layered.withFallback(layer);
      }
      return layered;
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
    private @Nullable Config application;
    private Map<String, String> environment = System.getenv();
    private boolean environmentOverrides = true;
    private boolean fallback;
    private final List<Class<?>> joinPointClasses = new java.util.ArrayList<>();

    private Builder() {}

    private Builder set(ConfigKey key, Object value) {
      return set(key.path(), value);
    }

    private Builder set(String path, Object value) {
      code.put(ConfigKey.ROOT + "." + path, value);
      return this;
    }

    /** Optional: a HOCON, JSON or properties file to read when the injector is created. Default is {@code application.conf} from the class path, if any. */
    public Builder configFile(Path file) {
      this.file = file;
      this.resource = null;
      this.application = null;
      return this;
    }

    /** Optional: a class path resource, e.g. {@code tradermetrics.conf}, read when the injector is created. */
    public Builder configResource(String resource) {
      this.resource = resource;
      this.file = null;
      this.application = null;
      return this;
    }

    /**
     * Optional: the application's own configuration, e.g. {@code ConfigFactory.load()}, read for
     * its {@code tradermetrics} block instead of a file; other blocks are ignored. Default is none
     * (the file, else {@code application.conf}).
     */
    public Builder config(Config config) {
      this.application = config;
      this.file = null;
      this.resource = null;
      return this;
    }

    /**
     * Optional: the environment: variables for {@code CONFIG_FORCE_} overrides and those the
     * {@code *-env} keys name (credentials, keystore password). Default is {@link System#getenv()};
     * tests pass a map.
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /**
     * Optional: whether {@code CONFIG_FORCE_tradermetrics_...} environment variables override the
     * configuration. Default is true (Typesafe Config's own default is false); with false they are
     * ignored unless {@code -Dconfig.override_with_env_vars=true}, Typesafe Config's switch.
     */
    public Builder environmentOverrides(boolean enabled) {
      this.environmentOverrides = enabled;
      return this;
    }

    /** Optional: {@code tradermetrics.namespace}, the meter name prefix. Default is {@code trader}. */
    public Builder namespace(String namespace) {
      return set(InstrumentationProperties.NAMESPACE, namespace);
    }

    /** Optional: adds {@code tradermetrics.common-tags.<key>}, a tag on every meter, e.g. {@code application}, {@code environment}. */
    public Builder commonTag(String key, String value) {
      return set(InstrumentationProperties.COMMON_TAGS.path() + ".\"" + key + "\"", value);
    }

    /** Optional: {@code tradermetrics.exporter.host}, the exporter's bind address. Default is {@code 127.0.0.1}. */
    public Builder host(String host) {
      return set(ExporterProperties.HOST, host);
    }

    /** Optional: {@code tradermetrics.exporter.port}. Default is 9464; 0 picks a free port, readable from {@link TraderMetricsService#port()}. */
    public Builder port(int port) {
      return set(ExporterProperties.PORT, port);
    }

    /** Optional: {@code tradermetrics.exporter.enabled}. Default is true. */
    public Builder exporterEnabled(boolean enabled) {
      return set(ExporterProperties.ENABLED, enabled);
    }

    /** Optional: {@code tradermetrics.labels.value-limit}, distinct values per label and metric. Default is 100. */
    public Builder labelValueLimit(int limit) {
      return set(InstrumentationProperties.LABEL_VALUE_LIMIT, limit);
    }

    /** Optional: {@code tradermetrics.histograms.latency-buckets}, in seconds. Default is the catalog's 0.1 ms to 1 s. */
    public Builder latencyBucketsSeconds(List<Double> buckets) {
      return set(InstrumentationProperties.LATENCY_BUCKETS, List.copyOf(buckets));
    }

    /**
     * Optional: {@code tradermetrics.histograms.bps-buckets}, in basis points: the default buckets of
     * {@code trader_spread_bps} and {@code trader_slippage_bps}. Default is the catalog's 1, 2, 5, 10,
     * 20, 50, 100, 200.
     */
    public Builder bpsBuckets(List<Double> buckets) {
      return set(InstrumentationProperties.BPS_BUCKETS, List.copyOf(buckets));
    }

    /**
     * Optional: {@code tradermetrics.histograms.buckets."<meterName>"}, the buckets of one
     * histogram by Micrometer name, e.g. {@code trader.order.latency}; seconds for timers.
     */
    public Builder histogramBuckets(String meterName, List<Double> buckets) {
      return set(InstrumentationProperties.HISTOGRAM_BUCKETS.path() + ".\"" + meterName + "\"", List.copyOf(buckets));
    }

    /** Optional: {@code tradermetrics.lifecycle.start = manual}: call {@link TraderMetricsService#start()} yourself. */
    public Builder manualStart() {
      return set(LifecycleProperties.START, "manual");
    }

    /** Optional: {@code tradermetrics.lifecycle.shutdown-hook}. Default is false. */
    public Builder shutdownHook(boolean enabled) {
      return set(LifecycleProperties.SHUTDOWN_HOOK, enabled);
    }

    /** Optional: {@code tradermetrics.binders.<key>} for one binder. Default is on for all. */
    public Builder binder(JvmBinder binder, boolean enabled) {
      return set(LifecycleProperties.binder(binder), enabled);
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
      return set(InstrumentationProperties.ORDERS_TIMEOUT, timeout.toMillis() + "ms");
    }

    /** Optional: {@code tradermetrics.orders.capacity}. Default is 100000. */
    public Builder ordersCapacity(int capacity) {
      return set(InstrumentationProperties.ORDERS_CAPACITY, capacity);
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
      set(OtlpProperties.ENABLED, true);
      set(OtlpProperties.URL, url.toString());
      set(OtlpProperties.STEP, step.toMillis() + "ms");
      headers.forEach((k, v) -> set(OtlpProperties.HEADERS.path() + ".\"" + k + "\"", v));
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
      return set(AlertsProperties.ALERTMANAGER_URL, url.toString());
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
     * Optional: classes to check at startup besides those Guice builds or is given
     * ({@code toInstance}, {@code @Provides}): their annotated methods are validated, bound and
     * reported as woven or unwoven when the service starts, e.g. a class the application creates with
     * {@code new}. The configuration's {@code tradermetrics.join-points.classes} adds more by name.
     * Default is none.
     */
    public Builder joinPointClasses(Class<?>... types) {
      joinPointClasses.addAll(List.of(types));
      return this;
    }

    /**
     * Optional: {@code tradermetrics.join-points.on-error}: whether an annotation that cannot be
     * honoured fails injector creation (true, the default) or is logged at WARN and counted in
     * {@code tradermetrics_instrumentation_errors_total} (false).
     */
    public Builder failOnAnnotationError(boolean fail) {
      return set(JoinPointProperties.ON_ERROR, fail ? "fail" : "warn");
    }

    /**
     * Optional: {@code tradermetrics.join-points.on-unwoven}: whether an annotated method that is
     * neither woven nor intercepted fails injector creation (true) or is reported: one WARN naming
     * them, the {@code instrumentation} health detail and {@code tradermetrics_join_points{state="unwoven"}}
     * (false, the default).
     */
    public Builder failOnUnwoven(boolean fail) {
      return set(JoinPointProperties.ON_UNWOVEN, fail ? "fail" : "warn");
    }

    /**
     * The module. The builder's own settings are checked here; the file and the environment when
     * the injector is created.
     *
     * @throws TraderMetricsConfigException if a setter was given a bad value
     */
    public TraderMetricsModule build() {
      Config codeConfig = ConfigFactory.parseMap(code, "TraderMetricsModule.Builder");
      TraderMetricsConfig.from(codeConfig, environment);
      return new TraderMetricsModule(new Source(file, resource, application, environment, environmentOverrides,
          codeConfig), fallback, joinPointClasses);
    }
  }
}
