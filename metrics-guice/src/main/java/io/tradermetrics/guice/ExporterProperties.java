package io.tradermetrics.guice;

import static io.tradermetrics.guice.ConfigKey.bool;
import static io.tradermetrics.guice.ConfigKey.choice;
import static io.tradermetrics.guice.ConfigKey.duration;
import static io.tradermetrics.guice.ConfigKey.integer;
import static io.tradermetrics.guice.ConfigKey.string;

import io.tradermetrics.exporter.HealthDetails;
import io.tradermetrics.exporter.MetricsServer;
import io.tradermetrics.exporter.TlsKeystore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The exporter's keys ({@code tradermetrics.exporter.*}), with their defaults and ranges (taken
 * from {@link MetricsServer} where it has them), and their reading: the host must resolve, the
 * credentials and keystore password are read from the environment variables the {@code *-env} keys
 * name, and the keystore is loaded and checked ({@link TlsKeystore#load}), so that a keystore that
 * cannot serve fails injector creation naming the key and the file. Immutable.
 */
final class ExporterProperties {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String ENV = "an environment variable name, e.g. ";

  static final ConfigKey ENABLED = bool("exporter.enabled", true);
  static final ConfigKey HOST = string("exporter.host", MetricsServer.DEFAULT_HOST,
      "an address or host name of this machine, e.g. 127.0.0.1 or 0.0.0.0");
  static final ConfigKey PORT = integer("exporter.port", MetricsServer.DEFAULT_PORT, 0, 65535, "0 (any free port)");
  static final ConfigKey THREADS = integer("exporter.threads", MetricsServer.DEFAULT_THREADS, 1, 64);
  static final ConfigKey MAX_REQUESTS = integer("exporter.max-requests", MetricsServer.DEFAULT_MAX_REQUESTS, 1, 10_000);
  static final ConfigKey REQUEST_TIMEOUT = duration("exporter.request-timeout", MetricsServer.DEFAULT_REQUEST_TIMEOUT,
      Duration.ofMillis(100), Duration.ofMinutes(10));
  static final ConfigKey RESPONSE_TIMEOUT = duration("exporter.response-timeout", MetricsServer.DEFAULT_RESPONSE_TIMEOUT,
      Duration.ofSeconds(1), Duration.ofHours(1));
  static final ConfigKey HEALTH_CHECK_TIMEOUT = duration("exporter.health-check-timeout",
      MetricsServer.DEFAULT_HEALTH_CHECK_TIMEOUT, Duration.ofMillis(1), Duration.ofMinutes(1));
  static final ConfigKey SHOW_DETAILS = choice("exporter.health.show-details", "when-authorized", "never", "always");
  static final ConfigKey AUTH_ENABLED = bool("exporter.auth.enabled", false);
  static final ConfigKey USERNAME_ENV = string("exporter.auth.username-env", "TRADERMETRICS_USERNAME",
      ENV + "TRADERMETRICS_USERNAME");
  static final ConfigKey PASSWORD_ENV = string("exporter.auth.password-env", "TRADERMETRICS_PASSWORD",
      ENV + "TRADERMETRICS_PASSWORD");
  static final ConfigKey UNAUTHENTICATED_PROBES = bool("exporter.auth.unauthenticated-probes", false);
  static final ConfigKey TLS_ENABLED = bool("exporter.tls.enabled", false);
  static final ConfigKey KEYSTORE = string("exporter.tls.keystore", "",
      "the path of a PKCS#12 keystore when tls.enabled is true");
  static final ConfigKey KEYSTORE_PASSWORD_ENV = string("exporter.tls.password-env", "TRADERMETRICS_KEYSTORE_PASSWORD",
      ENV + "TRADERMETRICS_KEYSTORE_PASSWORD");

  static final List<ConfigKey> KEYS = List.of(ENABLED, HOST, PORT, THREADS, MAX_REQUESTS, REQUEST_TIMEOUT,
      RESPONSE_TIMEOUT, HEALTH_CHECK_TIMEOUT, SHOW_DETAILS, AUTH_ENABLED, USERNAME_ENV, PASSWORD_ENV,
      UNAUTHENTICATED_PROBES, TLS_ENABLED, KEYSTORE, KEYSTORE_PASSWORD_ENV);

  final boolean enabled;
  final String host;
  final int port;
  final int threads;
  final int maxRequests;
  final Duration requestTimeout;
  final Duration responseTimeout;
  final Duration healthCheckTimeout;
  final HealthDetails healthDetails;
  final TraderMetricsConfig.@Nullable Auth auth;
  final TraderMetricsConfig.@Nullable Tls tls;

  private ExporterProperties(ConfigReader r) {
    enabled = r.bool(ENABLED);
    host = enabled ? r.host(HOST) : r.string(HOST, v -> !v.isBlank());
    port = r.integer(PORT);
    threads = r.integer(THREADS);
    maxRequests = r.integer(MAX_REQUESTS);
    requestTimeout = r.duration(REQUEST_TIMEOUT);
    responseTimeout = r.duration(RESPONSE_TIMEOUT);
    healthCheckTimeout = r.duration(HEALTH_CHECK_TIMEOUT);
    if (responseTimeout.compareTo(healthCheckTimeout) <= 0) {
      r.bad(RESPONSE_TIMEOUT, "more than exporter.health-check-timeout (" + ConfigKey.render(healthCheckTimeout) + ")");
    }
    healthDetails = HealthDetails.valueOf(r.choice(SHOW_DETAILS, List.of("when-authorized", "never", "always"))
        .toUpperCase(Locale.ROOT).replace('-', '_'));
    boolean authOn = r.bool(AUTH_ENABLED);
    String userEnv = r.string(USERNAME_ENV, v -> ENV_NAME.matcher(v).matches());
    String passEnv = r.string(PASSWORD_ENV, v -> ENV_NAME.matcher(v).matches());
    boolean probes = r.bool(UNAUTHENTICATED_PROBES);
    auth = authOn && enabled ? new TraderMetricsConfig.Auth(r.environmentVariable(USERNAME_ENV, userEnv),
        r.environmentVariable(PASSWORD_ENV, passEnv), probes) : null;
    boolean tlsOn = r.bool(TLS_ENABLED);
    String keystore = r.string(KEYSTORE, v -> true);
    String tlsPassEnv = r.string(KEYSTORE_PASSWORD_ENV, v -> ENV_NAME.matcher(v).matches());
    TraderMetricsConfig.Tls loaded = null;
    if (tlsOn && keystore.isBlank()) {
      r.bad(KEYSTORE, KEYSTORE.valid());
    } else if (tlsOn && enabled) {
      String password = r.environmentVariable(KEYSTORE_PASSWORD_ENV, tlsPassEnv);
      if (!password.isEmpty()) {
        try {
          Path file = Path.of(keystore);
          loaded = new TraderMetricsConfig.Tls(file, TlsKeystore.load(file, password.toCharArray()));
        } catch (IOException | java.nio.file.InvalidPathException e) {
          r.bad(KEYSTORE, "a PKCS#12 keystore with a private key, readable with the password in " + tlsPassEnv
              + ", but " + e.getMessage());
        }
      }
    }
    tls = loaded;
  }

  static ExporterProperties load(ConfigReader reader) {
    return new ExporterProperties(reader);
  }
}
