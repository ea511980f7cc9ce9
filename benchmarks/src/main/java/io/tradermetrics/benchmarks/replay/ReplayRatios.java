package io.tradermetrics.benchmarks.replay;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The replay harness's one command: woven against plain build of the same source, in one run.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.tradermetrics.benchmarks.replay.ReplayRatios \
 *     [--pairs 3] [--scrape-hz 0|1|50] [--java /path/to/java] [--venue-only|--no-venue-only]
 * }</pre>
 *
 * <p>Run from the repository root after {@code mvn -B -q install -DskipTests}. It compiles
 * {@code examples/src/main/java} with javac alone into {@code benchmarks/target/replay-plain} (the
 * plain build: the annotations are there, nothing is woven) and puts it ahead of the benchmarks jar,
 * whose copy of the same classes is the one ajc wove. Then, for each scenario (without the simulated
 * venue: the pure code path; with it: as the demo runs) and each pair, it runs {@link ReplayHarness}
 * in a child JVM on the woven build, then on the plain one, with the same JVM options, optionally
 * scraping the child's {@code /metrics} at the given rate from this process, and prints the median of
 * each figure for both and the woven/plain ratio, and the woven-minus-plain difference of latencies.
 */
public final class ReplayRatios {

  private ReplayRatios() {}

  public static void main(String[] args) throws Exception {
    List<String> argList = List.of(args);
    int pairs = Integer.parseInt(option(argList, "--pairs", "3"));
    int scrapeHz = Integer.parseInt(option(argList, "--scrape-hz", "0"));
    String java = option(argList, "--java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String jar = Path.of(ReplayRatios.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    Path plain = compilePlain(Path.of("examples/src/main/java"), Path.of("benchmarks/target/replay-plain"), jar);
    System.out.println("java: " + java + "; pairs: " + pairs + "; scrape: " + scrapeHz + " Hz");
    for (boolean venue : new boolean[] {false, true}) {
      Map<String, List<Double>> woven = new TreeMap<>();
      Map<String, List<Double>> plainRuns = new TreeMap<>();
      for (int pair = 0; pair < pairs; pair++) {
        collect(woven, run(java, jar, venue, scrapeHz));
        collect(plainRuns, run(java, plain + File.pathSeparator + jar, venue, scrapeHz));
      }
      print(venue ? "with the simulated venue" : "without the venue (pure code path)", woven, plainRuns);
    }
  }

  private static String option(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
  }

  /** Compiles the examples' sources with javac only (no aspects on the processor or aspect path). */
  static Path compilePlain(Path sources, Path out, String classpath) throws IOException {
    if (!Files.isDirectory(sources)) {
      throw new IllegalStateException(sources.toAbsolutePath() + " not found: run from the repository root");
    }
    Files.createDirectories(out);
    List<String> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> javacArgs = new ArrayList<>(List.of("-proc:none", "-parameters", "--release", "17", "-nowarn",
        "-d", out.toString(), "-cp", classpath));
    javacArgs.addAll(files);
    if (javac.run(null, null, null, javacArgs.toArray(new String[0])) != 0) {
      throw new IllegalStateException("javac failed on " + sources);
    }
    // the resources (the demo's build info) come from the jar behind it
    return out;
  }

  private static Map<String, Double> run(String java, String classpath, boolean venue, int scrapeHz) throws Exception {
    List<String> command = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g", "-cp", classpath,
        ReplayHarness.class.getName()));
    if (venue) {
      command.add("--venue");
    }
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Map<String, Double> figures = new LinkedHashMap<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread scraper = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        int eq = line.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = line.substring(0, eq);
        double value = Double.parseDouble(line.substring(eq + 1));
        if (key.equals("port") && scrapeHz > 0) {
          scraper = scrape((int) value, scrapeHz, done);
        } else if (!key.equals("port")) {
          figures.put(key, value);
        }
      }
    } finally {
      done.set(true);
      if (scraper != null) {
        scraper.join();
      }
    }
    if (child.waitFor() != 0) {
      throw new IllegalStateException("the replay failed: " + command);
    }
    return figures;
  }

  private static Thread scrape(int port, int hz, AtomicBoolean done) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build();
    Thread t = new Thread(() -> {
      long periodNanos = 1_000_000_000L / hz;
      long next = System.nanoTime();
      while (!done.get()) {
        try {
          http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
          return; // the replay ended
        } catch (InterruptedException e) {
          return;
        }
        next += periodNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
    }, "scraper");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void collect(Map<String, List<Double>> into, Map<String, Double> run) {
    run.forEach((k, v) -> into.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void print(String scenario, Map<String, List<Double>> woven, Map<String, List<Double>> plain) {
    System.out.println();
    System.out.println("== " + scenario + " (medians of " + woven.values().iterator().next().size() + " runs)");
    System.out.printf(Locale.ROOT, "%-32s %12s %12s %8s %10s%n", "figure", "woven", "plain", "ratio", "woven-plain");
    for (String key : woven.keySet()) {
      double w = median(woven.get(key));
      double p = median(plain.get(key));
      System.out.printf(Locale.ROOT, "%-32s %12.3f %12.3f %8s %10.3f%n", key, w, p,
          p == 0 ? "-" : String.format(Locale.ROOT, "%.2f", w / p), w - p);
    }
  }
}
