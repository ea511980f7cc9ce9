package io.tradermetrics.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Serves a {@link PrometheusMeterRegistry}, health and build information over HTTP (or HTTPS), on
 * one port of a JDK {@link HttpServer} this class creates:
 *
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus client's {@link MetricsHandler} over
 *       {@link PrometheusMeterRegistry#getPrometheusRegistry()}, so content negotiation (text 0.0.4,
 *       OpenMetrics 1.0, protobuf), gzip and {@code name[]=} filtering are the library's. A
 *       collector that throws gives HTTP 500 for that scrape only.</li>
 *   <li>{@code GET /health}: all {@link HealthCheck}s, as Spring Boot Actuator renders them:
 *       {@code {"status":"UP","components":{"marketData":{"status":"UP","details":{...}}}}}; HTTP
 *       200 when the aggregate is UP, 503 otherwise. The aggregate is the worst status, in the
 *       order DOWN, OUT_OF_SERVICE, UNKNOWN, UP.</li>
 *   <li>{@code GET /health/live}: the liveness checks only (UP with none): the Kubernetes liveness probe.</li>
 *   <li>{@code GET /health/ready}: the readiness checks only: the Kubernetes readiness probe.</li>
 *   <li>{@code GET /info}: application name and version, build time and git commit when known,
 *       start time, uptime in seconds, Java version, as JSON.</li>
 * </ul>
 *
 * <p>{@code HEAD} works wherever {@code GET} does; other methods get 405 with {@code Allow: GET, HEAD};
 * other paths 404. Each check runs with the check timeout (see
 * {@link Builder#healthCheckTimeout(Duration)}); one that throws or times out is DOWN with the
 * reason in its details.
 *
 * <p>Meters registered on the registry when the server is built (removed on {@link #close()}):
 * {@code tradermetrics_build_info{version="..."} 1}, {@code tradermetrics_scrape_duration_seconds}
 * (a timer tagged {@code outcome} = {@code success} or {@code error}) and
 * {@code tradermetrics_scrape_size_bytes} (response body bytes as sent, compressed when gzip was
 * negotiated), and for every health check {@code tradermetrics_health_status{check,kind,status}}, one
 * series per status ({@code up}, {@code down}, {@code out_of_service}, {@code unknown}) with 1 on the
 * check's current status and 0 on the others, so that Prometheus can alert on readiness (a stale
 * market-data check, a tripped kill switch). A scrape records them after its response, so it shows the scrapes before it. Run one
 * server per registry: the meters are shared by name, so closing one of two servers on the same
 * registry would remove the other's.
 *
 * <p>TCP no-delay is switched on for the JDK server (system property
 * {@code sun.net.httpserver.nodelay}, read once when the JDK server classes initialize; this class
 * sets it unless it was set already): without it, loopback scrapes were measured (by this class's
 * first version) at about 360 requests/s with a 44 ms latency floor from Nagle's algorithm meeting
 * delayed ACKs. Current throughput numbers, with the commands that produced them, are in
 * {@code docs/performance.md}, section "Exporter".
 *
 * <p>Requests are served by a bounded pool of named daemon threads ({@code tradermetrics-exporter-N})
 * with a bounded queue; when the queue is full the JDK server's dispatcher waits, which pushes back
 * on clients instead of growing memory. Scrapes read the meters; they never take a lock that
 * recording threads take.
 *
 * <p>Thread-safe. {@link #close()} refuses new requests (503), waits for requests under way up to
 * the close timeout, then stops the server and releases the port.
 */
public final class MetricsServer implements AutoCloseable {

  /** The default bind address: loopback only, so nothing is exposed unless asked for. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** The default port, the one the OpenTelemetry Java agent uses for its Prometheus exporter. */
  public static final int DEFAULT_PORT = 9464;

  private static final Logger LOG = Logger.getLogger(MetricsServer.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALLOW = "GET, HEAD";

  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final HealthChecks checks;
  private final String host;
  private final boolean tls;
  private final PrometheusMeterRegistry registry;
  private final List<Meter> ownMeters;
  private final Duration closeTimeout;
  private final Object inFlightLock = new Object();
  private int inFlight;
  private boolean closing;

  private MetricsServer(HttpServer server, ThreadPoolExecutor executor, HealthChecks checks, String host,
      boolean tls, PrometheusMeterRegistry registry, List<Meter> ownMeters, Duration closeTimeout) {
    this.server = server;
    this.executor = executor;
    this.checks = checks;
    this.host = host;
    this.tls = tls;
    this.registry = registry;
    this.ownMeters = ownMeters;
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

  /** The URL of the metrics endpoint, e.g. {@code http://127.0.0.1:9464/metrics}. */
  public URI metricsUri() {
    return baseUri().resolve("metrics");
  }

  /**
   * Refuses new requests with 503, waits for requests under way for up to the close timeout, stops
   * the server, releases the port and removes the server's own meters from the registry.
   * Idempotent. Returns as soon as the last request under way finished (JDK 17's
   * {@code HttpServer.stop(n)} waits the full {@code n} seconds even when idle, so this class does
   * its own waiting and calls {@code stop(0)}).
   */
  @Override
  public void close() {
    synchronized (inFlightLock) {
      if (closing && executor.isShutdown()) {
        return;
      }
      closing = true;
      long deadline = System.nanoTime() + closeTimeout.toNanos();
      long left;
      while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(inFlightLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    server.stop(0);
    executor.shutdownNow();
    checks.close();
    for (Meter m : ownMeters) {
      registry.remove(m);
    }
  }

  private boolean enter() {
    synchronized (inFlightLock) {
      if (closing) {
        return false;
      }
      inFlight++;
      return true;
    }
  }

  private void exit() {
    synchronized (inFlightLock) {
      inFlight--;
      if (inFlight == 0) {
        inFlightLock.notifyAll();
      }
    }
  }

  /** Builds and starts a {@link MetricsServer}. Not thread-safe. */
  public static final class Builder {
    private final PrometheusMeterRegistry registry;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int threads = 2;
    private final List<HealthCheck> healthChecks = new ArrayList<>();
    private Duration healthCheckTimeout = Duration.ofMillis(500);
    private Duration closeTimeout = Duration.ofSeconds(5);
    private String applicationName = "unknown";
    private String applicationVersion = "unknown";
    private @Nullable Instant buildTime;
    private @Nullable String gitCommit;
    private @Nullable CredentialSource credentials;
    private boolean unauthenticatedProbes;
    private @Nullable Path keystore;
    private char @Nullable [] keystorePassword;

    private Builder(PrometheusMeterRegistry registry) {
      this.registry = registry;
    }

    /** Optional: the address to bind. Default is {@code 127.0.0.1}; {@code 0.0.0.0} for all interfaces. */
    public Builder host(String host) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("host '" + host + "' is not valid: expected an address or host name");
      }
      this.host = host;
      return this;
    }

    /**
     * Optional: the port to listen on. Default is 9464; 0 picks a free port, readable from
     * {@link MetricsServer#port()}.
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

    /**
     * Optional: threads serving requests. Default is 2.
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
     * Optional: adds a health check. Default is none (every health endpoint UP).
     *
     * @throws IllegalArgumentException if a check with the same name was added already
     */
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

    /**
     * Optional: adds health checks, in iteration order. Default is none.
     *
     * @throws IllegalArgumentException if two checks share a name
     */
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
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("healthCheckTimeout " + timeout + " is not valid: expected a positive duration");
      }
      this.healthCheckTimeout = timeout;
      return this;
    }

    /**
     * Optional: how long {@link MetricsServer#close()} waits for requests under way. Default is 5 s.
     *
     * @throws IllegalArgumentException if negative
     */
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

    /**
     * Optional: the application version in {@code /info} and in the {@code version} label of
     * {@code tradermetrics_build_info}. Default is {@code unknown}.
     */
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
     * is never logged nor shown by {@code toString()}; prefer
     * {@link #basicAuthFromEnvironment(String, String)} or {@link #basicAuthFromFile(Path)} so it
     * never sits in code or config.
     *
     * @throws IllegalArgumentException if the username is empty or contains ':'
     */
    public Builder basicAuth(String username, String password) {
      checkUsername(username, "basicAuth username");
      this.credentials = env -> new String[] {username, password};
      return this;
    }

    /**
     * Optional: basic authentication with the username and password read, at
     * {@link #buildAndStart()}, from these environment variables.
     *
     * @param usernameVariable e.g. {@code TRADERMETRICS_USERNAME}
     * @param passwordVariable e.g. {@code TRADERMETRICS_PASSWORD}
     */
    public Builder basicAuthFromEnvironment(String usernameVariable, String passwordVariable) {
      return basicAuthFromEnvironment(usernameVariable, passwordVariable, System::getenv);
    }

    /** As {@link #basicAuthFromEnvironment(String, String)}, reading variables from {@code env}; for tests. */
    Builder basicAuthFromEnvironment(String usernameVariable, String passwordVariable,
        Function<String, @Nullable String> env) {
      this.credentials = ignored -> {
        String user = env.apply(usernameVariable);
        String pass = env.apply(passwordVariable);
        if (user == null || user.isEmpty()) {
          throw new IllegalStateException("basicAuthFromEnvironment: environment variable '" + usernameVariable
              + "' (username) is not set or empty");
        }
        if (pass == null) {
          throw new IllegalStateException("basicAuthFromEnvironment: environment variable '" + passwordVariable
              + "' (password) is not set");
        }
        checkUsername(user, "basicAuthFromEnvironment username from '" + usernameVariable + "'");
        return new String[] {user, pass};
      };
      return this;
    }

    /**
     * Optional: basic authentication with credentials read, at {@link #buildAndStart()}, from the
     * first line of {@code file} as {@code username:password} (the password may contain ':'). The
     * file should be readable by the service account only.
     */
    public Builder basicAuthFromFile(Path file) {
      this.credentials = ignored -> {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String line = lines.isEmpty() ? "" : lines.get(0).strip();
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new IllegalStateException("basicAuthFromFile '" + file
              + "' is not valid: expected a first line 'username:password'");
        }
        return new String[] {line.substring(0, colon), line.substring(colon + 1)};
      };
      return this;
    }

    /**
     * Optional: with basic authentication on, whether {@code /health/live} and {@code /health/ready}
     * answer without credentials, so Kubernetes probes need no secret. Unauthenticated answers carry
     * the statuses only, never the details. Default is false (everything requires credentials).
     */
    public Builder unauthenticatedProbes(boolean unauthenticated) {
      this.unauthenticatedProbes = unauthenticated;
      return this;
    }

    /**
     * Optional: serve HTTPS with the key and certificate of a PKCS#12 keystore. Default is plain HTTP.
     * The keystore is read at {@link #buildAndStart()}.
     *
     * @param pkcs12Keystore the keystore file, e.g. made with
     *                       {@code keytool -genkeypair -storetype PKCS12 -ext san=ip:127.0.0.1 ...}
     * @param password       the store and key password; copied
     */
    public Builder tls(Path pkcs12Keystore, char[] password) {
      this.keystore = pkcs12Keystore;
      this.keystorePassword = password.clone();
      return this;
    }

    /**
     * Binds the port, registers the server's own meters on the registry and starts serving.
     *
     * @throws IOException if the address cannot be bound (the message names host and port), or the
     *                     keystore or credentials file cannot be read
     * @throws IllegalStateException if credentials are configured but missing or malformed
     */
    public MetricsServer buildAndStart() throws IOException {
      byte @Nullable [] expectedAuthorization = null;
      if (credentials != null) {
        String[] userPass = credentials.read(null);
        expectedAuthorization = ("Basic " + Base64.getEncoder().encodeToString(
            (userPass[0] + ":" + userPass[1]).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
      }
      @Nullable SSLContext ssl = keystore == null ? null : sslContext(keystore, keystorePassword);
      HttpServer server;
      InetSocketAddress address = new InetSocketAddress(host, port);
      try {
        if (ssl != null) {
          HttpsServer https = HttpsServer.create(address, 128);
          https.setHttpsConfigurator(new HttpsConfigurator(ssl));
          server = https;
        } else {
          server = HttpServer.create(address, 128);
        }
      } catch (BindException e) {
        throw new BindException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
            + " (is another exporter running? choose another port, or 0 for any free port)");
      }
      List<Meter> own = new ArrayList<>();
      own.add(Gauge.builder("tradermetrics.build.info", () -> 1)
          .description("Build information of the application serving these metrics; the value is always 1")
          .tag("version", applicationVersion)
          .register(registry));
      Timer scrapeOk = Timer.builder("tradermetrics.scrape.duration")
          .description("Time to answer one /metrics request, from the request handler's start to the last byte written")
          .tag("outcome", "success").register(registry);
      Timer scrapeError = Timer.builder("tradermetrics.scrape.duration")
          .description("Time to answer one /metrics request, from the request handler's start to the last byte written")
          .tag("outcome", "error").register(registry);
      DistributionSummary scrapeSize = DistributionSummary.builder("tradermetrics.scrape.size")
          .description("Size of one /metrics response body as sent (compressed when gzip was negotiated)")
          .baseUnit("bytes").register(registry);
      own.add(scrapeOk);
      own.add(scrapeError);
      own.add(scrapeSize);

      LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>(1024);
      ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
          queue, new NamedDaemonThreads("tradermetrics-exporter"), new WaitWhenFull());
      HealthChecks health = new HealthChecks(List.copyOf(healthChecks), healthCheckTimeout);
      List<HealthCheck> registered = health.checks();
      for (int i = 0; i < registered.size(); i++) {
        int index = i;
        HealthCheck check = registered.get(i);
        for (HealthStatus status : HealthStatus.values()) {
          own.add(Gauge.builder("tradermetrics.health.status", () -> health.status(index) == status ? 1 : 0)
              .description("Status of each health check, one series per status: 1 for the check's current status, "
                  + "0 for the others (the check is run at most once a second, with the check timeout)")
              .tag("check", check.name())
              .tag("kind", check.kind().name().toLowerCase(java.util.Locale.ROOT))
              .tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
        }
      }
      MetricsServer[] self = new MetricsServer[1];
      Info info = new Info(applicationName, applicationVersion, buildTime, gitCommit);
      Router router = new Router(() -> self[0],
          new MetricsHandler(PrometheusProperties.get(), registry.getPrometheusRegistry()),
          scrapeOk, scrapeError, scrapeSize, health, info, expectedAuthorization, unauthenticatedProbes);
      server.createContext("/", router::handle);
      server.setExecutor(executor);
      self[0] = new MetricsServer(server, executor, health, host, ssl != null, registry, own, closeTimeout);
      server.start();
      return self[0];
    }

    private static void checkUsername(String username, String option) {
      if (username.isEmpty() || username.indexOf(':') >= 0) {
        throw new IllegalArgumentException(option + " is not valid: expected a non-empty name without ':'");
      }
    }

    private static SSLContext sslContext(Path keystore, char @Nullable [] password) throws IOException {
      char[] pw = password == null ? new char[0] : password;
      try (InputStream in = Files.newInputStream(keystore)) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, pw);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
      } catch (GeneralSecurityException | IOException e) {
        throw new IOException("tls keystore '" + keystore + "' cannot be used: " + e.getMessage(), e);
      }
    }

    /** Produces {username, password}; the argument is unused. */
    private interface CredentialSource {
      String[] read(@Nullable Void unused) throws IOException;
    }
  }

  /** Build and start information for {@code /info}. */
  private record Info(String name, String version, @Nullable Instant buildTime, @Nullable String gitCommit) {}

  /** When the request queue is full, the JDK dispatcher thread waits for room: back-pressure. */
  private static final class WaitWhenFull implements RejectedExecutionHandler {
    @Override
    public void rejectedExecution(Runnable r, ThreadPoolExecutor executor) {
      if (executor.isShutdown()) {
        throw new java.util.concurrent.RejectedExecutionException("exporter is closed");
      }
      try {
        executor.getQueue().put(r);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.util.concurrent.RejectedExecutionException("interrupted while waiting for room", e);
      }
    }
  }

  /** Routes by exact path; applies method checks, authentication and in-flight accounting. */
  private static final class Router {
    private final java.util.function.Supplier<MetricsServer> server;
    private final MetricsHandler metrics;
    private final Timer scrapeOk;
    private final Timer scrapeError;
    private final DistributionSummary scrapeSize;
    private final HealthChecks health;
    private final Info info;
    private final byte @Nullable [] expectedAuthorization;
    private final boolean unauthenticatedProbes;
    private final Instant startTime = Instant.now();
    private final long startNanos = System.nanoTime();
    private static final Set<String> PATHS = new HashSet<>(List.of("/metrics", "/health", "/health/live", "/health/ready", "/info"));

    Router(java.util.function.Supplier<MetricsServer> server, MetricsHandler metrics, Timer scrapeOk, Timer scrapeError,
        DistributionSummary scrapeSize, HealthChecks health, Info info, byte @Nullable [] expectedAuthorization,
        boolean unauthenticatedProbes) {
      this.server = server;
      this.metrics = metrics;
      this.scrapeOk = scrapeOk;
      this.scrapeError = scrapeError;
      this.scrapeSize = scrapeSize;
      this.health = health;
      this.info = info;
      this.expectedAuthorization = expectedAuthorization;
      this.unauthenticatedProbes = unauthenticatedProbes;
    }

    void handle(HttpExchange exchange) throws IOException {
      MetricsServer s = server.get();
      if (!s.enter()) {
        respond(exchange, 503, "text/plain; charset=utf-8", "Shutting down\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      try {
        route(exchange);
      } catch (RuntimeException | IOException e) {
        LOG.log(Level.FINE, "exporter request failed", e);
        exchange.close();
      } finally {
        s.exit();
      }
    }

    private void route(HttpExchange exchange) throws IOException {
      String path = exchange.getRequestURI().getPath();
      if (!PATHS.contains(path)) {
        respond(exchange, 404, "text/plain; charset=utf-8", "Not Found\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", ALLOW);
        respond(exchange, 405, "text/plain; charset=utf-8", "Method Not Allowed\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      boolean authenticated = authenticated(exchange);
      boolean probe = path.equals("/health/live") || path.equals("/health/ready");
      if (!authenticated && !(probe && unauthenticatedProbes)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"tradermetrics\", charset=\"UTF-8\"");
        respond(exchange, 401, "text/plain; charset=utf-8", "Unauthorized\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      switch (path) {
        case "/metrics":
          scrape(exchange);
          break;
        case "/health":
          health(exchange, health.run(k -> true), authenticated);
          break;
        case "/health/live":
          health(exchange, health.run(k -> k == HealthCheck.Kind.LIVENESS), authenticated);
          break;
        case "/health/ready":
          health(exchange, health.run(k -> k == HealthCheck.Kind.READINESS), authenticated);
          break;
        default:
          info(exchange);
      }
    }

    private boolean authenticated(HttpExchange exchange) {
      if (expectedAuthorization == null) {
        return true;
      }
      String given = exchange.getRequestHeaders().getFirst("Authorization");
      return given != null && MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8));
    }

    private void scrape(HttpExchange exchange) throws IOException {
      long start = System.nanoTime();
      CountingExchange counting = new CountingExchange(exchange);
      try {
        metrics.handle(counting);
      } finally {
        long nanos = System.nanoTime() - start;
        if (counting.getResponseCode() == 200) {
          scrapeOk.record(nanos, TimeUnit.NANOSECONDS);
          scrapeSize.record(counting.bytesWritten());
        } else {
          scrapeError.record(nanos, TimeUnit.NANOSECONDS);
        }
      }
    }

    private void health(HttpExchange exchange, HealthChecks.Report report, boolean withDetails) throws IOException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", report.status().name());
      if (!report.components().isEmpty()) {
        Map<String, Object> components = new LinkedHashMap<>();
        report.components().forEach((name, result) -> {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("status", result.status().name());
          if (withDetails && !result.details().isEmpty()) {
            Map<String, Object> details = new TreeMap<>();
            result.details().forEach((k, v) ->
                details.put(k, v instanceof Number || v instanceof Boolean ? v : String.valueOf(v)));
            c.put("details", details);
          }
          components.put(name, c);
        });
        body.put("components", components);
      }
      respond(exchange, report.status() == HealthStatus.UP ? 200 : 503, "application/json", json(body));
    }

    private void info(HttpExchange exchange) throws IOException {
      Map<String, Object> app = new LinkedHashMap<>();
      app.put("name", info.name());
      app.put("version", info.version());
      app.put("startTime", startTime.toString());
      app.put("uptimeSeconds", (System.nanoTime() - startNanos) / 1e9);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("app", app);
      Map<String, Object> build = new LinkedHashMap<>();
      build.put("version", info.version());
      if (info.buildTime() != null) {
        build.put("time", info.buildTime().toString());
      }
      body.put("build", build);
      if (info.gitCommit() != null) {
        body.put("git", Map.of("commit", Map.of("id", info.gitCommit())));
      }
      Map<String, Object> java = new LinkedHashMap<>();
      java.put("version", System.getProperty("java.version"));
      java.put("vendor", System.getProperty("java.vendor"));
      java.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
      body.put("java", java);
      respond(exchange, 200, "application/json", json(body));
    }

    private static byte[] json(Object body) {
      try {
        return JSON.writeValueAsBytes(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot render JSON", e);
      }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
      try (exchange) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
          exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
          exchange.sendResponseHeaders(status, -1);
        } else {
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      }
    }
  }
}
