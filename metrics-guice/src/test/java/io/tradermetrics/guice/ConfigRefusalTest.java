package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.typesafe.config.ConfigFactory;
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
import java.util.ArrayList;
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

/** Values the configuration cannot honour are refused, each naming key, value, origin and what is valid. */
class ConfigRefusalTest {

  @TempDir
  Path dir;

  private final List<Injector> injectors = new ArrayList<>();

  @AfterEach
  void close() {
    injectors.forEach(i -> i.getInstance(TraderMetricsService.class).close());
  }

  private Path file(String hocon) throws IOException {
    return Files.writeString(dir.resolve("tradermetrics.conf"), hocon, StandardCharsets.UTF_8);
  }

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
