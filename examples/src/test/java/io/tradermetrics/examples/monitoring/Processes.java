package io.tradermetrics.examples.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The child processes of a test (servers, demo JVMs), each with its output in a log file. A process
 * is expected to stay alive until {@link #kill(String)}: {@link #await} fails at once, with the logs
 * of the processes that died, when one exits early, and with every log's tail when it times out.
 * {@link #close()} stops whatever is left (SIGTERM, then SIGKILL after a grace period). Not
 * thread-safe: the test thread drives it.
 */
final class Processes implements AutoCloseable {

  /** A condition polled by {@link #await}. */
  interface Condition {
    boolean met() throws Exception;
  }

  private record Child(String name, Process process, Path log) {}

  private final Path dir;
  private final Map<String, Child> running = new LinkedHashMap<>();
  private final List<Child> stopped = new ArrayList<>();
  private final Map<String, Long> peaksOfKilled = new LinkedHashMap<>();

  Processes(Path dir) {
    this.dir = dir;
  }

  /** Starts {@code command}, its output (stdout and stderr) in {@code <name>.log}. */
  Process start(String name, List<?> command, Map<String, String> environment) throws IOException {
    List<String> args = new ArrayList<>();
    command.forEach(c -> args.add(String.valueOf(c)));
    Path log = dir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    running.put(name, new Child(name, process, log));
    return process;
  }

  Process start(String name, Object... command) throws IOException {
    return start(name, List.of(command), Map.of());
  }

  Path log(String name) {
    Child child = running.get(name);
    return child != null ? child.log() : dir.resolve(name + ".log");
  }

  Process process(String name) {
    return running.get(name).process();
  }

  /** Kills {@code name} at once (SIGKILL, as a crash would) and waits for it to be gone. */
  void kill(String name) throws InterruptedException {
    Child child = running.get(name);
    peaksOfKilled.put(name, peakRssKib(child));
    running.remove(name);
    child.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    stopped.add(child);
  }

  /** Polls {@code condition} every 250 ms until it holds, failing after {@code timeoutSeconds}. */
  void await(String what, long timeoutSeconds, Condition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    Throwable last = null;
    while (true) {
      try {
        if (condition.met()) {
          return;
        }
        last = null;
      } catch (IOException | AssertionError notYet) {
        last = notYet; // a server not answering yet, or a check not holding yet: poll again
      }
      List<Child> dead = running.values().stream().filter(c -> !c.process().isAlive()).toList();
      if (!dead.isEmpty()) {
        throw new AssertionError("while waiting until " + what + ", exited early: "
            + String.join(", ", dead.stream().map(c -> c.name() + " (exit " + c.process().exitValue() + ")").toList())
            + logs(dead, 80));
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeoutSeconds + " s waiting until " + what
            + (last == null ? "" : "; last error: " + last) + logs(List.copyOf(running.values()), 15), last);
      }
      Thread.sleep(250);
    }
  }

  /** The tail of each child's log, for a failure message. */
  private static String logs(List<Child> children, int lines) {
    StringBuilder out = new StringBuilder();
    for (Child child : children) {
      out.append("\n--- ").append(child.name()).append(" (").append(child.log()).append("), last ").append(lines)
          .append(" lines:\n");
      try {
        List<String> all = Files.readAllLines(child.log(), StandardCharsets.UTF_8);
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
      } catch (IOException e) {
        out.append("(unreadable: ").append(e).append(")\n");
      }
    }
    return out.toString();
  }

  /**
   * Peak resident memory (VmHWM) of each child, in KiB, by name: of those running now, and of those
   * killed, as it was when they were killed; 0 where /proc does not say.
   */
  Map<String, Long> peakRssKib() {
    Map<String, Long> peaks = new LinkedHashMap<>(peaksOfKilled);
    for (Child child : running.values()) {
      peaks.put(child.name(), peakRssKib(child));
    }
    return peaks;
  }

  private static long peakRssKib(Child child) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(child.process().pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // not Linux, or the process has exited
    }
    return 0;
  }

  /** Stops every child still running, in the order started (SIGTERM; SIGKILL after 10 s). */
  @Override
  public void close() throws InterruptedException {
    for (Child child : running.values()) {
      child.process().destroy();
    }
    for (Child child : running.values()) {
      if (!child.process().waitFor(10, TimeUnit.SECONDS)) {
        child.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    stopped.addAll(running.values());
    running.clear();
  }
}
