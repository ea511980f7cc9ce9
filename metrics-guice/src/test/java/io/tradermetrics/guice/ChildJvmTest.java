package io.tradermetrics.guice;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradermetrics.guice.unwoven.ChildMain;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What only a fresh JVM shows: load-time weaving with nothing but {@code -javaagent} (the
 * {@code META-INF/aop.xml} metrics-aspects ships), and metrics-guice without its optional OTLP jar.
 * The child runs {@link ChildMain} on this test's class path (or a part of it).
 */
class ChildJvmTest {

  /** The test class path, as surefire gives it (its own booter jar hides it from java.class.path). */
  private static List<String> classPath() {
    return Arrays.asList(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
        .split(File.pathSeparator));
  }

  private static String jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(List<String> jvmArgs, List<String> classPath, String mode) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), ChildMain.class.getName(), mode));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    // read both to the end (the child ends by itself); then its exit code
    var out = process.getInputStream().readAllBytes();
    var err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void loadTimeWeavingNeedsOnlyTheAgent() throws Exception {
    String agent = jarOf(org.aspectj.weaver.loadtime.Agent.class);
    Run woven = run(List.of("-javaagent:" + agent), classPath(), "ltw");

    assertThat(woven.exit()).as(woven.err()).isZero();
    assertThat(woven.out().lines()).containsExactly("woven=true", "state=[WOVEN]", "submits=3");
  }

  @Test
  void withoutTheAgentTheUnwovenMethodIsWarnedAboutAndRecordsNothing() throws Exception {
    Run plain = run(List.of(), classPath(), "ltw");

    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(plain.out().lines()).containsExactly("woven=false", "state=[UNWOVEN]", "submits=0");
    assertThat(plain.err()).contains("WARN").contains("1 annotated method(s) are not woven")
        .contains("io.tradermetrics.guice.unwoven.UnwovenGateway.submit(String)");
  }

  @Test
  void withoutTheOptionalOtlpJarOtlpOnFailsNamingTheArtifactToAdd() throws Exception {
    String otlp = jarOf(io.micrometer.registry.otlp.OtlpMeterRegistry.class);
    String proto = jarOf(io.opentelemetry.proto.metrics.v1.MetricsData.class);
    List<String> withoutOtlp = classPath().stream().filter(e -> !e.equals(otlp) && !e.equals(proto))
        .collect(Collectors.toList());
    assertThat(withoutOtlp).hasSize(classPath().size() - 2);

    Run run = run(List.of(), withoutOtlp, "otlp");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("failed=").contains("tradermetrics.otlp.enabled = true needs "
        + "io.micrometer:micrometer-registry-otlp on the class path (an optional dependency of metrics-guice)");
  }
}
