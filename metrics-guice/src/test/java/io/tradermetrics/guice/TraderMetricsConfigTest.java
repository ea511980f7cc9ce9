package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.typesafe.config.ConfigFactory;
import io.tradermetrics.catalog.MetricCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraderMetricsConfigTest {

  @TempDir
  Path dir;

  private final List<Injector> injectors = new ArrayList<>();

  @AfterEach
  void close() {
    injectors.forEach(i -> i.getInstance(TraderMetricsService.class).close());
  }

  private TraderMetricsConfig inject(TraderMetricsModule module) {
    Injector injector = Guice.createInjector(module);
    injectors.add(injector);
    return injector.getInstance(TraderMetricsConfig.class);
  }

  private Path file(String hocon) throws IOException {
    return Files.writeString(dir.resolve("tradermetrics.conf"), hocon, StandardCharsets.UTF_8);
  }

  @Test
  void createsTheInjectorWithTheDocumentedDefaults() {
    TraderMetricsConfig config = inject(TraderMetricsModule.builder().environment(Map.of())
        .exporterEnabled(false).jvmBinders(false).build());
    TraderMetricsConfig defaults = TraderMetricsConfig.defaults();
    for (TraderMetricsConfig c : List.of(config, defaults)) {
      assertThat(c.namespace()).isEqualTo("trader");
      assertThat(c.commonTags()).isEmpty();
      assertThat(c.labelValueLimit()).isEqualTo(100);
      assertThat(c.latencyBucketsSeconds()).isEqualTo(MetricCatalog.DEFAULT_LATENCY_BUCKETS_SECONDS);
      assertThat(c.bpsBuckets()).isEqualTo(MetricCatalog.DEFAULT_BPS_BUCKETS);
      assertThat(c.ordersTimeout()).isEqualTo(Duration.ofSeconds(60));
      assertThat(c.ordersCapacity()).isEqualTo(100_000);
      assertThat(c.otlp()).isNull();
      assertThat(c.auth()).isNull();
      assertThat(c.tls()).isNull();
      assertThat(c.start()).isEqualTo(TraderMetricsConfig.Start.ON_INJECTOR_CREATION);
      assertThat(c.shutdownHook()).isFalse();
    }
    assertThat(defaults.host()).isEqualTo("127.0.0.1");
    assertThat(defaults.port()).isEqualTo(9464);
    assertThat(defaults.exporterEnabled()).isTrue();
    assertThat(defaults.healthCheckTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(defaults.binders()).isEqualTo(EnumSet.allOf(JvmBinder.class));
  }

  @Test
  void readsEverySettingFromAFile() throws Exception {
    Path file = file("""
        tradermetrics {
          namespace = desk
          common-tags { application = mm-btc, instance = mm-1, environment = paper }
          labels.value-limit = 7
          histograms.latency-buckets = [0.001, 0.01]
          histograms.bps-buckets = [2, 20, 200]
          histograms.buckets { "desk.order.latency" = [0.002, 0.02] }
          exporter { port = 0, threads = 3 }
          lifecycle.start = manual
          binders { jvm-gc = false, file-descriptors = off }
          orders { timeout = 5s, capacity = 500 }
        }
        """);
    TraderMetricsConfig config = inject(TraderMetricsModule.builder().configFile(file).environment(Map.of()).build());
    assertThat(config.namespace()).isEqualTo("desk");
    assertThat(config.commonTags()).containsExactlyInAnyOrderEntriesOf(
        Map.of("application", "mm-btc", "instance", "mm-1", "environment", "paper"));
    assertThat(config.labelValueLimit()).isEqualTo(7);
    assertThat(config.latencyBucketsSeconds()).containsExactly(0.001, 0.01);
    assertThat(config.bpsBuckets()).containsExactly(2.0, 20.0, 200.0);
    assertThat(config.instrumentationSettings().bpsBuckets()).containsExactly(2.0, 20.0, 200.0);
    assertThat(config.histogramBuckets()).containsEntry("desk.order.latency", List.of(0.002, 0.02));
    assertThat(config.port()).isZero();
    assertThat(config.threads()).isEqualTo(3);
    assertThat(config.start()).isEqualTo(TraderMetricsConfig.Start.MANUAL);
    assertThat(config.binders()).doesNotContain(JvmBinder.JVM_GC, JvmBinder.FILE_DESCRIPTORS).contains(JvmBinder.JVM_MEMORY);
    assertThat(config.ordersTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.ordersCapacity()).isEqualTo(500);
    assertThat(config.instrumentationSettings().namespace()).isEqualTo("desk");
    assertThat(config.instrumentationSettings().ordersTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.instrumentationSettings().ordersCapacity()).isEqualTo(500);
  }

  @Test
  void markoutHorizonsAndCapacityComeFromTheFile() throws Exception {
    Path file = file("tradermetrics { markouts { horizons = [500ms, 5s], capacity = 64 }, exporter.port = 0 }");
    TraderMetricsConfig config = inject(TraderMetricsModule.builder().configFile(file).manualStart().build());
    assertThat(config.instrumentationSettings().markoutHorizons())
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(5));
    assertThat(config.instrumentationSettings().markoutCapacity()).isEqualTo(64);
  }

  @Test
  void environmentOverridesWinOverTheBuilderAndTheFile() throws Exception {
    Path file = file("tradermetrics { orders.capacity = 500, labels.value-limit = 7, exporter.port = 0 }");
    TraderMetricsConfig config = inject(TraderMetricsModule.builder().configFile(file)
        .labelValueLimit(8).namespace("desk").manualStart()
        .environment(Map.of(
            "CONFIG_FORCE_tradermetrics_orders_capacity", "600",
            "CONFIG_FORCE_tradermetrics_labels_value__limit", "9",
            "CONFIG_FORCE_tradermetrics_histograms_latency__buckets", "0.001, 0.002",
            "CONFIG_FORCE_tradermetrics_common__tags_application", "from-env",
            "PATH", "/usr/bin"))
        .build());
    assertThat(config.ordersCapacity()).isEqualTo(600);
    assertThat(config.labelValueLimit()).isEqualTo(9);
    assertThat(config.latencyBucketsSeconds()).containsExactly(0.001, 0.002);
    assertThat(config.commonTags()).containsEntry("application", "from-env");
    assertThat(config.namespace()).isEqualTo("desk");
  }

  @Test
  void mapsEnvironmentNamesAsTypesafeConfigDoes() {
    var env = TraderMetricsConfig.environmentOverrides(Map.of(
        "CONFIG_FORCE_a_b__c___d", "1", "a_b", "ignored"));
    assertThat(env.getString("a.b-c_d")).isEqualTo("1");
    assertThat(env.hasPath("a")).isTrue();
    assertThat(env.root().keySet()).containsExactly("a");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      tradermetrics.exporter.prot = 9000          | unknown key tradermetrics.exporter.prot = 9000 | valid keys under tradermetrics: alerts.alertmanager-url
      tradermetrics.exporter.port = 70000         | tradermetrics.exporter.port = 70000            | expected an integer from 0 (any free port) to 65535
      tradermetrics.exporter.port = nine          | tradermetrics.exporter.port = "nine"           | expected an integer from 0 (any free port) to 65535
      tradermetrics.namespace = "Trader-X"        | tradermetrics.namespace = "Trader-X"           | lower-case letters, digits and '_'
      tradermetrics.labels.value-limit = 0        | tradermetrics.labels.value-limit = 0           | an integer from 1
      tradermetrics.orders.timeout = soon         | tradermetrics.orders.timeout = "soon"          | a duration from 1ms to 1d
      tradermetrics.orders.capacity = -1          | tradermetrics.orders.capacity = -1             | an integer from 1 to 100000000
      tradermetrics.markouts.capacity = 0         | tradermetrics.markouts.capacity = 0            | an integer from 1 to 1000000
      tradermetrics.markouts.horizons = [10s, 1s] | tradermetrics.markouts.horizons = ["10s","1s"] | strictly increasing, each from 1ms to 1d
      tradermetrics.lifecycle.start = later       | tradermetrics.lifecycle.start = "later"        | on-injector-creation or manual
      tradermetrics.binders.jvm-gc = maybe        | tradermetrics.binders.jvm-gc = "maybe"         | true or false
      tradermetrics.binders.jvm-gcc = true        | unknown key tradermetrics.binders.jvm-gcc = true | binders.jvm-gc
      tradermetrics.histograms.latency-buckets = [0.1, 0.01] | tradermetrics.histograms.latency-buckets = [0.1,0.01] | strictly increasing, but 0.01 follows 0.1
      tradermetrics.histograms.bps-buckets = [5, 0] | tradermetrics.histograms.bps-buckets = [5,0] | must be a positive finite number
      tradermetrics.histograms.buckets { "Bad Name" = [1] } | tradermetrics.histograms.buckets."Bad Name" = [1] | a Micrometer meter name
      tradermetrics.common-tags { "bad-key" = x } | tradermetrics.common-tags."bad-key" = "x"      | a tag key
      tradermetrics.otlp.url = "ftp://collector"  | tradermetrics.otlp.url = "ftp://collector"     | an http or https URL
      tradermetrics.otlp.step = 10ms              | tradermetrics.otlp.step = "10ms"               | a duration from 1s to 1d
      tradermetrics.info.build-time = yesterday   | tradermetrics.info.build-time = "yesterday"    | an ISO-8601 instant
      tradermetrics.info.git-commit = HEAD        | tradermetrics.info.git-commit = "HEAD"         | a lower-case hex commit id of 7 to 40 digits
      tradermetrics.exporter.tls { enabled = true, keystore = " " } | tradermetrics.exporter.tls.keystore = " " | the path of a PKCS#12 keystore
      """)
  void failsInjectorCreationNamingTheKeyTheValueAndWhatIsValid(String line, String named, String valid) throws Exception {
    Path file = file(line + "\n");
    assertThatThrownBy(() -> Guice.createInjector(TraderMetricsModule.builder().configFile(file)
        .environment(Map.of()).exporterEnabled(false).build()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining(named)
        .hasMessageContaining(valid)
        .hasMessageContaining(file.getFileName().toString());
  }

  @Test
  void namesTheEnvironmentVariableABadValueCameFrom() {
    assertThatThrownBy(() -> Guice.createInjector(TraderMetricsModule.builder()
        .environment(Map.of("CONFIG_FORCE_tradermetrics_exporter_port", "abc")).jvmBinders(false).build()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("tradermetrics.exporter.port = \"abc\" (from environment variable CONFIG_FORCE_tradermetrics_exporter_port)")
        .hasMessageContaining("expected an integer from 0 (any free port) to 65535");
  }

  @Test
  void failsInjectorCreationNamingAMissingFile() {
    Path missing = dir.resolve("missing.conf");
    assertThatThrownBy(() -> Guice.createInjector(TraderMetricsModule.builder().configFile(missing)
        .environment(Map.of()).build()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("cannot read the tradermetrics configuration file " + missing.toAbsolutePath());
  }

  @Test
  void rejectsABadBuilderValueWhenTheModuleIsBuilt() {
    assertThatThrownBy(() -> TraderMetricsModule.builder().port(70000).build())
        .isInstanceOf(TraderMetricsConfigException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tradermetrics.exporter.port = 70000 (from TraderMetricsModule.Builder")
        .hasMessageContaining("0 (any free port) to 65535");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> TraderMetricsConfig.from(ConfigFactory.parseString(
        "tradermetrics { namespace = 1x, orders.capacity = 0, typo = 1 }")))
        .isInstanceOf(TraderMetricsConfigException.class)
        .hasMessageContaining("tradermetrics.namespace")
        .hasMessageContaining("tradermetrics.orders.capacity")
        .hasMessageContaining("unknown key tradermetrics.typo");
  }

  @Test
  void ignoresKeysOutsideTradermetrics() {
    assertThat(TraderMetricsConfig.from(ConfigFactory.parseString("akka.loglevel = DEBUG")).namespace()).isEqualTo("trader");
  }

  /** Values the configuration cannot honour are refused, each naming key, value, origin and what is valid. */
  @Nested
  class Refusals {

    private Injector create(TraderMetricsModule module) {
      Injector injector = Guice.createInjector(module);
      injectors.add(injector);
      return injector;
    }

    /** The message of the configuration failure, with the file's path shortened to its name. */
    private String failure(String hocon, Map<String, String> environment) throws IOException {
      Path file = file(hocon);
      return failureMessage(file, environment).replace(file.toString(), file.getFileName().toString());
    }

    private String failureMessage(Path file, Map<String, String> environment) {
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> create(TraderMetricsModule.builder()
          .configFile(file).environment(environment).jvmBinders(false).build()));
      assertThat(thrown).isInstanceOf(CreationException.class);
      Throwable cause = thrown.getCause();
      assertThat(cause).isInstanceOf(TraderMetricsConfigException.class);
      return cause.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        exporter.port = 19640.7  | tradermetrics.exporter.port = 19640.7 (from tradermetrics.conf: 1) is not valid: expected an integer from 0 (any free port) to 65535
        exporter.threads = 2.9   | tradermetrics.exporter.threads = 2.9 (from tradermetrics.conf: 1) is not valid: expected an integer from 1 to 64
        orders.capacity = 500.5  | tradermetrics.orders.capacity = 500.5 (from tradermetrics.conf: 1) is not valid: expected an integer from 1 to 100000000
        exporter.max-requests = 0 | tradermetrics.exporter.max-requests = 0 (from tradermetrics.conf: 1) is not valid: expected an integer from 1 to 10000
        exporter.request-timeout = 10ms | tradermetrics.exporter.request-timeout = "10ms" (from tradermetrics.conf: 1) is not valid: expected a duration from 100ms to 10m, e.g. 5s
        exporter.health.show-details = sometimes | tradermetrics.exporter.health.show-details = "sometimes" (from tradermetrics.conf: 1) is not valid: expected when-authorized, never or always
        """)
    void refusesValuesThatAreNotWhatTheKeyTakes(String setting, String message) throws IOException {
      assertThat(failure("tradermetrics." + setting + "\n", Map.of()))
          .isEqualTo("invalid tradermetrics configuration:\n  - " + message);
    }

    @Test
    void refusesAnIntegerThatIsNotOneFromTheEnvironment() {
      assertThatThrownBy(() -> create(TraderMetricsModule.builder().jvmBinders(false)
          .environment(Map.of("CONFIG_FORCE_tradermetrics_exporter_port", "19640.7")).build()))
          .isInstanceOf(CreationException.class)
          .hasMessageContaining("tradermetrics.exporter.port = \"19640.7\" (from environment variable "
              + "CONFIG_FORCE_tradermetrics_exporter_port) is not valid: expected an integer from 0 (any free port) to 65535");
    }

    @Test
    void refusesAHostThatDoesNotResolveNamingKeyAndHost() throws IOException {
      assertThat(failure("tradermetrics.exporter.host = nohost.invalid\n", Map.of())).isEqualTo(
          "invalid tradermetrics configuration:\n  - tradermetrics.exporter.host = \"nohost.invalid\" (from tradermetrics.conf: 1)"
              + " is not valid: expected an address or host name of this machine, e.g. 127.0.0.1 or 0.0.0.0; "
              + "'nohost.invalid' does not resolve to an address");
    }

    @Test
    void saysInOneLineThatTheRootIsNotAnObject() throws IOException {
      assertThat(failure("tradermetrics = 5\n", Map.of())).isEqualTo("invalid tradermetrics configuration: tradermetrics = 5 "
          + "(from tradermetrics.conf: 1) is not valid: expected an object of settings, e.g. tradermetrics { ... }");
    }

    @Test
    void saysInOneLineThatASectionIsNotAnObject() throws IOException {
      assertThat(failure("tradermetrics.exporter = on\n", Map.of())).isEqualTo("invalid tradermetrics configuration: "
          + "tradermetrics.exporter = \"on\" (from tradermetrics.conf: 1) is not valid: expected an object of settings, "
          + "e.g. tradermetrics.exporter { ... }");
    }

    @Test
    void namesAMissingPasswordVariableButNoValue() throws IOException {
      String message = failure("tradermetrics.exporter.auth.enabled = true\n", Map.of("TRADERMETRICS_USERNAME", "prometheus"));
      assertThat(message).contains("environment variable TRADERMETRICS_PASSWORD (named by "
          + "tradermetrics.exporter.auth.password-env) is not set or empty").doesNotContain("prometheus");
    }

    @Test
    void hidesThePasswordFromTheAuthSettingsText() {
      assertThat(new TraderMetricsConfig.Auth("prometheus", "s3cret", false).toString())
          .contains("prometheus").doesNotContain("s3cret");
    }

    @Nested
    class Tls {

      private Path keystore() throws Exception {
        Path keystore = dir.resolve("exporter.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "exporter", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
            "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        return keystore;
      }

      @Test
      void namesTheKeyAndTheFileOfAMissingKeystore() throws IOException {
        Path missing = dir.resolve("nonexistent.p12");
        String message = failure("tradermetrics.exporter.tls { enabled = true, keystore = \"" + missing + "\" }\n",
            Map.of("TRADERMETRICS_KEYSTORE_PASSWORD", "changeit"));
        assertThat(message).contains("tradermetrics.exporter.tls.keystore = \"" + missing + "\" (from tradermetrics.conf: 1)"
            + " is not valid: expected a PKCS#12 keystore with a private key, readable with the password in "
            + "TRADERMETRICS_KEYSTORE_PASSWORD, but tls keystore '" + missing + "' cannot be used: no such file");
      }

      @Test
      void namesTheKeyAndTheFileOfAWrongPassword() throws Exception {
        Path keystore = keystore();
        String message = failure("tradermetrics.exporter.tls { enabled = true, keystore = \"" + keystore + "\" }\n",
            Map.of("TRADERMETRICS_KEYSTORE_PASSWORD", "wrong"));
        assertThat(message).contains("tradermetrics.exporter.tls.keystore = \"" + keystore + "\"")
            .contains("tls keystore '" + keystore + "' cannot be used: wrong password").doesNotContain("wrong\"");
      }

      @Test
      void servesHttpsWithTheKeystoreAndPasswordFromTheNamedVariable() throws Exception {
        Path keystore = keystore();
        Injector injector = create(TraderMetricsModule.builder().port(0).jvmBinders(false)
            .configFile(file("tradermetrics.exporter.tls { enabled = true, keystore = \"" + keystore + "\" }\n"))
            .environment(Map.of("TRADERMETRICS_KEYSTORE_PASSWORD", "changeit")).build());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
          trusted.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        URI metrics = injector.getInstance(TraderMetricsService.class).metricsUri();
        assertThat(metrics.getScheme()).isEqualTo("https");
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(ssl).build()
            .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
      }
    }

    @Nested
    class Sources {

      @Test
      void readsTheApplicationsOwnConfig() {
        Injector injector = create(TraderMetricsModule.builder().jvmBinders(false).environment(Map.of())
            .config(ConfigFactory.parseString("tradermetrics { namespace = desk, exporter.port = 0 }, akka.loglevel = DEBUG"))
            .build());
        assertThat(injector.getInstance(TraderMetricsConfig.class).namespace()).isEqualTo("desk");
      }

      @Test
      void systemPropertiesWinOverTheBuilderAndTheFile() {
        System.setProperty("tradermetrics.labels.value-limit", "42");
        ConfigFactory.invalidateCaches();
        try {
          Injector injector = create(TraderMetricsModule.builder().port(0).jvmBinders(false).environment(Map.of())
              .labelValueLimit(7).config(ConfigFactory.parseString("tradermetrics.labels.value-limit = 8")).build());
          assertThat(injector.getInstance(TraderMetricsConfig.class).labelValueLimit()).isEqualTo(42);
        } finally {
          System.clearProperty("tradermetrics.labels.value-limit");
          ConfigFactory.invalidateCaches();
        }
      }

      @Test
      void environmentOverridesWinOverSystemPropertiesAndCanBeTurnedOff() {
        System.setProperty("tradermetrics.labels.value-limit", "42");
        ConfigFactory.invalidateCaches();
        Map<String, String> env = Map.of("CONFIG_FORCE_tradermetrics_labels_value__limit", "43");
        try {
          TraderMetricsConfig on = create(TraderMetricsModule.builder().port(0).jvmBinders(false).environment(env).build())
              .getInstance(TraderMetricsConfig.class);
          TraderMetricsConfig off = create(TraderMetricsModule.builder().port(0).jvmBinders(false).environment(env)
              .environmentOverrides(false).build()).getInstance(TraderMetricsConfig.class);
          assertThat(on.labelValueLimit()).isEqualTo(43);
          assertThat(off.labelValueLimit()).isEqualTo(42);
        } finally {
          System.clearProperty("tradermetrics.labels.value-limit");
          ConfigFactory.invalidateCaches();
        }
      }
    }
  }
}
