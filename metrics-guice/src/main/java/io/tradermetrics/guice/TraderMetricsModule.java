package io.tradermetrics.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.exporter.MetricsServer;

/**
 * The one module a trading application installs to get its annotated methods measured and served.
 *
 * <p>Public bindings:
 * <ul>
 *   <li>{@link PrometheusMeterRegistry}, singleton, also bound as {@link MeterRegistry};</li>
 *   <li>{@link TraderMetricsService}, an eager singleton: when the injector is created it binds the
 *       registry to the woven aspects ({@link io.tradermetrics.aspects.TraderMetrics#bind}) and
 *       starts the {@link MetricsServer} on the configured host and port. Get it from the injector
 *       and {@link TraderMetricsService#close() close} it to stop the server, unbind the aspects and
 *       close the registry.</li>
 * </ul>
 *
 * <p>{@code configure()} only binds; the port is opened when the injector creates the service. A
 * port that cannot be bound fails injector creation with a message naming host and port.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     TraderMetricsModule.builder().port(9464).build(), new MyTradingModule());
 * }</pre>
 */
public final class TraderMetricsModule extends AbstractModule {

  private final Options options;

  private TraderMetricsModule(Options options) {
    this.options = options;
  }

  /** A module with the defaults: exporter on 127.0.0.1:9464, namespace {@code trader}. */
  public static TraderMetricsModule withDefaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void configure() {
    bind(Options.class).toInstance(options);
    bind(TraderMetricsService.class).asEagerSingleton();
  }

  @Provides
  @Singleton
  PrometheusMeterRegistry prometheusMeterRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @Provides
  @Singleton
  MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
    return registry;
  }

  /** What the module was built with. Immutable. */
  record Options(String host, int port, InstrumentationSettings instrumentation) {}

  /** Builds a {@link TraderMetricsModule}. Not thread-safe. */
  public static final class Builder {
    private String host = MetricsServer.DEFAULT_HOST;
    private int port = MetricsServer.DEFAULT_PORT;
    private InstrumentationSettings instrumentation = InstrumentationSettings.defaults();

    private Builder() {}

    /** Optional: the exporter's bind address. Default is {@code 127.0.0.1}. */
    public Builder host(String host) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("host '" + host + "' is not valid: expected an address or host name");
      }
      this.host = host;
      return this;
    }

    /**
     * Optional: the exporter's port. Default is 9464; 0 picks a free port, readable from
     * {@link TraderMetricsService#port()}.
     *
     * @throws IllegalArgumentException unless 0 to 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not valid: expected 0 (any free port) to 65535");
      }
      this.port = port;
      return this;
    }

    /** Optional: namespace, label limits and default buckets. Default is {@link InstrumentationSettings#defaults()}. */
    public Builder instrumentation(InstrumentationSettings settings) {
      this.instrumentation = settings;
      return this;
    }

    /** The module. */
    public TraderMetricsModule build() {
      return new TraderMetricsModule(new Options(host, port, instrumentation));
    }
  }
}
