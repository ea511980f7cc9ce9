package io.tradermetrics.exporter;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Serves a {@link PrometheusMeterRegistry}, health and build information over HTTP (or HTTPS) on one
 * port of a JDK {@link HttpServer}, shaped like Prometheus client_java's {@code HTTPServer}: one
 * handler per endpoint on its own context, basic authentication as a JDK {@link Authenticator} on
 * each protected context (so a request without valid credentials gets 401 before its method is
 * looked at), TLS as an {@code HttpsConfigurator} from a checked {@link TlsKeystore}.
 *
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus client's {@code PrometheusScrapeHandler} over
 *       {@link PrometheusMeterRegistry#getPrometheusRegistry()} (text 0.0.4, OpenMetrics 1.0 or
 *       protobuf by {@code Accept}; gzip; {@code name[]=}). A collector that throws gives a one-line
 *       500 for that scrape only; the stack trace goes to the log.</li>
 *   <li>{@code GET /health}, {@code /health/live}, {@code /health/ready}: all, the liveness or the
 *       readiness {@link HealthCheck}s in Spring Boot Actuator's shape; 200 when UP, else 503 (worst
 *       first: DOWN, OUT_OF_SERVICE, UNKNOWN, UP); details per {@link Builder#healthDetails}.</li>
 *   <li>{@code GET /info}: application name, version, build time and git commit when known, start
 *       time, uptime in seconds, Java version, as JSON.</li>
 * </ul>
 * {@code HEAD} works wherever {@code GET} does; other methods get 405 with {@code Allow: GET, HEAD};
 * other paths 404.
 *
 * <p><b>Slow clients</b> cannot starve it: each request is read and answered on a thread of its own,
 * from at most {@link Builder#maxRequests} daemon threads ({@code tradermetrics-exporter-N}); a
 * client has {@link Builder#requestTimeout} to send its request and {@link Builder#responseTimeout}
 * for the answer, then its connection is closed; scrapes run on {@link Builder#threads} workers
 * of their own, and the probes never wait for them. Idle connections hold no thread (the JDK server closes
 * them after 30 s). See {@code docs/exporter.md}.
 *
 * <p>Meters registered when built, removed on {@link #close()}: {@code tradermetrics_build_info},
 * {@code tradermetrics_scrape_duration_seconds{outcome}}, {@code tradermetrics_scrape_size_bytes},
 * {@code tradermetrics_health_status{check,kind,status}}; run one server per registry. TCP no-delay
 * is on (system property {@code sun.net.httpserver.nodelay}, unless set): without it loopback
 * scrapes hit a 44 ms Nagle/delayed-ACK floor. Thread-safe; {@link #close()} answers 503 to new
 * requests, waits for those under way up to the close timeout, then releases the port.
 */
public final class MetricsServer implements AutoCloseable {

  /** The default bind address: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** The default port, the one the OpenTelemetry Java agent uses for its Prometheus exporter. */
  public static final int DEFAULT_PORT = 9464;
  /** The default number of scrapes served at once. */
  public static final int DEFAULT_THREADS = 2;
  /** The default most requests read or answered at once. */
  public static final int DEFAULT_MAX_REQUESTS = 128;
  /** The default time a client has to send its request line and headers. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /** The default time an endpoint has to answer, from its start to the last byte written. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
  /** The default time one health request waits for its checks: below the 1 s default timeout of a Kubernetes probe. */
  public static final Duration DEFAULT_HEALTH_CHECK_TIMEOUT = Duration.ofMillis(500);

  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final RequestGuard guard;
  private final HealthChecks checks;
  private final ExporterMeters meters;
  private final String host;
  private final boolean tls;
  private final Duration closeTimeout;
  private boolean closed;

  private MetricsServer(HttpServer server, RequestGuard guard, HealthChecks checks, ExporterMeters meters, String host,
      boolean tls, Duration closeTimeout) {
    this.server = server;
    this.guard = guard;
    this.checks = checks;
    this.meters = meters;
    this.host = host;
    this.tls = tls;
    this.closeTimeout = closeTimeout;
  }

  /**
   * A builder serving {@code registry}.
   *
   * @param registry the registry whose meters {@code /metrics} exposes, and on which the server
   *                 registers its own meters
   */
  public static Builder builder(PrometheusMeterRegistry registry) {
    return new Builder(registry);
  }

  /** The address the server is bound to, as given to the builder. */
  public String host() {
    return host;
  }

  /** The port the server listens on; the chosen one when the builder was given port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The server's base URI, e.g. {@code http://127.0.0.1:9464/} ({@code https} with TLS). */
  public URI baseUri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create((tls ? "https" : "http") + "://" + h + ":" + port() + "/");
  }

  /** Requests being read or answered now (for tests). */
  int requestsRunning() {
    return guard.running();
  }

  /** The URL of the metrics endpoint, e.g. {@code http://127.0.0.1:9464/metrics}. */
  public URI metricsUri() {
    return baseUri().resolve("metrics");
  }

  /**
   * Refuses new requests with 503, waits for those under way up to the close timeout, stops the
   * server, releases the port and removes the server's meters. Idempotent. Returns as soon as the
   * last request finished (JDK 17's {@code HttpServer.stop(n)} waits all {@code n} s even when idle).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    guard.drain(closeTimeout);
    server.stop(0);
    guard.shutdown();
    checks.close();
    meters.remove();
  }

  /** Builds and starts a {@link MetricsServer}. Not thread-safe. */
  public static final class Builder {
    private final PrometheusMeterRegistry registry;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int threads = DEFAULT_THREADS;
    private int maxRequests = DEFAULT_MAX_REQUESTS;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    private final List<HealthCheck> healthChecks = new ArrayList<>();
    private Duration healthCheckTimeout = DEFAULT_HEALTH_CHECK_TIMEOUT;
    private HealthDetails healthDetails = HealthDetails.WHEN_AUTHORIZED;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private String applicationName = "unknown";
    private String applicationVersion = "unknown";
    private @Nullable Instant buildTime;
    private @Nullable String gitCommit;
    private @Nullable BasicAuth credentials;
    private @Nullable Path credentialsFile;
    private boolean unauthenticatedProbes;
    private @Nullable TlsKeystore keystore;
    private @Nullable Path keystoreFile;
    private char @Nullable [] keystorePassword;

    private Builder(PrometheusMeterRegistry registry) {
      this.registry = registry;
    }

    /**
     * Optional: the address to bind. Default is {@code 127.0.0.1}; {@code 0.0.0.0} for all
     * interfaces. A name is resolved at {@link #buildAndStart()}.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder host(String host) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("host '" + host + "' is not valid: expected an address or host name");
      }
      this.host = host;
      return this;
    }

    /** Optional: the port. Default is 9464; 0 picks a free one ({@link MetricsServer#port()}). Throws IllegalArgumentException unless 0 to 65535. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not valid: expected 0 (any free port) to 65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Optional: threads serving {@code /metrics} scrapes; further scrapes wait in a queue of 1024
     * (then 503), within the response timeout. Default is 2. Probes, {@code /health} and
     * {@code /info} do not wait for scrapes.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads " + threads + " is not valid: expected 1 or more");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Optional: the most requests read or answered at once, each on a thread of its own (created
     * on demand). A connection whose request arrives while all are busy is closed at once. A slow
     * client holds one for at most the request timeout. Default is 128.
     *
     * @throws IllegalArgumentException unless 1 to 10000
     */
    public Builder maxRequests(int maxRequests) {
      if (maxRequests < 1 || maxRequests > 10_000) {
        throw new IllegalArgumentException("maxRequests " + maxRequests + " is not valid: expected 1 to 10000");
      }
      this.maxRequests = maxRequests;
      return this;
    }

    /**
     * Optional: how long a client has, from the first byte of a request, to send its request line
     * and headers (and, with authentication on, the body of an unauthenticated request); then its
     * connection is closed. Default is 5 s. Checked every 100 ms. Throws IllegalArgumentException unless positive.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Optional: how long an endpoint has to answer, from its start to the last byte written (a
     * scrape's collection included, and a client slow to read); then the connection is closed.
     * Default is 30 s. Must exceed the health check timeout. Throws IllegalArgumentException unless positive.
     */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = positive(timeout, "responseTimeout");
      return this;
    }

    /** Optional: adds a health check. Default is none (every health endpoint UP). Throws IllegalArgumentException if the name was added already. */
    public Builder healthCheck(HealthCheck check) {
      for (HealthCheck c : healthChecks) {
        if (c.name().equals(check.name())) {
          throw new IllegalArgumentException("healthCheck '" + check.name()
              + "' is not valid: a check with that name was added already; names must be unique");
        }
      }
      healthChecks.add(check);
      return this;
    }

    /** Optional: adds health checks, in iteration order. Default is none. Throws IllegalArgumentException if two share a name. */
    public Builder healthChecks(Iterable<? extends HealthCheck> checks) {
      for (HealthCheck c : checks) {
        healthCheck(c);
      }
      return this;
    }

    /**
     * Optional: how long one health request waits for its checks (they run in parallel). Default is
     * 500 ms, below the 1 s default timeout of a Kubernetes probe. A check still running then is
     * DOWN, {@code reason: "timed out after N ms"}.
     *
     * @throws IllegalArgumentException unless positive
     */
    public Builder healthCheckTimeout(Duration timeout) {
      this.healthCheckTimeout = positive(timeout, "healthCheckTimeout");
      return this;
    }

    /**
     * Optional: when health answers show each check's details (reasons, error messages). Default is
     * {@link HealthDetails#WHEN_AUTHORIZED}: to callers with valid credentials; statuses only with auth off.
     */
    public Builder healthDetails(HealthDetails details) {
      this.healthDetails = details;
      return this;
    }

    /** Optional: how long {@link MetricsServer#close()} waits for requests under way. Default is 5 s. Throws IllegalArgumentException if negative. */
    public Builder closeTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout " + timeout + " is not valid: expected zero or a positive duration");
      }
      this.closeTimeout = timeout;
      return this;
    }

    /** Optional: the application name in {@code /info}. Default is {@code unknown}. */
    public Builder applicationName(String name) {
      this.applicationName = name;
      return this;
    }

    /** Optional: the version in {@code /info} and in the label of {@code tradermetrics_build_info}. Default is {@code unknown}. */
    public Builder applicationVersion(String version) {
      this.applicationVersion = version;
      return this;
    }

    /** Optional: when the application was built, shown in {@code /info}. Default is not shown. */
    public Builder buildTime(Instant buildTime) {
      this.buildTime = buildTime;
      return this;
    }

    /** Optional: the git commit the application was built from, shown in {@code /info}. Default is not shown. */
    public Builder gitCommit(String commit) {
      this.gitCommit = commit;
      return this;
    }

    /**
     * Optional: requires HTTP basic authentication with these credentials on every endpoint
     * (see {@link #unauthenticatedProbes(boolean)}). Default is no authentication. The password
     * is never logged nor shown. Read it from wherever secrets live (the Guice module reads
     * environment variables named in its configuration), never from code.
     *
     * @throws IllegalArgumentException if the username is empty or contains ':'
     */
    public Builder basicAuth(String username, String password) {
      this.credentials = BasicAuth.of(username, password, "basicAuth username");
      this.credentialsFile = null;
      return this;
    }

    /**
     * Optional: basic authentication with credentials read, at {@link #buildAndStart()}, from the
     * first line of {@code file} as {@code username:password} (the password may contain ':'). The
     * file should be readable by the service account only.
     */
    public Builder basicAuthFromFile(Path file) {
      this.credentialsFile = file;
      this.credentials = null;
      return this;
    }

    /**
     * Optional: with basic authentication on, whether {@code /health/live} and {@code /health/ready}
     * answer without credentials, so Kubernetes probes need no secret. Unauthenticated answers carry
     * the statuses only, unless {@link HealthDetails#ALWAYS}. Default is false (all need credentials).
     */
    public Builder unauthenticatedProbes(boolean unauthenticated) {
      this.unauthenticatedProbes = unauthenticated;
      return this;
    }

    /**
     * Optional: serve HTTPS with the key and certificate of a PKCS#12 keystore, loaded and checked
     * at {@link #buildAndStart()} (see {@link TlsKeystore#load}). Default is plain HTTP.
     *
     * @param pkcs12Keystore the keystore file, e.g. made with
     *                       {@code keytool -genkeypair -storetype PKCS12 -ext san=ip:127.0.0.1 ...}
     * @param password       the store and key password; copied
     */
    public Builder tls(Path pkcs12Keystore, char[] password) {
      this.keystoreFile = pkcs12Keystore;
      this.keystorePassword = password.clone();
      this.keystore = null;
      return this;
    }

    /** Optional: serve HTTPS with a keystore already loaded and checked. Default is plain HTTP. */
    public Builder tls(TlsKeystore keystore) {
      this.keystore = keystore;
      this.keystoreFile = null;
      return this;
    }

    /**
     * Binds the port, registers the server's own meters on the registry and starts serving.
     *
     * @throws UnknownHostException if the host does not resolve (the message names host and port
     *     and says the host is the problem)
     * @throws BindException if the address cannot be bound: the message names host and port and
     *     says which is the problem (port in use, host not an address of this machine, port needing
     *     privileges)
     * @throws IOException if the keystore cannot serve HTTPS ({@link TlsKeystore#load}) or the
     *     credentials file cannot be read
     * @throws IllegalStateException if the credentials file is malformed
     * @throws IllegalArgumentException if the response timeout does not exceed the health check timeout
     */
    public MetricsServer buildAndStart() throws IOException {
      if (responseTimeout.compareTo(healthCheckTimeout) <= 0) {
        throw new IllegalArgumentException("responseTimeout " + responseTimeout
            + " is not valid: expected more than healthCheckTimeout (" + healthCheckTimeout + ")");
      }
      BasicAuth auth = credentialsFile != null ? BasicAuth.fromFile(credentialsFile) : credentials;
      TlsKeystore tls = keystoreFile != null ? TlsKeystore.load(keystoreFile, keystorePassword) : keystore;
      HttpServer server = Listener.bind(host, port, tls);
      try {
        return start(server, auth, tls);
      } catch (RuntimeException e) {
        server.stop(0);
        throw e;
      }
    }

    private MetricsServer start(HttpServer server, @Nullable BasicAuth auth, @Nullable TlsKeystore tls) {
      HealthChecks health = new HealthChecks(List.copyOf(healthChecks), healthCheckTimeout);
      ExporterMeters meters = new ExporterMeters(registry, applicationVersion, health);
      RequestGuard guard = new RequestGuard(maxRequests, threads, requestTimeout, responseTimeout, Clock.SYSTEM, true);
      PrometheusScrapeHandler scrape = new PrometheusScrapeHandler(PrometheusProperties.get(),
          registry.getPrometheusRegistry());
      context(server, new MetricsEndpoint(guard, scrape, meters, registry.config().clock()), "/metrics", auth);
      context(server, new HealthEndpoint("/health", guard, health, k -> true, healthDetails, auth), "/health", auth);
      BasicAuth probeAuth = unauthenticatedProbes ? null : auth;
      context(server, new HealthEndpoint("/health/live", guard, health, k -> k == HealthCheck.Kind.LIVENESS,
          healthDetails, auth), "/health/live", probeAuth);
      context(server, new HealthEndpoint("/health/ready", guard, health, k -> k == HealthCheck.Kind.READINESS,
          healthDetails, auth), "/health/ready", probeAuth);
      context(server, new InfoEndpoint(guard, applicationName, applicationVersion, buildTime, gitCommit), "/info", auth);
      server.createContext("/", exchange -> Responses.text(exchange, 404, "Not Found"));
      server.setExecutor(guard);
      server.start();
      return new MetricsServer(server, guard, health, meters, host, tls != null, closeTimeout);
    }

    private static void context(HttpServer server, Endpoint endpoint, String path, @Nullable BasicAuth auth) {
      HttpContext context = server.createContext(path, endpoint);
      if (auth != null) {
        context.setAuthenticator(auth);
      }
    }

    private static Duration positive(Duration timeout, String option) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(option + " " + timeout + " is not valid: expected a positive duration");
      }
      return timeout;
    }
  }
}
