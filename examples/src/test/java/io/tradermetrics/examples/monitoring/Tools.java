package io.tradermetrics.examples.monitoring;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The monitoring tools the tests run (Debian packages {@code prometheus}: prometheus, promtool;
 * {@code prometheus-alertmanager}: prometheus-alertmanager, amtool; {@code victoria-metrics}:
 * victoria-metrics, vmalert; {@code nodejs}: node), found on
 * the PATH. A missing tool fails the test with the package to install: {@code .ci/run} installs
 * them; a check that silently does not run proves nothing.
 */
final class Tools {

  /** The monitoring assets, from the examples module's directory (Maven runs tests there). */
  static final Path MONITORING = Path.of("monitoring").toAbsolutePath();
  static final Path RULES = MONITORING.resolve("prometheus/rules.yml");
  static final Path PROMETHEUS_CONFIG = MONITORING.resolve("prometheus/prometheus.yml");
  static final Path AGENT_CONFIG = MONITORING.resolve("prometheus/agent.yml");
  static final Path FEDERATION_CONFIG = MONITORING.resolve("prometheus/federation.yml");
  static final Path VICTORIA_METRICS_ARGS = MONITORING.resolve("victoriametrics/victoria-metrics.default");
  static final Path VMALERT_ARGS = MONITORING.resolve("victoriametrics/vmalert.default");
  static final Path ALERTMANAGER_CONFIG = MONITORING.resolve("alertmanager/alertmanager.yml");
  static final Path DASHBOARD = MONITORING.resolve("grafana/trader-dashboard.json");
  static final Path RUNBOOK = Path.of("..", "docs", "runbooks", "monitoring.md").toAbsolutePath().normalize();

  private Tools() {}

  /** The executable named {@code first} (or one of the alternatives) on the PATH. */
  static Path find(String debianPackage, String... names) {
    for (String name : names) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new AssertionError(String.join(" or ", names) + " not found on PATH: install it (Debian: apt-get install "
        + debianPackage + "; .ci/run does this)");
  }

  /** A free TCP port on 127.0.0.1 (free when asked; the caller binds it right away). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** {@code n} distinct free TCP ports on 127.0.0.1, held open together while chosen so that none repeats. */
  static List<Integer> freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  /** Exit code and combined output of a finished command. */
  record Result(int exitCode, String output) {}

  /** Runs a command to completion (at most 120 s) in {@code dir}. */
  static Result run(Path dir, Object... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    Arrays.stream(command).forEach(c -> args.add(String.valueOf(c)));
    Process process = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + args);
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /**
   * The command-line flags of an {@code /etc/default/<service>} file as the Debian units read it:
   * comment lines dropped, backslash-newline continuations joined, the value of {@code ARGS="..."}
   * split on white space.
   */
  static List<String> defaultArgs(Path file) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.startsWith("#")) {
        text.append(line).append('\n');
      }
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^ARGS=\"([^\"]*)\"", java.util.regex.Pattern.MULTILINE)
        .matcher(text.toString().replace("\\\n", ""));
    if (!m.find()) {
      throw new AssertionError("no ARGS=\"...\" in " + file);
    }
    return List.of(m.group(1).strip().split("\\s+"));
  }

  /**
   * {@code args} with the flag {@code -name=...} given {@code value}, failing when the flag is not
   * there exactly once: the committed file keeps the shape the test was written for.
   */
  static List<String> withFlag(List<String> args, String name, Object value) {
    List<String> out = new ArrayList<>();
    int found = 0;
    for (String arg : args) {
      if (arg.startsWith("-" + name + "=")) {
        found++;
        out.add("-" + name + "=" + value);
      } else {
        out.add(arg);
      }
    }
    if (found != 1) {
      throw new AssertionError("expected flag -" + name + " once in " + args + ", found " + found);
    }
    return out;
  }

  /**
   * {@code text} with {@code from} replaced by {@code to}, failing when {@code from} is not there
   * exactly {@code times} times: the committed config keeps the shape the test was written for.
   */
  static String replace(String text, String from, String to, int times) {
    int count = 0;
    for (int i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + from.length())) {
      count++;
    }
    if (count != times) {
      throw new AssertionError("expected '" + from + "' " + times + " time(s) in the config, found " + count);
    }
    return text.replace(from, to);
  }
}
