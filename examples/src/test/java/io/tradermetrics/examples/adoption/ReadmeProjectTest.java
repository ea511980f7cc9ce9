package io.tradermetrics.examples.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.aspects.TraderMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A new user's project built from README.md alone: the two pom snippets are cut out of README.md
 * (not copied), put into a small project ({@code src/test/readme-project}: a two-venue arbitrage bot
 * and a test helper), and built by a nested Maven against the artifacts of this build (installed into
 * a repository of their own by the {@code readme-project} profile), with this build's local repository
 * as its only remote one. Then: the build log shows the weaving, main and test classes are woven,
 * the resolved versions are aligned, a rebuild after deleting a class file still weaves, and the bot
 * run in a child JVM serves exact values over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeProjectTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path TEMPLATE = Path.of("src", "test", "readme-project");
  /** The most one nested build may take (about 20 s here), so that a hung build fails instead of blocking. */
  private static final long BUILD_LIMIT_SECONDS = 300;

  private Path project;
  private String firstBuild;

  /** The XML block that follows {@code <!-- snippet: name} in README.md. */
  static String snippet(String readme, String name) {
    int marker = readme.indexOf("<!-- snippet: " + name);
    assertThat(marker).as("README.md marks the snippet " + name).isNotNegative();
    int start = readme.indexOf("```xml\n", marker) + "```xml\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private static String mavenBuild(Path project, String... goals) throws IOException, InterruptedException {
    Path settings = project.resolve("settings.xml");
    Files.writeString(settings, """
        <settings>
          <mirrors>
            <mirror><id>outer-build</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
          </mirrors>
        </settings>
        """.formatted(Path.of(System.getProperty("readme.outerRepository")).toUri()));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
        "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + System.getProperty("readme.repository")));
    command.addAll(Arrays.asList(goals));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
    builder.environment().remove("MAVEN_ARGS");
    Process maven = builder.start();
    maven.getOutputStream().close();
    String log = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(maven.waitFor(BUILD_LIMIT_SECONDS, TimeUnit.SECONDS)).as("nested build ended").isTrue();
    assertThat(maven.exitValue()).as("nested build of the README project:\n" + log).isZero();
    return log;
  }

  @BeforeAll
  void buildTheReadmeProject() throws Exception {
    String readme = Files.readString(README);
    project = Files.createTempDirectory("readme-project");
    copyTree(TEMPLATE, project);
    Path pom = project.resolve("pom.xml");
    String template = Files.readString(pom);
    Files.writeString(pom, template
        .replace("<!-- README: user-pom-dependencies -->", snippet(readme, "user-pom-dependencies"))
        .replace("<!-- README: user-pom-plugin -->", snippet(readme, "user-pom-plugin")));
    firstBuild = mavenBuild(project, "package", "-DskipTests",
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
        "-Dmdep.outputFile=" + project.resolve("classpath.txt"), "-Dmdep.includeScope=runtime");
  }

  private static boolean wovenClassFile(Path classFile) throws IOException {
    // generated advice marks each method it advises with @GeneratedAdvice; the generic advice's
    // weaving adds join point constants named ajc$tjp_N
    String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    return bytes.contains("Lio/tradermetrics/aspects/GeneratedAdvice;") || bytes.contains("ajc$tjp_");
  }

  private List<String> runtimeClassPath() throws IOException {
    return Arrays.asList(Files.readString(project.resolve("classpath.txt")).strip().split(java.io.File.pathSeparator));
  }

  @Test
  void theReadmeNamesThisBuildsVersion() {
    String dependencies = snippet(readFile(README), "user-pom-dependencies");
    assertThat(dependencies).contains("<version>" + System.getProperty("examples.projectVersion") + "</version>");
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theBuildLogShowsEachAnnotatedMethodAdvised() {
    assertThat(firstBuild).contains("Join point 'method-execution(double com.example.arb.ArbBot.onFill(com.example.arb.Fill))'")
        .contains("Join point 'method-execution(long com.example.arb.ArbBot.submit(java.lang.String, java.lang.String, "
            + "java.lang.String, double))'")
        .contains("Join point 'method-execution(void com.example.arb.PaperVenue.quote(java.lang.String))'")
        // the advice generated for each class at build time
        .contains("advised by around advice from 'com.example.arb.ArbBotTraderMetricsAdvice'")
        .contains("advised by around advice from 'com.example.arb.PaperVenueTraderMetricsAdvice'");
  }

  @Test
  void mainAndTestClassesAreWovenAndATestClassRecords() throws Exception {
    assertThat(wovenClassFile(project.resolve("target/classes/com/example/arb/ArbBot.class"))).isTrue();
    assertThat(wovenClassFile(project.resolve("target/test-classes/com/example/arb/PaperVenue.class"))).isTrue();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TraderMetrics.bind(registry);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {project.resolve("target/test-classes/").toUri().toURL(),
        project.resolve("target/classes/").toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> venue = loader.loadClass("com.example.arb.PaperVenue");
      assertThat(TraderMetrics.isWoven(venue)).isTrue();
      venue.getMethod("quote", String.class).invoke(venue.getConstructor().newInstance(), "BTC/USD");
      assertThat(registry.get("trader.quotes").tag("symbol", "BTC/USD").counter().count()).isEqualTo(1.0);
    } finally {
      TraderMetrics.unbind(registry);
    }
  }

  @Test
  void theResolvedVersionsAreTheBomsAndOtlpStaysOut() throws IOException {
    List<String> jars = runtimeClassPath().stream().map(p -> Path.of(p).getFileName().toString()).toList();
    assertThat(jars).filteredOn(j -> j.startsWith("prometheus-metrics-")).isNotEmpty()
        .allSatisfy(j -> assertThat(j).endsWith("-1.8.0.jar"));
    assertThat(jars).filteredOn(j -> j.startsWith("micrometer-")).isNotEmpty()
        .allSatisfy(j -> assertThat(j).endsWith("-1.17.2.jar"));
    assertThat(jars).contains("aspectjrt-1.9.25.jar", "metrics-guice-" + System.getProperty("examples.projectVersion") + ".jar");
    assertThat(jars).noneMatch(j -> j.startsWith("micrometer-registry-otlp") || j.startsWith("opentelemetry-proto")
        || j.startsWith("protobuf-java"));
  }

  @Test
  void theBotServesExactValuesOverHttpAndReportsItsJoinPointsWoven() throws Exception {
    List<String> classPath = new ArrayList<>(List.of(project.resolve("target/classes").toString()));
    classPath.addAll(runtimeClassPath());
    Process bot = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        String.join(java.io.File.pathSeparator, classPath), "com.example.arb.Main").redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String uri = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        seen.append(line).append('\n');
        if (line.startsWith("metrics=")) {
          uri = line.substring("metrics=".length());
          break;
        }
      }
      assertThat(uri).as("the bot's output:\n" + seen).isNotNull();
      assertThat(seen.toString()).doesNotContain("WARN").doesNotContain("ERROR");
      String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(value(body, "trader_orders_filled_total{side=\"buy\",symbol=\"BTC/USD\",venue=\"kraken\"}")).isEqualTo(1.0);
      assertThat(value(body, "trader_fill_volume_total{side=\"sell\",symbol=\"BTC/USD\",venue=\"bitstamp\"}")).isEqualTo(0.25);
      assertThat(value(body, "trader_fill_notional_total{currency=\"unknown\",side=\"buy\",symbol=\"BTC/USD\",venue=\"kraken\"}"))
          .isEqualTo(15000.0);
      assertThat(value(body, "trader_position{symbol=\"BTC/USD\",venue=\"unknown\"}")).isEqualTo(0.25);
      assertThat(value(body, "trader_order_latency_seconds_count{exception=\"none\",operation=\"submit\",outcome=\"ok\","
          + "side=\"buy\",symbol=\"BTC/USD\",venue=\"kraken\"}")).isEqualTo(1.0);
      assertThat(value(body, "tradermetrics_join_points{state=\"woven\"}")).isEqualTo(2.0);
      assertThat(value(body, "tradermetrics_join_points{state=\"unwoven\"}")).isZero();
    } finally {
      bot.getOutputStream().close();
      if (!bot.waitFor(30, TimeUnit.SECONDS)) {
        bot.destroyForcibly();
      }
    }
  }

  private static double value(String exposition, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
    assertThat(m.find()).as(series + " in\n" + exposition).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** In a copy of the built project, so that the other tests see the first build whatever the order. */
  @Test
  void aRebuildAfterDeletingAClassFileStillWeaves() throws Exception {
    Path copy = Files.createTempDirectory("readme-project-rebuild");
    copyTree(project, copy);
    Files.delete(copy.resolve("target/classes/com/example/arb/Fill.class"));
    String log = mavenBuild(copy, "package", "-DskipTests");
    assertThat(log).doesNotContain("No modifications found skipping aspectJ compile");
    assertThat(wovenClassFile(copy.resolve("target/classes/com/example/arb/ArbBot.class"))).isTrue();
    assertThat(Files.exists(copy.resolve("target/classes/com/example/arb/Fill.class"))).isTrue();
    assertThat(Files.exists(copy.resolve("target/classes/builddef.lst"))).as("builddef.lst out of the jar").isFalse();
  }
}
