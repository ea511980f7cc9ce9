package io.tradermetrics.guice;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.catalog.MetricCatalog;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of {@link TraderMetricsModule}, read from the {@code tradermetrics} block of
 * a Typesafe {@link Config}. Every key, its default and its unit are listed in
 * {@code docs/configuration.md}; the defaults live in this module's {@code reference.conf}.
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
   * Basic authentication on the exporter, when {@code tradermetrics.exporter.auth.enabled} is true.
   * Only the names of the environment variables holding the credentials are configured, never the
   * credentials themselves.
   *
   * @param usernameEnv           the variable holding the username
   * @param passwordEnv           the variable holding the password
   * @param unauthenticatedProbes whether {@code /health/live} and {@code /health/ready} answer without credentials
   */
  public record Auth(String usernameEnv, String passwordEnv, boolean unauthenticatedProbes) {}

  /**
   * HTTPS on the exporter, when {@code tradermetrics.exporter.tls.enabled} is true.
   *
   * @param keystore    the PKCS#12 keystore with key and certificate
   * @param passwordEnv the environment variable holding the keystore password
   */
  public record Tls(java.nio.file.Path keystore, String passwordEnv) {}

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

  static final String ROOT = "tradermetrics";
  private static final Pattern GIT_COMMIT = Pattern.compile("[0-9a-f]{7,40}");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern TAG_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern METER_NAME = Pattern.compile("[a-z][a-z0-9_.]*");

  /** The leaf keys under {@code tradermetrics.}, each with a sentence saying what is valid. */
  private static final Map<String, String> KEYS = keys();
  /** Keys whose children are free-form (a map of names to values). */
  private static final Set<String> OPEN_MAPS = Set.of("common-tags", "histograms.buckets", "otlp.headers", "alerts.labels");

  private final String namespace;
  private final Map<String, String> commonTags;
  private final int labelValueLimit;
  private final @Nullable List<Double> latencyBucketsSeconds;
  private final @Nullable List<Double> bpsBuckets;
  private final Map<String, List<Double>> histogramBuckets;
  private final boolean exporterEnabled;
  private final String host;
  private final int port;
  private final int threads;
  private final Duration healthCheckTimeout;
  private final @Nullable Auth auth;
  private final @Nullable Tls tls;
  private final Start start;
  private final boolean shutdownHook;
  private final Set<JvmBinder> binders;
  private final Duration ordersTimeout;
  private final int ordersCapacity;
  private final @Nullable Otlp otlp;
  private final Info info;
  private final @Nullable Alerting alerting;

  private TraderMetricsConfig(Reader r) {
    namespace = r.string("namespace", v -> NAMESPACE.matcher(v).matches());
    commonTags = r.stringMap("common-tags", TAG_KEY, "a tag key: letters, digits and '_', not starting with a digit");
    labelValueLimit = r.integer("labels.value-limit", 1, Integer.MAX_VALUE);
    latencyBucketsSeconds = r.config.hasPath(path("histograms.latency-buckets"))
        ? r.buckets("histograms.latency-buckets") : null;
    bpsBuckets = r.config.hasPath(path("histograms.bps-buckets")) ? r.buckets("histograms.bps-buckets") : null;
    histogramBuckets = r.bucketMap("histograms.buckets");
    exporterEnabled = r.bool("exporter.enabled");
    host = r.string("exporter.host", v -> !v.isBlank());
    port = r.integer("exporter.port", 0, 65535);
    threads = r.integer("exporter.threads", 1, 64);
    healthCheckTimeout = r.duration("exporter.health-check-timeout", Duration.ofMillis(1), Duration.ofMinutes(1));
    boolean authOn = r.bool("exporter.auth.enabled");
    String userEnv = r.string("exporter.auth.username-env", v -> ENV_NAME.matcher(v).matches());
    String passEnv = r.string("exporter.auth.password-env", v -> ENV_NAME.matcher(v).matches());
    boolean probes = r.bool("exporter.auth.unauthenticated-probes");
    auth = authOn ? new Auth(userEnv, passEnv, probes) : null;
    boolean tlsOn = r.bool("exporter.tls.enabled");
    String keystore = r.string("exporter.tls.keystore", v -> true);
    if (tlsOn && keystore.isBlank()) {
      r.bad("exporter.tls.keystore", r.value("exporter.tls.keystore"), "the path of a PKCS#12 keystore when tls.enabled is true");
    }
    String tlsPassEnv = r.string("exporter.tls.password-env", v -> ENV_NAME.matcher(v).matches());
    tls = tlsOn && !keystore.isBlank() ? new Tls(java.nio.file.Path.of(keystore), tlsPassEnv) : null;
    start = Start.valueOf(r.choice("lifecycle.start", "on-injector-creation", "manual")
        .toUpperCase(Locale.ROOT).replace('-', '_'));
    shutdownHook = r.bool("lifecycle.shutdown-hook");
    EnumSet<JvmBinder> on = EnumSet.noneOf(JvmBinder.class);
    for (JvmBinder binder : JvmBinder.values()) {
      if (r.bool("binders." + binder.key())) {
        on.add(binder);
      }
    }
    binders = Collections.unmodifiableSet(on);
    ordersTimeout = r.duration("orders.timeout", Duration.ofMillis(1), Duration.ofDays(1));
    ordersCapacity = r.integer("orders.capacity", 1, 100_000_000);
    boolean otlpEnabled = r.bool("otlp.enabled");
    URI url = r.httpUrl("otlp.url");
    Duration step = r.duration("otlp.step", Duration.ofSeconds(1), Duration.ofDays(1));
    Map<String, String> headers = r.stringMap("otlp.headers", Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+"),
        "an HTTP header name");
    otlp = otlpEnabled && url != null ? new Otlp(url, step, headers) : null;
    String amUrl = r.string("alerts.alertmanager-url", v -> true);
    URI am = amUrl.isBlank() ? null : r.httpUrl("alerts.alertmanager-url");
    int queueCapacity = r.integer("alerts.queue-capacity", 1, 1_000_000);
    Duration amTimeout = r.duration("alerts.timeout", Duration.ofMillis(1), Duration.ofMinutes(5));
    Duration initialBackoff = r.duration("alerts.initial-backoff", Duration.ofMillis(1), Duration.ofHours(1));
    Duration maxBackoff = r.duration("alerts.max-backoff", Duration.ofMillis(1), Duration.ofHours(1));
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      r.bad("alerts.max-backoff", r.value("alerts.max-backoff"), "at least alerts.initial-backoff (" + initialBackoff + ")");
    }
    Duration resolveAfter = r.duration("alerts.resolve-after", Duration.ofSeconds(1), Duration.ofDays(7));
    String runbookUrl = r.string("alerts.runbook-url", v -> v.isEmpty() || v.startsWith("http://") || v.startsWith("https://"));
    Map<String, String> alertLabels = new LinkedHashMap<>(commonTags);
    alertLabels.putAll(r.stringMap("alerts.labels", TAG_KEY, "a label name: letters, digits and '_', not starting with a digit"));
    alerting = am == null ? null : new Alerting(am, queueCapacity, amTimeout, initialBackoff, maxBackoff, resolveAfter,
        runbookUrl, alertLabels);
    String buildTime = r.string("info.build-time", v -> v.isEmpty() || parsesAsInstant(v));
    info = new Info(blankToNull(r.string("info.name", v -> true)), blankToNull(r.string("info.version", v -> true)),
        buildTime.isEmpty() || !parsesAsInstant(buildTime) ? null : Instant.parse(buildTime),
        blankToNull(r.string("info.git-commit", v -> v.isEmpty() || GIT_COMMIT.matcher(v).matches())));
  }

  private static boolean parsesAsInstant(String value) {
    try {
      Instant.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static @Nullable String blankToNull(String value) {
    return value.isBlank() ? null : value;
  }

  /** The defaults of {@code reference.conf}, with no file and no environment. */
  public static TraderMetricsConfig defaults() {
    return from(ConfigFactory.defaultReference());
  }

  /**
   * Reads and validates the {@code tradermetrics} block of {@code config}, with this module's
   * {@code reference.conf} as fallback for keys {@code config} does not set.
   *
   * @param config a resolved or resolvable Typesafe configuration; keys outside {@code tradermetrics} are ignored
   * @return the settings
   * @throws TraderMetricsConfigException listing every unknown key under {@code tradermetrics.} and
   *     every bad value, each naming the key, the value, where it came from and what is valid
   */
  public static TraderMetricsConfig from(Config config) {
    Config merged;
    try {
      merged = config.withFallback(ConfigFactory.defaultReference()).resolve();
    } catch (ConfigException e) {
      throw new TraderMetricsConfigException(e.getMessage(), e);
    }
    Reader reader = new Reader(merged);
    reader.rejectUnknownKeys();
    TraderMetricsConfig result = new TraderMetricsConfig(reader);
    if (!reader.problems.isEmpty()) {
      throw new TraderMetricsConfigException("invalid tradermetrics configuration:\n  - "
          + String.join("\n  - ", reader.problems));
    }
    return result;
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

  private static String path(String key) {
    return ROOT + "." + key;
  }

  /** What {@code /info} says about the application ({@code tradermetrics.info.*}). */
  public Info info() {
    return info;
  }

  /** Meter name prefix ({@code tradermetrics.namespace}), e.g. {@code trader}. */
  public String namespace() {
    return namespace;
  }

  /** Tags added to every meter ({@code tradermetrics.common-tags}), e.g. {@code application=mm-btc}. Unmodifiable. */
  public Map<String, String> commonTags() {
    return commonTags;
  }

  /** Distinct values per label and metric before further values become {@code other} ({@code tradermetrics.labels.value-limit}). */
  public int labelValueLimit() {
    return labelValueLimit;
  }

  /** Default latency histogram buckets in seconds, or the catalog's when unset ({@code tradermetrics.histograms.latency-buckets}). */
  public List<Double> latencyBucketsSeconds() {
    return latencyBucketsSeconds != null ? latencyBucketsSeconds : MetricCatalog.DEFAULT_LATENCY_BUCKETS_SECONDS;
  }

  /**
   * Default buckets of the basis-point histograms ({@code trader_spread_bps}, {@code trader_slippage_bps}),
   * or the catalog's 1 to 200 bps when unset ({@code tradermetrics.histograms.bps-buckets}).
   */
  public List<Double> bpsBuckets() {
    return bpsBuckets != null ? bpsBuckets : MetricCatalog.DEFAULT_BPS_BUCKETS;
  }

  /**
   * Histogram buckets per Micrometer meter name ({@code tradermetrics.histograms.buckets}), e.g.
   * {@code trader.order.latency -> [0.001, 0.01]}; in seconds for timers, in the meter's own unit
   * for distribution summaries. Unmodifiable.
   */
  public Map<String, List<Double>> histogramBuckets() {
    return histogramBuckets;
  }

  /** Whether the Prometheus exporter runs ({@code tradermetrics.exporter.enabled}). */
  public boolean exporterEnabled() {
    return exporterEnabled;
  }

  /** The exporter's bind address ({@code tradermetrics.exporter.host}). */
  public String host() {
    return host;
  }

  /** The exporter's port, 0 for any free port ({@code tradermetrics.exporter.port}). */
  public int port() {
    return port;
  }

  /** Threads serving exporter requests ({@code tradermetrics.exporter.threads}). */
  public int threads() {
    return threads;
  }

  /** How long one health request waits for its checks ({@code tradermetrics.exporter.health-check-timeout}). */
  public Duration healthCheckTimeout() {
    return healthCheckTimeout;
  }

  /** Basic authentication of the exporter, or null when off ({@code tradermetrics.exporter.auth.*}). */
  public @Nullable Auth auth() {
    return auth;
  }

  /** HTTPS of the exporter, or null when off ({@code tradermetrics.exporter.tls.*}). */
  public @Nullable Tls tls() {
    return tls;
  }

  /** When the exporter starts ({@code tradermetrics.lifecycle.start}). */
  public Start start() {
    return start;
  }

  /** Whether a JVM shutdown hook closes the service ({@code tradermetrics.lifecycle.shutdown-hook}). */
  public boolean shutdownHook() {
    return shutdownHook;
  }

  /** The JVM and process binders switched on ({@code tradermetrics.binders.*}). Unmodifiable. */
  public Set<JvmBinder> binders() {
    return binders;
  }

  /** How long an order may stay open before the order-lifecycle feature counts it as timed out ({@code tradermetrics.orders.timeout}). */
  public Duration ordersTimeout() {
    return ordersTimeout;
  }

  /** The most open orders the order-lifecycle feature tracks at once ({@code tradermetrics.orders.capacity}). */
  public int ordersCapacity() {
    return ordersCapacity;
  }

  /** The OTLP push settings, or null when {@code tradermetrics.otlp.enabled} is false. */
  public @Nullable Otlp otlp() {
    return otlp;
  }

  /** Delivery of event alerts to Alertmanager, or null when {@code tradermetrics.alerts.alertmanager-url} is empty (alerts are then only logged and counted). */
  public @Nullable Alerting alerting() {
    return alerting;
  }

  /** The settings the woven aspects use: namespace, label value limit, latency and bps buckets, orders timeout and capacity. */
  public InstrumentationSettings instrumentationSettings() {
    return InstrumentationSettings.builder()
        .namespace(namespace)
        .labelValueLimit(labelValueLimit)
        .latencyBucketsSeconds(latencyBucketsSeconds())
        .ordersTimeout(ordersTimeout)
        .ordersCapacity(ordersCapacity)
        .bpsBuckets(bpsBuckets())
        .build();
  }

  private static Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("namespace", "lower-case letters, digits and '_', starting with a letter, e.g. trader");
    k.put("labels.value-limit", "an integer from 1 to " + Integer.MAX_VALUE);
    k.put("histograms.latency-buckets", "a list of seconds, positive and strictly increasing, e.g. [0.001, 0.01, 0.1]");
    k.put("histograms.bps-buckets", "a list of basis points, positive and strictly increasing, e.g. [1, 5, 10, 50]");
    k.put("exporter.enabled", "true or false");
    k.put("exporter.host", "an address or host name, e.g. 127.0.0.1 or 0.0.0.0");
    k.put("exporter.port", "an integer from 0 (any free port) to 65535");
    k.put("exporter.threads", "an integer from 1 to 64");
    k.put("exporter.health-check-timeout", "a duration from 1ms to 1m, e.g. 500ms");
    k.put("exporter.auth.enabled", "true or false");
    k.put("exporter.auth.username-env", "an environment variable name, e.g. TRADERMETRICS_USERNAME");
    k.put("exporter.auth.password-env", "an environment variable name, e.g. TRADERMETRICS_PASSWORD");
    k.put("exporter.auth.unauthenticated-probes", "true or false");
    k.put("exporter.tls.enabled", "true or false");
    k.put("exporter.tls.keystore", "a file path of a PKCS#12 keystore");
    k.put("exporter.tls.password-env", "an environment variable name, e.g. TRADERMETRICS_KEYSTORE_PASSWORD");
    k.put("lifecycle.start", "on-injector-creation or manual");
    k.put("lifecycle.shutdown-hook", "true or false");
    for (JvmBinder binder : JvmBinder.values()) {
      k.put("binders." + binder.key(), "true or false");
    }
    k.put("orders.timeout", "a duration from 1ms to 1d, e.g. 60s or 500ms");
    k.put("orders.capacity", "an integer from 1 to 100000000");
    k.put("alerts.alertmanager-url", "empty (alerts are only logged and counted) or an http or https URL, e.g. http://alertmanager:9093");
    k.put("alerts.queue-capacity", "an integer from 1 to 1000000");
    k.put("alerts.timeout", "a duration from 1ms to 5m, e.g. 5s");
    k.put("alerts.initial-backoff", "a duration from 1ms to 1h, e.g. 500ms");
    k.put("alerts.max-backoff", "a duration from 1ms to 1h, e.g. 30s");
    k.put("alerts.resolve-after", "a duration from 1s to 7d, e.g. 5m");
    k.put("alerts.runbook-url", "empty or an http or https URL, e.g. https://wiki.example.com/runbooks/trading");
    k.put("otlp.enabled", "true or false");
    k.put("otlp.url", "an http or https URL, e.g. http://localhost:4318/v1/metrics");
    k.put("otlp.step", "a duration from 1s to 1d, e.g. 60s");
    k.put("info.name", "a string, e.g. mm-btc; empty for common-tags.application or the class path's build info");
    k.put("info.version", "a string, e.g. 1.4.2; empty for the class path's build info");
    k.put("info.build-time", "an ISO-8601 instant, e.g. 2026-11-21T09:30:00Z; empty for the class path's build info");
    k.put("info.git-commit", "a lower-case hex commit id of 7 to 40 digits, e.g. e1de23f; empty for the class path's git.properties");
    return Collections.unmodifiableMap(k);
  }

  /** Reads keys, collecting every problem instead of stopping at the first. */
  private static final class Reader {
    final Config config;
    final List<String> problems = new ArrayList<>();

    Reader(Config config) {
      this.config = config;
    }

    void rejectUnknownKeys() {
      if (!config.hasPath(ROOT)) {
        return;
      }
      if (config.getValue(ROOT).valueType() != ConfigValueType.OBJECT) {
        problems.add(ROOT + " = " + render(config.getValue(ROOT)) + " is not valid: expected an object");
        return;
      }
      Set<String> known = new TreeSet<>(KEYS.keySet());
      for (Map.Entry<String, ConfigValue> e : config.getConfig(ROOT).entrySet()) {
        String key = e.getKey();
        if (KEYS.containsKey(key) || OPEN_MAPS.stream().anyMatch(m -> key.startsWith(m + "."))) {
          continue;
        }
        problems.add("unknown key " + ROOT + "." + key + " = " + render(e.getValue()) + origin(e.getValue())
            + "; valid keys under " + ROOT + ": " + String.join(", ", known) + ", and the maps "
            + String.join(", ", new TreeSet<>(OPEN_MAPS)));
      }
    }

    String bad(String key, @Nullable ConfigValue value, String expected) {
      String text = path(key) + " = " + (value == null ? "(missing)" : render(value)) + (value == null ? "" : origin(value))
          + " is not valid: expected " + expected;
      problems.add(text);
      return text;
    }

    private static String render(ConfigValue value) {
      return value.render(com.typesafe.config.ConfigRenderOptions.concise());
    }

    private static String origin(ConfigValue value) {
      return value.origin() == null ? "" : " (from " + value.origin().description() + ")";
    }

    @Nullable ConfigValue value(String key) {
      return config.hasPath(path(key)) ? config.getValue(path(key)) : null;
    }

    String string(String key, java.util.function.Predicate<String> valid) {
      ConfigValue v = value(key);
      if (v == null || v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
        bad(key, v, KEYS.get(key));
        return "";
      }
      String s = String.valueOf(v.unwrapped());
      if (!valid.test(s)) {
        bad(key, v, KEYS.get(key));
      }
      return s;
    }

    String choice(String key, String... allowed) {
      String s = string(key, v -> List.of(allowed).contains(v));
      return List.of(allowed).contains(s) ? s : allowed[0];
    }

    boolean bool(String key) {
      try {
        return config.getBoolean(path(key));
      } catch (ConfigException e) {
        bad(key, value(key), KEYS.get(key));
        return false;
      }
    }

    int integer(String key, int min, int max) {
      try {
        long n = config.getLong(path(key));
        if (n >= min && n <= max) {
          return (int) n;
        }
      } catch (ConfigException e) {
        // reported below
      }
      bad(key, value(key), KEYS.get(key));
      return min;
    }

    Duration duration(String key, Duration min, Duration max) {
      try {
        Duration d = config.getDuration(path(key));
        if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
          return d;
        }
      } catch (ConfigException e) {
        // reported below
      }
      bad(key, value(key), KEYS.get(key));
      return min;
    }

    @Nullable URI httpUrl(String key) {
      String s = string(key, v -> true);
      try {
        URI uri = URI.create(s);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return uri;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      bad(key, value(key), KEYS.get(key));
      return null;
    }

    /** A list of numbers, or a comma-separated string of them (as an environment variable gives). */
    List<Double> buckets(String key) {
      ConfigValue v = value(key);
      String expected = KEYS.getOrDefault(key,
          "a list of positive, strictly increasing numbers (seconds for timers), e.g. [0.001, 0.01, 0.1]");
      List<Double> out = new ArrayList<>();
      try {
        if (v != null && v.valueType() == ConfigValueType.STRING) {
          for (String part : ((String) v.unwrapped()).split(",")) {
            out.add(Double.parseDouble(part.trim()));
          }
        } else {
          out.addAll(config.getDoubleList(path(key)));
        }
      } catch (ConfigException | NumberFormatException e) {
        bad(key, v, expected);
        return List.of();
      }
      String problem = InstrumentationSettings.bucketProblem(out.stream().mapToDouble(Double::doubleValue).toArray());
      if (problem != null) {
        bad(key, v, expected + " (" + problem + ")");
        return List.of();
      }
      return List.copyOf(out);
    }

    Map<String, List<Double>> bucketMap(String key) {
      Map<String, List<Double>> out = new TreeMap<>();
      for (Map.Entry<String, ConfigValue> e : object(key).entrySet()) {
        String name = e.getKey();
        if (!METER_NAME.matcher(name).matches()) {
          bad(key + ".\"" + name + "\"", e.getValue(),
              "a Micrometer meter name as key (lower-case, dot-separated, e.g. \"trader.order.latency\")");
          continue;
        }
        List<Double> buckets = buckets(key + ".\"" + name + "\"");
        if (!buckets.isEmpty()) {
          out.put(name, buckets);
        }
      }
      return Collections.unmodifiableMap(out);
    }

    Map<String, String> stringMap(String key, Pattern keyPattern, String keyExpected) {
      Map<String, String> out = new TreeMap<>();
      for (Map.Entry<String, ConfigValue> e : object(key).entrySet()) {
        ConfigValue v = e.getValue();
        if (!keyPattern.matcher(e.getKey()).matches()) {
          bad(key + ".\"" + e.getKey() + "\"", v, keyExpected + " as key");
        } else if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST
            || v.valueType() == ConfigValueType.NULL) {
          bad(key + ".\"" + e.getKey() + "\"", v, "a string value");
        } else {
          out.put(e.getKey(), String.valueOf(v.unwrapped()));
        }
      }
      return Collections.unmodifiableMap(out);
    }

    private ConfigObject object(String key) {
      try {
        return config.getObject(path(key));
      } catch (ConfigException e) {
        bad(key, value(key), "an object of names to values");
        return ConfigFactory.empty().root();
      }
    }
  }
}
