package io.tradermetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private MetricsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(HttpClient client, String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Nested
  class BasicAuth {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void refusesMissingOrWrongCredentialsWith401AndAChallenge() throws Exception {
      server = MetricsServer.builder(registry).port(0).basicAuth("prometheus", "s3cret").buildAndStart();
      for (String path : List.of("/metrics", "/info", "/health", "/health/live", "/health/ready")) {
        HttpResponse<String> none = get(http, path, null);
        assertThat(none.statusCode()).as(path).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Basic realm=\"tradermetrics\", charset=\"UTF-8\"");
        assertThat(get(http, path, basic("prometheus", "wrong")).statusCode()).as(path).isEqualTo(401);
        assertThat(get(http, path, basic("someone", "s3cret")).statusCode()).as(path).isEqualTo(401);
      }
    }

    @Test
    void acceptsTheRightCredentials() throws Exception {
      server = MetricsServer.builder(registry).port(0).basicAuth("prometheus", "s3cret").buildAndStart();
      for (String path : List.of("/metrics", "/info", "/health", "/health/live", "/health/ready")) {
        assertThat(get(http, path, basic("prometheus", "s3cret")).statusCode()).as(path).isEqualTo(200);
      }
    }

    @Test
    void letsProbesThroughWithoutCredentialsOrDetailsWhenAsked() throws Exception {
      server = MetricsServer.builder(registry).port(0).basicAuth("prometheus", "s3cret").unauthenticatedProbes(true)
          .healthCheck(KillSwitchCheck.of("killSwitch"))
          .healthCheck(new HealthCheck() {
            @Override
            public String name() {
              return "venue";
            }

            @Override
            public HealthResult check() {
              return HealthResult.up(Map.of("account", "secret-account-id"));
            }
          })
          .buildAndStart();
      HttpResponse<String> ready = get(http, "/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"venue\":{\"status\":\"UP\"}").doesNotContain("secret-account-id");
      assertThat(get(http, "/health/live", null).statusCode()).isEqualTo(200);
      assertThat(get(http, "/health/ready", basic("prometheus", "s3cret")).body()).contains("secret-account-id");
      assertThat(get(http, "/health", null).statusCode()).isEqualTo(401);
      assertThat(get(http, "/metrics", null).statusCode()).isEqualTo(401);
      assertThat(get(http, "/info", null).statusCode()).isEqualTo(401);
    }

    @Test
    void readsCredentialsFromTheEnvironment() throws Exception {
      Map<String, String> env = Map.of("TM_USER", "prometheus", "TM_PASSWORD", "from-env");
      server = MetricsServer.builder(registry).port(0)
          .basicAuthFromEnvironment("TM_USER", "TM_PASSWORD", env::get).buildAndStart();
      assertThat(get(http, "/metrics", basic("prometheus", "from-env")).statusCode()).isEqualTo(200);
      assertThat(get(http, "/metrics", basic("prometheus", "s3cret")).statusCode()).isEqualTo(401);
    }

    @Test
    void failsAtStartNamingTheMissingVariableButNotAValue() {
      Map<String, String> env = Map.of("TM_USER", "prometheus");
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(0)
          .basicAuthFromEnvironment("TM_USER", "TM_PASSWORD", env::get).buildAndStart())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("basicAuthFromEnvironment: environment variable 'TM_PASSWORD' (password) is not set");
    }

    @Test
    void readsCredentialsFromAFileWhosePasswordMayContainAColon(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("credentials");
      Files.writeString(file, "prometheus:pa:ss\n");
      server = MetricsServer.builder(registry).port(0).basicAuthFromFile(file).buildAndStart();
      assertThat(get(http, "/info", basic("prometheus", "pa:ss")).statusCode()).isEqualTo(200);
      assertThat(get(http, "/info", basic("prometheus", "pa")).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsAMalformedCredentialsFileWithoutEchoingIt(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("credentials");
      Files.writeString(file, "onlyapassword\n");
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(0).basicAuthFromFile(file).buildAndStart())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("expected a first line 'username:password'")
          .hasMessageNotContaining("onlyapassword");
    }
  }

  @Nested
  class Tls {

    @Test
    void servesHttpsFromAPkcs12KeystoreToAClientThatTrustsIt(@TempDir Path dir) throws Exception {
      Path keystore = dir.resolve("exporter.p12");
      char[] password = "changeit".toCharArray();
      Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
          "-genkeypair", "-alias", "exporter", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
          "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
          "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
          .redirectErrorStream(true).start();
      String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(keytool.exitValue()).as(keytoolOutput).isZero();

      server = MetricsServer.builder(registry).port(0).tls(keystore, password).buildAndStart();
      assertThat(server.metricsUri()).hasToString("https://127.0.0.1:" + server.port() + "/metrics");

      KeyStore trusted = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        trusted.load(in, password);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();

      HttpResponse<String> response = get(https, "/metrics", null);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("tradermetrics_build_info");

      HttpClient untrusting = HttpClient.newHttpClient();
      assertThatThrownBy(() -> get(untrusting, "/metrics", null)).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void failsAtStartNamingAKeystoreThatCannotBeRead(@TempDir Path dir) {
      Path missing = dir.resolve("missing.p12");
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(0).tls(missing, "x".toCharArray()).buildAndStart())
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith("tls keystore '" + missing + "' cannot be used");
    }
  }
}
