package io.tradermetrics.guice;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.exporter.HealthDetails;
import io.tradermetrics.exporter.TlsKeystore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of {@link TraderMetricsModule}, read from the {@code tradermetrics} block of
 * a Typesafe {@link Config}. Each area has one key table with each key's default, range and rule,
 * written once ({@code ExporterProperties}, {@code InstrumentationProperties},
 * {@code LifecycleProperties}, {@code AlertsProperties}, {@code OtlpProperties},
 * {@code InfoProperties}); this module's {@code reference.conf} and {@code docs/configuration.md}
 * are checked against them by a test.
 *
 * <p>Immutable and thread-safe. Bound in the injector, so other modules can read it (for example
 * {@link #ordersTimeout()} for the order-lifecycle feature).
 */
public final class TraderMetricsConfig {

  /** Where start-up starts the exporter. */
  public enum Start {
    /** The exporter starts when the injector is created (the default). */
    ON_INJECTOR_CREATION,
    /** The application calls {@link TraderMetricsService#start()} itself. */
    MANUAL
  }

  /**
   * Basic authentication on the exporter, when {@code tradermetrics.exporter.auth.enabled} is true,
   * with the credentials read from the environment variables that
   * {@code tradermetrics.exporter.auth.username-env} and {@code password-env} name (the file names
   * the variables, never the credentials). {@link #toString()} hides the password.
   *
   * @param username              the username
   * @param password              the password
   * @param unauthenticatedProbes whether {@code /health/live} and {@code /health/ready} answer without credentials
   */
  public record Auth(String username, String password, boolean unauthenticatedProbes) {
    @Override
    public String toString() {
      return "Auth[username=" + username + ", password=***, unauthenticatedProbes=" + unauthenticatedProbes + "]";
    }
  }

  /**
   * HTTPS on the exporter, when {@code tradermetrics.exporter.tls.enabled} is true.
   *
   * @param keystore the PKCS#12 keystore file ({@code tradermetrics.exporter.tls.keystore})
   * @param loaded   that keystore, loaded and checked with the password from the variable
   *                 {@code tradermetrics.exporter.tls.password-env} names
   */
  public record Tls(java.nio.file.Path keystore, TlsKeystore loaded) {}

  /**
   * The OTLP push settings, when {@code tradermetrics.otlp.enabled} is true.
   *
   * @param url     the collector's OTLP/HTTP metrics endpoint, e.g. {@code http://collector:4318/v1/metrics}
   * @param step    the push interval
   * @param headers HTTP headers sent with every push (e.g. {@code Authorization}); copied
   */
  public record Otlp(URI url, Duration step, Map<String, String> headers) {
    /** Copies {@code headers}. */
    public Otlp {
      headers = Map.copyOf(headers);
    }
  }

  /**
   * What {@code /info} and {@code tradermetrics_build_info} say about the application
   * ({@code tradermetrics.info.*}); {@code null} where the key is empty, and then the service falls
   * back to the class path (see {@link TraderMetricsService}).
   *
   * @param name      the application name; falls back to {@code common-tags.application}
   * @param version   the application version
   * @param buildTime when the application was built
   * @param gitCommit the commit it was built from (hex, 7 to 40 digits)
   */
  public record Info(@Nullable String name, @Nullable String version, @Nullable Instant buildTime,
      @Nullable String gitCommit) {}

  /**
   * Delivery of event alerts ({@code @RaiseAlert}, {@code Alerts.raise}) to Alertmanager, when
   * {@code tradermetrics.alerts.alertmanager-url} is set.
   *
   * @param alertmanagerUrl Alertmanager's base URL; alerts are posted to {@code api/v2/alerts} under it
   * @param queueCapacity   alerts waiting for delivery at most; more are dropped and counted
   * @param timeout         connect and request timeout of one post
   * @param initialBackoff  wait after the first failed post, doubled after each further one
   * @param maxBackoff      longest wait between retries
   * @param resolveAfter    an alert's {@code endsAt} is its time plus this; an alert not delivered by then is given up
   * @param runbookUrl      base of the {@code runbook_url} annotation ({@code <runbookUrl>#<alertname in lower case>}), or empty for none
   * @param labels          labels added to every alert (the common tags, then {@code tradermetrics.alerts.labels}); copied
   */
  public record Alerting(URI alertmanagerUrl, int queueCapacity, Duration timeout, Duration initialBackoff,
      Duration maxBackoff, Duration resolveAfter, String runbookUrl, Map<String, String> labels) {
    /** Copies {@code labels}. */
    public Alerting {
      labels = Map.copyOf(labels);
    }
  }

  static final String ROOT = ConfigKey.ROOT;

  /** Every key of every area. */
  static final List<ConfigKey> KEYS = keys();

  private final InstrumentationProperties instrumentation;
  private final ExporterProperties exporter;
  private final LifecycleProperties lifecycle;
  private final OtlpProperties otlp;
  private final AlertsProperties alerts;
  private final InfoProperties info;
  private final JoinPointProperties joinPoints;

  private TraderMetricsConfig(ConfigReader r) {
    instrumentation = InstrumentationProperties.load(r);
    exporter = ExporterProperties.load(r);
    lifecycle = LifecycleProperties.load(r);
    otlp = OtlpProperties.load(r);
    alerts = AlertsProperties.load(r, instrumentation.commonTags);
    info = InfoProperties.load(r);
    joinPoints = JoinPointProperties.load(r);
  }

  private static List<ConfigKey> keys() {
    List<ConfigKey> all = new ArrayList<>();
    all.addAll(InstrumentationProperties.KEYS);
    all.addAll(ExporterProperties.KEYS);
    all.addAll(LifecycleProperties.KEYS);
    all.addAll(OtlpProperties.KEYS);
    all.addAll(AlertsProperties.KEYS);
    all.addAll(InfoProperties.KEYS);
    all.addAll(JoinPointProperties.KEYS);
    return List.copyOf(all);
  }

  /** The defaults of {@code reference.conf}, with no file and no environment. */
  public static TraderMetricsConfig defaults() {
    return from(ConfigFactory.defaultReference(), Map.of());
  }

  /**
   * Reads and validates the {@code tradermetrics} block of {@code config}, with this module's
   * {@code reference.conf} as fallback for keys {@code config} does not set. Credentials and the
   * keystore password are read from the process environment ({@link System#getenv()}), from the
   * variables the {@code *-env} keys name.
   *
   * @param config a resolved or resolvable Typesafe configuration; keys outside {@code tradermetrics} are ignored
   * @return the settings
   * @throws TraderMetricsConfigException listing every unknown key under {@code tradermetrics.} and
   *     every bad value, each naming the key, the value, where it came from and what is valid; or,
   *     in one line, a {@code tradermetrics} (or one of its sections) that is not an object
   */
  public static TraderMetricsConfig from(Config config) {
    return from(config, System.getenv());
  }

  /** As {@link #from(Config)}, reading the variables named by {@code *-env} keys from {@code environment}. */
  static TraderMetricsConfig from(Config config, Map<String, String> environment) {
    Config merged;
    try {
      merged = config.withFallback(ConfigFactory.defaultReference()).resolve();
    } catch (ConfigException e) {
      throw new TraderMetricsConfigException(e.getMessage(), e);
    }
    String structure = structureProblem(merged);
    if (structure != null) {
      throw new TraderMetricsConfigException("invalid tradermetrics configuration: " + structure);
    }
    ConfigReader reader = new ConfigReader(merged, environment);
    reader.rejectUnknownKeys(KEYS);
    TraderMetricsConfig result = new TraderMetricsConfig(reader);
    if (!reader.problems.isEmpty()) {
      throw new TraderMetricsConfigException("invalid tradermetrics configuration:\n  - "
          + String.join("\n  - ", reader.problems));
    }
    return result;
  }

  /**
   * The first of {@code tradermetrics} and its sections ({@code exporter}, {@code exporter.auth},
   * ...) that {@code config} sets to something that is not an object, as one line; null if none.
   * Checked on each source before they are layered, because a non-object hides what lies below it.
   */
  static @Nullable String structureProblem(Config merged) {
    Set<String> sections = new LinkedHashSet<>();
    sections.add(ROOT);
    for (ConfigKey key : KEYS) {
      String[] parts = key.path().split("\\.");
      StringBuilder prefix = new StringBuilder(ROOT);
      for (int i = 0; i < parts.length - (key.openMap() ? 0 : 1); i++) {
        sections.add(prefix.append('.').append(parts[i]).toString());
      }
    }
    for (String section : sections) {
      if (merged.hasPath(section) && merged.getValue(section).valueType() != ConfigValueType.OBJECT) {
        ConfigValue v = merged.getValue(section);
        return section + " = " + v.render(ConfigRenderOptions.concise())
            + (v.origin() == null ? "" : " (from " + v.origin().description() + ")")
            + " is not valid: expected an object of settings, e.g. " + section + " { ... }";
      }
    }
    return null;
  }

  /**
   * Turns environment variables into configuration with Typesafe Config's {@code CONFIG_FORCE_}
   * convention (as {@link ConfigFactory#systemEnvironmentOverrides()} does, but from any map, so
   * tests need not change the process environment): the prefix is removed, then {@code _} becomes
   * {@code .}, {@code __} becomes {@code -} and {@code ___} becomes {@code _}. For example
   * {@code CONFIG_FORCE_tradermetrics_exporter_port=9100} sets {@code tradermetrics.exporter.port}
   * and {@code CONFIG_FORCE_tradermetrics_labels_value__limit=50} sets
   * {@code tradermetrics.labels.value-limit}. Variables without the prefix are ignored.
   *
   * @param environment variable names to values, e.g. {@link System#getenv()}
   * @return the overrides, with origin "environment variable NAME"
   */
  public static Config environmentOverrides(Map<String, String> environment) {
    Config result = ConfigFactory.empty();
    for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith("CONFIG_FORCE_") || name.length() == "CONFIG_FORCE_".length()) {
        continue;
      }
      String path = envNameToPath(name.substring("CONFIG_FORCE_".length()));
      result = ConfigFactory.parseMap(Map.of(path, e.getValue()), "environment variable " + name)
          .withFallback(result);
    }
    return result;
  }

  private static String envNameToPath(String name) {
    StringBuilder path = new StringBuilder();
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c != '_') {
        path.append(c);
        i++;
        continue;
      }
      int run = 0;
      while (i < name.length() && name.charAt(i) == '_') {
        run++;
        i++;
      }
      switch (run) {
        case 1 -> path.append('.');
        case 2 -> path.append('-');
        default -> path.append('_').append("_".repeat(run - 3));
      }
    }
    return path.toString();
  }

  /** What {@code /info} says about the application ({@code tradermetrics.info.*}). */
  public Info info() {
    return info.info;
  }

  /** Meter name prefix ({@code tradermetrics.namespace}), e.g. {@code trader}. */
  public String namespace() {
    return instrumentation.namespace;
  }

  /** Tags added to every meter ({@code tradermetrics.common-tags}), e.g. {@code application=mm-btc}. Unmodifiable. */
  public Map<String, String> commonTags() {
    return instrumentation.commonTags;
  }

  /** Distinct values per label and metric before further values become {@code other} ({@code tradermetrics.labels.value-limit}). */
  public int labelValueLimit() {
    return instrumentation.labelValueLimit;
  }

  /** Default latency histogram buckets in seconds, or the catalog's when unset ({@code tradermetrics.histograms.latency-buckets}). */
  public List<Double> latencyBucketsSeconds() {
    return instrumentation.latencyBuckets();
  }

  /**
   * Default buckets of the basis-point histograms ({@code trader_spread_bps}, {@code trader_slippage_bps}),
   * or the catalog's 1 to 200 bps when unset ({@code tradermetrics.histograms.bps-buckets}).
   */
  public List<Double> bpsBuckets() {
    return instrumentation.bps();
  }

  /**
   * Histogram buckets per Micrometer meter name ({@code tradermetrics.histograms.buckets}), e.g.
   * {@code trader.order.latency -> [0.001, 0.01]}; in seconds for timers, in the meter's own unit
   * for distribution summaries. Unmodifiable.
   */
  public Map<String, List<Double>> histogramBuckets() {
    return instrumentation.histogramBuckets;
  }

  /** Whether the Prometheus exporter runs ({@code tradermetrics.exporter.enabled}). */
  public boolean exporterEnabled() {
    return exporter.enabled;
  }

  /** The exporter's bind address ({@code tradermetrics.exporter.host}); it resolved when read. */
  public String host() {
    return exporter.host;
  }

  /** The exporter's port, 0 for any free port ({@code tradermetrics.exporter.port}). */
  public int port() {
    return exporter.port;
  }

  /** Threads serving {@code /metrics} scrapes ({@code tradermetrics.exporter.threads}). */
  public int threads() {
    return exporter.threads;
  }

  /** Requests read or answered at once, each on its own thread ({@code tradermetrics.exporter.max-requests}). */
  public int maxRequests() {
    return exporter.maxRequests;
  }

  /** How long a client has to send its request ({@code tradermetrics.exporter.request-timeout}). */
  public Duration requestTimeout() {
    return exporter.requestTimeout;
  }

  /** How long an endpoint has to answer ({@code tradermetrics.exporter.response-timeout}). */
  public Duration responseTimeout() {
    return exporter.responseTimeout;
  }

  /** How long one health request waits for its checks ({@code tradermetrics.exporter.health-check-timeout}). */
  public Duration healthCheckTimeout() {
    return exporter.healthCheckTimeout;
  }

  /** When health answers show details ({@code tradermetrics.exporter.health.show-details}). */
  public HealthDetails healthDetails() {
    return exporter.healthDetails;
  }

  /** Basic authentication of the exporter with its credentials, or null when off ({@code tradermetrics.exporter.auth.*}). */
  public @Nullable Auth auth() {
    return exporter.auth;
  }

  /** HTTPS of the exporter with its checked keystore, or null when off ({@code tradermetrics.exporter.tls.*}). */
  public @Nullable Tls tls() {
    return exporter.tls;
  }

  /** When the exporter starts ({@code tradermetrics.lifecycle.start}). */
  public Start start() {
    return lifecycle.start;
  }

  /** Whether a JVM shutdown hook closes the service ({@code tradermetrics.lifecycle.shutdown-hook}). */
  public boolean shutdownHook() {
    return lifecycle.shutdownHook;
  }

  /** The JVM and process binders switched on ({@code tradermetrics.binders.*}). Unmodifiable. */
  public Set<JvmBinder> binders() {
    return lifecycle.binders;
  }

  /** How long an order may stay open before the order-lifecycle feature counts it as timed out ({@code tradermetrics.orders.timeout}). */
  public Duration ordersTimeout() {
    return instrumentation.ordersTimeout;
  }

  /** The most open orders the order-lifecycle feature tracks at once ({@code tradermetrics.orders.capacity}). */
  public int ordersCapacity() {
    return instrumentation.ordersCapacity;
  }

  /** The OTLP push settings, or null when {@code tradermetrics.otlp.enabled} is false. */
  public @Nullable Otlp otlp() {
    return otlp.otlp;
  }

  /** Delivery of event alerts to Alertmanager, or null when {@code tradermetrics.alerts.alertmanager-url} is empty (alerts are then only logged and counted). */
  public @Nullable Alerting alerting() {
    return alerts.alerting;
  }

  /** The settings the woven aspects use: namespace, label value limit, latency and bps buckets, orders timeout and capacity. */
  public InstrumentationSettings instrumentationSettings() {
    return instrumentation.settings();
  }

  /**
   * Whether an annotation that cannot be honoured fails injector creation
   * ({@code tradermetrics.join-points.on-error = fail}, the default) or is logged and counted ({@code warn}).
   */
  public boolean failOnAnnotationError() {
    return joinPoints.failOnError;
  }

  /**
   * Whether an annotated method that is neither woven nor intercepted fails injector creation
   * ({@code tradermetrics.join-points.on-unwoven = fail}) or is reported (WARN, health detail, gauge:
   * {@code warn}, the default).
   */
  public boolean failOnUnwoven() {
    return joinPoints.failOnUnwoven;
  }

  /** Classes to check at startup besides the injector's ({@code tradermetrics.join-points.classes}), by name. Unmodifiable. */
  public List<String> joinPointClasses() {
    return joinPoints.classes;
  }
}
