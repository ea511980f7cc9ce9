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
    void acceptsTheSchemeNameInAnyCase() throws Exception {
      server = MetricsServer.builder(registry).port(0).basicAuth("prometheus", "s3cret").buildAndStart();
      String token = basic("prometheus", "s3cret").substring("Basic ".length());
      for (String scheme : List.of("basic", "BASIC", "bAsIc")) {
        assertThat(get(http, "/metrics", scheme + " " + token).statusCode()).as(scheme).isEqualTo(200);
      }
    }

    @Test
    void refusesMalformedAuthorizationHeadersWith401() throws Exception {
      server = MetricsServer.builder(registry).port(0).basicAuth("prometheus", "s3cret").buildAndStart();
      for (String header : List.of("Basic", "Basic !!!not-base64!!!", "Basic " + Base64.getEncoder().encodeToString(
          "no-colon".getBytes(StandardCharsets.UTF_8)), "Bearer abc")) {
        HttpResponse<String> response = get(http, "/metrics", header);
        assertThat(response.statusCode()).as(header).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(header).isPresent();
      }
    }

    @Test
    void checksCredentialsBeforeTheMethod() throws Exception {
      server = MetricsServer.builder(registry).port(0).basicAuth("prometheus", "s3cret").buildAndStart();
      HttpRequest.Builder post = HttpRequest.newBuilder(server.baseUri().resolve("/metrics"))
          .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("x"));
      HttpResponse<String> anonymous = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
      HttpResponse<String> authorized = http.send(post.header("Authorization", basic("prometheus", "s3cret")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(authorized.statusCode()).isEqualTo(405);
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
      Path keystore = keytool(dir, "exporter.p12", "-validity", "2");
      char[] password = "changeit".toCharArray();

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

    private Path keytool(Path dir, String name, String... extra) throws Exception {
      Path keystore = dir.resolve(name);
      List<String> command = new java.util.ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
          "-genkeypair", "-alias", "exporter", "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
          "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit"));
      command.addAll(List.of(extra));
      Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(keytool.exitValue()).as(output).isZero();
      return keystore;
    }

    @Test
    void failsAtStartSayingAMissingKeystoreDoesNotExist(@TempDir Path dir) {
      Path missing = dir.resolve("nonexistent").resolve("ks.p12");
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(0).tls(missing, "x".toCharArray()).buildAndStart())
          .isInstanceOf(java.io.IOException.class)
          .hasMessage("tls keystore '" + missing + "' cannot be used: no such file");
    }

    @Test
    void failsAtStartOnAWrongKeystorePassword(@TempDir Path dir) throws Exception {
      Path keystore = keytool(dir, "exporter.p12", "-validity", "2");
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(0).tls(keystore, "wrong".toCharArray()).buildAndStart())
          .isInstanceOf(java.io.IOException.class)
          .hasMessage("tls keystore '" + keystore + "' cannot be used: wrong password (the keystore cannot be opened with it)");
    }

    @Test
    void failsAtStartOnAKeystoreHoldingOnlyACertificate(@TempDir Path dir) throws Exception {
      Path full = keytool(dir, "exporter.p12", "-validity", "2");
      KeyStore source = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(full)) {
        source.load(in, "changeit".toCharArray());
      }
      KeyStore certOnly = KeyStore.getInstance("PKCS12");
      certOnly.load(null, null);
      certOnly.setCertificateEntry("exporter-cert", source.getCertificate("exporter"));
      Path keystore = dir.resolve("cert-only.p12");
      try (var out = Files.newOutputStream(keystore)) {
        certOnly.store(out, "changeit".toCharArray());
      }
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(0).tls(keystore, "changeit".toCharArray()).buildAndStart())
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith("tls keystore '" + keystore + "' cannot be used: it holds no private key, only "
              + "certificates (aliases exporter-cert)");
    }

    @Test
    void failsAtStartOnAFileThatIsNotAKeystore(@TempDir Path dir) throws Exception {
      Path keystore = Files.writeString(dir.resolve("exporter.p12"), "not a keystore\n");
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(0).tls(keystore, "x".toCharArray()).buildAndStart())
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith("tls keystore '" + keystore + "' cannot be used: not a PKCS#12 keystore");
    }

    @Test
    void startsWithAnExpiredCertificateButWarnsNamingTheFile(@TempDir Path dir) throws Exception {
      Path keystore = keytool(dir, "expired.p12", "-startdate", "-10d", "-validity", "2");
      try (LogCapture log = new LogCapture(TlsKeystore.class)) {
        server = MetricsServer.builder(registry).port(0).tls(keystore, "changeit".toCharArray()).buildAndStart();
        assertThat(log.atLeast(java.util.logging.Level.WARNING)).singleElement()
            .satisfies(r -> assertThat(r.getMessage())
                .contains("tls keystore '" + keystore + "'", "alias 'exporter'", "expired on"));
      }
      assertThat(server.baseUri().getScheme()).isEqualTo("https");
    }

    @Test
    void failsAtStartNamingAKeystoreThatCannotBeRead(@TempDir Path dir) {
      Path missing = dir.resolve("missing.p12");
      assertThatThrownBy(() -> MetricsServer.builder(registry).port(0).tls(missing, "x".toCharArray()).buildAndStart())
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith("tls keystore '" + missing + "' cannot be used");
    }
  }

  @Nested
  class HealthDetailsShown {
    private final HttpClient http = HttpClient.newHttpClient();
    private final HealthCheck leaky = new HealthCheck() {
      @Override
      public String name() {
        return "database";
      }

      @Override
      public HealthResult check() {
        throw new IllegalStateException("cannot connect to jdbc:postgresql://db/trades?password=hunter2");
      }
    };

    private boolean detailsShown(HttpResponse<String> response) {
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("\"database\":{\"status\":\"DOWN\"");
      return response.body().contains("hunter2");
    }

    private void start(HealthDetails details, boolean auth) throws Exception {
      MetricsServer.Builder builder = MetricsServer.builder(registry).port(0).healthCheck(leaky).healthDetails(details);
      if (auth) {
        builder.basicAuth("prometheus", "s3cret").unauthenticatedProbes(true);
      }
      server = builder.buildAndStart();
    }

    @Test
    void byDefaultWithoutAuthenticationShowStatusesOnly() throws Exception {
      server = MetricsServer.builder(registry).port(0).healthCheck(leaky).buildAndStart();
      assertThat(detailsShown(get(http, "/health", null))).isFalse();
      assertThat(detailsShown(get(http, "/health/ready", null))).isFalse();
    }

    @Test
    void whenAuthorizedShowsDetailsOnlyToCallersWithCredentials() throws Exception {
      start(HealthDetails.WHEN_AUTHORIZED, true);
      assertThat(detailsShown(get(http, "/health", basic("prometheus", "s3cret")))).isTrue();
      assertThat(detailsShown(get(http, "/health/ready", basic("prometheus", "s3cret")))).isTrue();
      assertThat(detailsShown(get(http, "/health/ready", null))).isFalse();
      assertThat(detailsShown(get(http, "/health/ready", basic("prometheus", "wrong")))).isFalse();
    }

    @Test
    void whenAuthorizedWithAuthenticationOffShowsStatusesOnly() throws Exception {
      start(HealthDetails.WHEN_AUTHORIZED, false);
      assertThat(detailsShown(get(http, "/health", null))).isFalse();
      assertThat(detailsShown(get(http, "/health", basic("prometheus", "s3cret")))).isFalse();
    }

    @Test
    void neverShowsDetailsEvenWithCredentials() throws Exception {
      start(HealthDetails.NEVER, true);
      assertThat(detailsShown(get(http, "/health", basic("prometheus", "s3cret")))).isFalse();
      server.close();
      start(HealthDetails.NEVER, false);
      assertThat(detailsShown(get(http, "/health", null))).isFalse();
    }

    @Test
    void alwaysShowsDetailsToEveryCallerThatMayReadTheEndpoint() throws Exception {
      start(HealthDetails.ALWAYS, false);
      assertThat(detailsShown(get(http, "/health", null))).isTrue();
      server.close();
      start(HealthDetails.ALWAYS, true);
      assertThat(detailsShown(get(http, "/health/ready", null))).isTrue();
      assertThat(get(http, "/health", null).statusCode()).isEqualTo(401);
    }
  }
}
