package io.tradermetrics.guice;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tradermetrics.alerts.AlertDispatcher;
import io.tradermetrics.alerts.AlertChannel;
import io.tradermetrics.alerts.Alerts;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.exporter.AlertmanagerClient;
import io.tradermetrics.exporter.HealthCheck;
import io.tradermetrics.exporter.MetricsServer;
import com.google.inject.Injector;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The running side of {@link TraderMetricsModule}, one per injector.
 *
 * <p>Created eagerly with the injector: it binds the enabled {@link JvmBinder}s and every contributed
 * {@link MeterBinder} to the registry and, unless {@code tradermetrics.lifecycle.start = manual},
 * {@linkplain #start() starts}: hands the registry to the woven aspects and starts the exporter.
 * With {@code tradermetrics.alerts.alertmanager-url} set, it also starts the {@link AlertDispatcher}
 * that posts event alerts ({@code @RaiseAlert}, {@link Alerts#raise}) to Alertmanager.
 * {@link #close()} undoes all of it (queued alerts get up to 2 s to be delivered) and closes the registries.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} are synchronized; {@link #close()} is
 * idempotent and a closed service cannot be started again.
 */
public final class TraderMetricsService implements AutoCloseable {

  private final TraderMetricsConfig config;
  private final Registries registries;
  private final Set<HealthCheck> healthChecks;
  private final JoinPoints joinPoints;
  private final Injector injector;
  private final List<AutoCloseable> ownBinders = new ArrayList<>();
  private @Nullable MetricsServer server;
  private @Nullable AlertDispatcher alerts;
  private @Nullable Thread shutdownHook;
  private boolean started;
  private boolean closed;

  @Inject
  TraderMetricsService(TraderMetricsConfig config, Registries registries, Set<MeterBinder> contributed,
      Set<HealthCheck> healthChecks, JoinPoints joinPoints, Injector injector) {
    this.config = config;
    this.registries = registries;
    this.healthChecks = Set.copyOf(healthChecks);
    this.joinPoints = joinPoints;
    this.injector = injector;
    MeterRegistry registry = registries.meterRegistry;
    for (JvmBinder binder : config.binders()) {
      MeterBinder created = binder.create();
      created.bindTo(registry);
      if (created instanceof AutoCloseable closeable) {
        ownBinders.add(closeable);
      }
    }
    for (MeterBinder binder : contributed) {
      binder.bindTo(registry);
    }
    if (config.start() == TraderMetricsConfig.Start.ON_INJECTOR_CREATION) {
      start();
    }
  }

  /**
   * Hands the registry to the woven aspects, checks the injector's annotated methods (validated,
   * bound at once, reported woven, fallback or unwoven: see {@link TraderMetricsModule}), and starts
   * the exporter (if {@code tradermetrics.exporter.enabled}); registers the shutdown hook if
   * configured. Does nothing if already started.
   *
   * @throws io.tradermetrics.aspects.InstrumentationConfigException if an annotation cannot be
   *     honoured ({@code tradermetrics.join-points.on-error = fail}, the default) or a method is not
   *     woven ({@code join-points.on-unwoven = fail}); the message names each
   * @throws UncheckedIOException if the exporter's port cannot be bound; the message names host and port
   * @throws IllegalStateException if the service was closed
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("TraderMetricsService was closed; create a new injector to start again");
    }
    if (started) {
      return;
    }
    AlertChannel.registerMeters(registries.meterRegistry);
    TraderMetricsConfig.Alerting alerting = config.alerting();
    if (alerting != null) {
      AlertmanagerClient client = AlertmanagerClient.builder(alerting.alertmanagerUrl()).timeout(alerting.timeout()).build();
      alerts = AlertDispatcher.builder(new AlertmanagerSink(client, alerting), registries.meterRegistry)
          .queueCapacity(alerting.queueCapacity())
          .initialBackoff(alerting.initialBackoff())
          .maxBackoff(alerting.maxBackoff())
          .expireAfter(alerting.resolveAfter())
          .clock(registries.meterRegistry.config().clock())
          .build();
    }
    // one step: the registry, its settings and the alert dispatcher are bound together
    TraderMetrics.bind(registries.meterRegistry, config.instrumentationSettings(), alerts);
    try {
      // validate, bind and report the injector's annotated methods now, not on the first order
      joinPoints.start(config, injector);
    } catch (RuntimeException e) {
      TraderMetrics.unbind(registries.meterRegistry);
      closeAlerts();
      throw e;
    }
    if (config.exporterEnabled()) {
      try {
        server = exporter().buildAndStart();
      } catch (IOException | RuntimeException e) {
        TraderMetrics.unbind(registries.meterRegistry);
        closeAlerts();
        if (e instanceof IOException io) {
          throw new UncheckedIOException(e.getMessage(), io);
        }
        throw (RuntimeException) e;
      }
    }
    if (config.shutdownHook()) {
      Thread hook = new Thread(this::close, "tradermetrics-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      shutdownHook = hook;
    }
    started = true;
  }

  private MetricsServer.Builder exporter() {
    MetricsServer.Builder builder = MetricsServer.builder(registries.prometheus)
        .host(config.host()).port(config.port()).threads(config.threads()).maxRequests(config.maxRequests())
        .requestTimeout(config.requestTimeout()).responseTimeout(config.responseTimeout())
        .healthCheckTimeout(config.healthCheckTimeout()).healthDetails(config.healthDetails())
        .healthChecks(healthChecks);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    BuildInfo info = BuildInfo.resolve(config, loader != null ? loader : TraderMetricsService.class.getClassLoader());
    if (info.name() != null) {
      builder.applicationName(info.name());
    }
    if (info.version() != null) {
      builder.applicationVersion(info.version());
    }
    if (info.buildTime() != null) {
      builder.buildTime(info.buildTime());
    }
    if (info.gitCommit() != null) {
      builder.gitCommit(info.gitCommit());
    }
    TraderMetricsConfig.Auth auth = config.auth();
    if (auth != null) {
      builder.basicAuth(auth.username(), auth.password()).unauthenticatedProbes(auth.unauthenticatedProbes());
    }
    TraderMetricsConfig.Tls tls = config.tls();
    if (tls != null) {
      builder.tls(tls.loaded());
    }
    return builder;
  }

  /** Closes this service's dispatcher (after it tried to deliver what is queued); call after unbinding. */
  private void closeAlerts() {
    AlertDispatcher a = alerts;
    if (a != null) {
      a.close();
      alerts = null;
    }
  }

  /** Whether the service has been started and not closed. */
  public synchronized boolean isRunning() {
    return started && !closed;
  }

  /**
   * The port the exporter listens on; the chosen one when configured with port 0.
   *
   * @throws IllegalStateException if the exporter is not running
   */
  public synchronized int port() {
    return runningServer().port();
  }

  /**
   * The URL of the metrics endpoint, e.g. {@code http://127.0.0.1:9464/metrics}.
   *
   * @throws IllegalStateException if the exporter is not running
   */
  public synchronized URI metricsUri() {
    return runningServer().metricsUri();
  }

  /**
   * The exporter's base URL, e.g. {@code http://127.0.0.1:9464/}; health at {@code health}, info at {@code info}.
   *
   * @throws IllegalStateException if the exporter is not running
   */
  public synchronized URI baseUri() {
    return runningServer().baseUri();
  }

  /** The settings this service runs with. */
  public TraderMetricsConfig config() {
    return config;
  }

  /** The registry meters are recorded into: the Prometheus registry, or with OTLP on the composite of both. */
  public MeterRegistry registry() {
    return registries.meterRegistry;
  }

  /**
   * The health checks served at {@code /health}: those contributed through
   * {@code Multibinder<HealthCheck>} and the module's own {@code instrumentation}. Unmodifiable.
   */
  public Set<HealthCheck> healthChecks() {
    return healthChecks;
  }

  private MetricsServer runningServer() {
    MetricsServer s = server;
    if (s == null || closed) {
      throw new IllegalStateException("the exporter is not running (started: " + started + ", closed: " + closed
          + ", tradermetrics.exporter.enabled: " + config.exporterEnabled() + ")");
    }
    return s;
  }

  /**
   * Stops the exporter, unbinds the aspects from this registry (only if still bound to it, so
   * another injector's binding is left alone), closes the JVM binders and the registries (the OTLP
   * registry pushes once more). Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    MetricsServer s = server;
    if (s != null) {
      s.close();
    }
    TraderMetrics.unbind(registries.meterRegistry);
    closeAlerts();
    for (AutoCloseable binder : ownBinders) {
      try {
        binder.close();
      } catch (Exception e) {
        // a binder that fails to close must not keep the registries open
      }
    }
    registries.close();
    Thread hook = shutdownHook;
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already
      }
    }
  }
}
