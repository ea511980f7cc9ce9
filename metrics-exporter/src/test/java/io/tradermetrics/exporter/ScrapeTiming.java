package io.tradermetrics.exporter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throwaway measurement for docs/performance.md (not a test, not JMH). A registry of
 * {@code series} counter series (5 venues x 2 sides x series/10 symbols) plus one histogram timer,
 * and one recording thread incrementing the counters and recording the timer as fast as it can.
 *
 * <ul>
 *   <li>{@code ScrapeTiming <series> <scrapes>}: times {@code scrapes} sequential HTTP scrapes over
 *       loopback while the recorder runs, then the same number of in-process
 *       {@code registry.scrape()} calls;</li>
 *   <li>{@code ScrapeTiming serve <series> <seconds> <port>}: serves the registry on 127.0.0.1 for
 *       an external load generator ({@code wrk}) while the recorder runs.</li>
 * </ul>
 *
 * Both print how often the recording thread was BLOCKED on a monitor or WAITING/TIMED_WAITING
 * meanwhile (JMX thread contention monitoring): 0 means scrapes never blocked recording. Run:
 *
 * <pre>
 * mvn -q -B install -pl metrics-exporter -DskipTests
 * mvn -q -B dependency:build-classpath -pl metrics-exporter -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp metrics-exporter/target/test-classes:metrics-exporter/target/classes:$(cat /tmp/cp.txt) \
 *     io.tradermetrics.exporter.ScrapeTiming 10000 50
 * </pre>
 */
final class ScrapeTiming {

  private ScrapeTiming() {}

  public static void main(String[] args) throws Exception {
    boolean serve = args.length > 0 && args[0].equals("serve");
    int series = Integer.parseInt(args[serve ? 1 : 0]);
    int scrapes = serve ? 0 : Integer.parseInt(args[1]);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter[] counters = new Counter[Math.max(10, series / 10 * 10)];
    String[] sides = {"buy", "sell"};
    int n = 0;
    for (int venue = 0; venue < 5; venue++) {
      for (int symbol = 0; symbol < counters.length / 10; symbol++) {
        for (String side : sides) {
          counters[n++] = Counter.builder("trader.orders.filled").description("Orders filled")
              .tag("venue", "venue" + venue).tag("symbol", "SYM" + symbol).tag("side", side).register(registry);
        }
      }
    }
    Timer latency = Timer.builder("trader.order.latency").description("Order latency")
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100))
        .register(registry);

    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    mx.setThreadContentionMonitoringEnabled(true);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong records = new AtomicLong();
    Thread recorder = new Thread(() -> {
      long i = 0;
      while (running.get()) {
        counters[(int) (i % counters.length)].increment();
        latency.record(i % 200_000, TimeUnit.NANOSECONDS);
        i++;
      }
      records.set(i);
    }, "recorder");

    if (serve) {
      int seconds = Integer.parseInt(args[2]);
      try (MetricsServer server = MetricsServer.builder(registry).port(Integer.parseInt(args[3])).buildAndStart()) {
        recorder.start();
        ThreadInfo before = mx.getThreadInfo(recorder.getId());
        System.out.println("serving " + counters.length + " counter series at " + server.metricsUri() + " for " + seconds + " s");
        Thread.sleep(seconds * 1000L);
        ThreadInfo after = mx.getThreadInfo(recorder.getId());
        running.set(false);
        recorder.join();
        System.out.printf("recording thread while served: blocked %d times (%d ms), waited %d times (%d ms); %d records%n",
            after.getBlockedCount() - before.getBlockedCount(), after.getBlockedTime() - before.getBlockedTime(),
            after.getWaitedCount() - before.getWaitedCount(), after.getWaitedTime() - before.getWaitedTime(),
            records.get());
      }
      return;
    }
    try (MetricsServer server = MetricsServer.builder(registry).port(0).buildAndStart()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest scrape = HttpRequest.newBuilder(server.metricsUri()).build();
      long bytes = 0;
      for (int i = 0; i < 20; i++) { // warm-up
        bytes = http.send(scrape, HttpResponse.BodyHandlers.ofByteArray()).body().length;
      }
      recorder.start();
      ThreadInfo before = mx.getThreadInfo(recorder.getId());
      long start = System.nanoTime();
      for (int i = 0; i < scrapes; i++) {
        HttpResponse<byte[]> r = http.send(scrape, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
          throw new IllegalStateException("scrape " + i + " answered " + r.statusCode());
        }
      }
      long elapsedNanos = System.nanoTime() - start;
      ThreadInfo after = mx.getThreadInfo(recorder.getId());
      running.set(false);
      recorder.join();
      System.out.printf("series=%d response=%d bytes scrapes=%d mean=%.2f ms/scrape (HTTP, loopback, text 0.0.4)%n",
          counters.length, bytes, scrapes, elapsedNanos / 1e6 / scrapes);
      System.out.printf("recording thread during the scrapes: blocked %d times (%d ms), waited %d times (%d ms); %d records%n",
          after.getBlockedCount() - before.getBlockedCount(), after.getBlockedTime() - before.getBlockedTime(),
          after.getWaitedCount() - before.getWaitedCount(), after.getWaitedTime() - before.getWaitedTime(),
          records.get());

      long inProcessStart = System.nanoTime();
      for (int i = 0; i < scrapes; i++) {
        registry.scrape();
      }
      System.out.printf("in-process registry.scrape() without HTTP and without recorder: mean=%.2f ms%n",
          (System.nanoTime() - inProcessStart) / 1e6 / scrapes);
    }
  }
}
