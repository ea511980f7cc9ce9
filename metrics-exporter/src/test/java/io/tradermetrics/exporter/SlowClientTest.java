package io.tradermetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Clients that send half a request and wait must not starve the probes or the scrapes. */
class SlowClientTest {

  private static final String HALF_A_REQUEST = "GET /metrics HTTP/1.1\r\nHost: x\r\n"; // no blank line
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Socket> slow = new ArrayList<>();
  private MetricsServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket s : slow) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void openSlowConnections(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
      s.getOutputStream().write(HALF_A_REQUEST.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      slow.add(s);
    }
  }

  /** Waits (bounded) until the server is reading {@code count} requests at once. */
  private void awaitRequestsRunning(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.requestsRunning() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.requestsRunning()).as("requests being read").isGreaterThanOrEqualTo(count);
  }

  private HttpResponse<String> getWithin2Seconds(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("with 64 clients holding half a request, /health/live, /health/ready and /metrics answer within 2 s")
  void probesAndScrapesAnswerWhile64ClientsHoldHalfARequest() throws Exception {
    server = MetricsServer.builder(registry).port(0).requestTimeout(Duration.ofMinutes(1)).buildAndStart();
    openSlowConnections(64);
    awaitRequestsRunning(64);

    assertThat(getWithin2Seconds("/health/live").statusCode()).isEqualTo(200);
    assertThat(getWithin2Seconds("/health/ready").statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = getWithin2Seconds("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("tradermetrics_build_info");
    assertThat(server.requestsRunning()).as("the slow ones are still held, not dropped").isGreaterThanOrEqualTo(64);
  }

  @Test
  @DisplayName("while every scrape worker is busy, /health/live and /health/ready answer within 2 s")
  void probesAnswerWhileEveryScrapeWorkerIsBusy() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch inside = new CountDownLatch(2);
    registry.getPrometheusRegistry().register(() -> {
      inside.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return io.prometheus.metrics.model.snapshots.GaugeSnapshot.builder().name("slow").help("Waits for the test").build();
    });
    server = MetricsServer.builder(registry).port(0).threads(2).buildAndStart();
    var scrapes = List.of(
        http.sendAsync(HttpRequest.newBuilder(server.metricsUri()).build(), HttpResponse.BodyHandlers.ofString()),
        http.sendAsync(HttpRequest.newBuilder(server.metricsUri()).build(), HttpResponse.BodyHandlers.ofString()));
    try {
      assertThat(inside.await(20, TimeUnit.SECONDS)).as("both scrape workers busy").isTrue();
      assertThat(getWithin2Seconds("/health/live").statusCode()).isEqualTo(200);
      assertThat(getWithin2Seconds("/health/ready").statusCode()).isEqualTo(200);
    } finally {
      release.countDown();
    }
    for (var scrape : scrapes) {
      assertThat(scrape.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("connections that do not finish their request within the request timeout are closed")
  void closesConnectionsThatDoNotFinishTheirRequestInTime() throws Exception {
    server = MetricsServer.builder(registry).port(0).requestTimeout(Duration.ofSeconds(1)).buildAndStart();
    openSlowConnections(64);
    for (Socket s : slow) {
      s.setSoTimeout(15_000); // generous: closed after about 1 s
      assertThat(readUntilClosed(s.getInputStream())).as("closed by the server").isTrue();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.requestsRunning() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.requestsRunning()).isZero();
    assertThat(getWithin2Seconds("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a connection arriving while every request thread is busy is closed at once")
  void refusesAConnectionWhenEveryRequestThreadIsBusy() throws Exception {
    server = MetricsServer.builder(registry).port(0).maxRequests(2).requestTimeout(Duration.ofMinutes(1)).buildAndStart();
    openSlowConnections(2);
    awaitRequestsRunning(2);
    assertThatThrownBy(() -> getWithin2Seconds("/health/live")).isInstanceOf(IOException.class);
    slow.get(0).close();
    slow.get(1).close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.requestsRunning() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(getWithin2Seconds("/health/live").statusCode()).isEqualTo(200);
  }

  /** True if the peer closed or reset the connection; false on the read timeout. */
  private static boolean readUntilClosed(InputStream in) throws IOException {
    try {
      while (in.read() != -1) {
        // the server answers nothing to half a request; drain whatever comes
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  @Nested
  class Guard {
    private final MockClock clock = new MockClock();
    private final RequestGuard guard = new RequestGuard(4, 1, Duration.ofSeconds(5), Duration.ofSeconds(30), clock, false);

    @AfterEach
    void shutdown() {
      guard.shutdown();
    }

    /** A task run by the guard that waits for {@code release}; {@code interrupted} counts down if it was interrupted. */
    private record Waiting(CountDownLatch started, CountDownLatch release, CountDownLatch interrupted) {}

    /** Runs a waiting task (entering the answering phase first if {@code answer}) and waits until it runs. */
    private Waiting runWaiting(boolean answer) throws InterruptedException {
      Waiting w = new Waiting(new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1));
      guard.execute(() -> {
        if (answer) {
          assertThat(guard.enter()).isTrue();
        }
        w.started().countDown();
        try {
          w.release().await();
        } catch (InterruptedException e) {
          w.interrupted().countDown();
        } finally {
          if (answer) {
            guard.exit();
          }
        }
      });
      assertThat(w.started().await(10, TimeUnit.SECONDS)).isTrue();
      return w;
    }

    @Test
    void interruptsARequestStillBeingReadAfterTheRequestTimeoutOnly() throws Exception {
      Waiting w = runWaiting(false);
      clock.add(Duration.ofMillis(4_900));
      guard.sweep();
      assertThat(w.interrupted().getCount()).as("not yet").isEqualTo(1);

      clock.add(Duration.ofMillis(100));
      guard.sweep();
      assertThat(w.interrupted().await(10, TimeUnit.SECONDS)).as("interrupted at 5 s").isTrue();
    }

    @Test
    void givesAnAnsweringRequestTheResponseTimeout() throws Exception {
      Waiting w = runWaiting(true);
      clock.add(Duration.ofSeconds(29));
      guard.sweep();
      assertThat(w.interrupted().getCount()).as("past the request timeout, within the response timeout").isEqualTo(1);

      clock.add(Duration.ofSeconds(1));
      guard.sweep();
      assertThat(w.interrupted().await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void leavesAFinishedRequestAndTheThreadsNextRequestAlone() throws Exception {
      CountDownLatch first = new CountDownLatch(1);
      guard.execute(first::countDown);
      assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (guard.running() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      clock.add(Duration.ofMinutes(1));
      guard.sweep(); // nothing runs: nothing to interrupt

      Waiting w = runWaiting(false);
      guard.sweep();
      w.release().countDown();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (guard.running() > 0 && System.nanoTime() < end) {
        Thread.sleep(1);
      }
      assertThat(w.interrupted().getCount()).as("a fresh request has its own deadline").isEqualTo(1);
    }

    @Test
    void keepsTheDeadlineOfAHandedOffScrapeAndDropsOneStillQueuedAtIt() throws Exception {
      CountDownLatch firstRuns = new CountDownLatch(1);
      CountDownLatch firstInterrupted = new CountDownLatch(1);
      CountDownLatch releaseFirst = new CountDownLatch(1);
      CountDownLatch secondRan = new CountDownLatch(1);
      CountDownLatch secondAbandoned = new CountDownLatch(1);
      CountDownLatch secondQueued = new CountDownLatch(1);
      guard.execute(() -> {
        guard.enter();
        guard.handOff(() -> {
          firstRuns.countDown();
          try {
            while (true) { // a scrape deaf to interrupts, so the worker stays busy until released
              try {
                releaseFirst.await();
                return;
              } catch (InterruptedException e) {
                firstInterrupted.countDown();
              }
            }
          } finally {
            guard.exit();
          }
        }, guard::exit);
      });
      assertThat(firstRuns.await(10, TimeUnit.SECONDS)).isTrue();
      guard.execute(() -> {
        guard.enter();
        guard.handOff(() -> {
          secondRan.countDown();
          guard.exit();
        }, () -> {
          secondAbandoned.countDown();
          guard.exit();
        });
        secondQueued.countDown(); // the only scrape worker is busy: queued
      });
      assertThat(secondQueued.await(10, TimeUnit.SECONDS)).isTrue();

      clock.add(Duration.ofSeconds(29));
      guard.sweep();
      assertThat(firstInterrupted.getCount()).as("within the response timeout").isEqualTo(1);
      clock.add(Duration.ofSeconds(1));
      guard.sweep();
      assertThat(firstInterrupted.await(10, TimeUnit.SECONDS)).as("the worker's scrape is interrupted").isTrue();
      releaseFirst.countDown();
      assertThat(secondAbandoned.await(10, TimeUnit.SECONDS)).as("the one queued past its deadline is dropped").isTrue();
      assertThat(secondRan.getCount()).isEqualTo(1);
    }

    @Test
    void refusesAnswersOnceDrainingBegan() {
      guard.drain(Duration.ZERO);
      assertThat(guard.enter()).isFalse();
    }
  }
}
