package io.tradermetrics.aspects.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.aspects.internal.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderLifecycleSweepTest {

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

  @AfterEach
  void unbind() {
    TraderMetrics.unbind(registry);
  }

  private OrderLifecycle lifecycle() {
    InstrumentationSettings settings = InstrumentationSettings.builder()
        .ordersTimeout(Duration.ofSeconds(30)).ordersCapacity(200_000).build();
    return Engine.create(registry, settings, null).lifecycle();
  }

  private double inflight() {
    return registry.get("trader.orders.inflight").gauge().value();
  }

  private double expiredTimeout() {
    return registry.get("trader.orders.expired").tag("reason", "timeout").functionCounter().count();
  }

  @Test
  void aScrapeAfterAMassTimeoutTakesThemOutInChunksReleasingTheLockBetweenThem() {
    OrderLifecycle lifecycle = lifecycle();
    OrderGroup group = lifecycle.group(Tags.empty());
    int timedOut = 100_000;
    for (long id = 1; id <= timedOut; id++) {
      lifecycle.sent(id, null, clock.monotonicTime(), group);
    }
    clock.add(Duration.ofSeconds(31)); // the venue went away: every order times out together
    lifecycle.sent(1_000_000L, null, clock.monotonicTime(), group); // takes out two on the way
    List<Integer> chunks = new ArrayList<>();
    AtomicLong sentBetweenChunks = new AtomicLong(2_000_000L);
    lifecycle.sweep.chunkProbe = n -> {
      chunks.add(n);
      // a sender between two chunks gets the lock (it would spin forever if the sweep held it)
      lifecycle.sent(sentBetweenChunks.incrementAndGet(), null, clock.monotonicTime(), group);
    };

    double inflight = inflight();
    double expired = expiredTimeout();

    assertThat(chunks).allSatisfy(n -> assertThat(n).isBetween(0, OrderLifecycle.SWEEP_CHUNK));
    // each send between chunks takes out up to two timed-out orders itself, so the chunks hold the rest
    assertThat(chunks.size()).isGreaterThanOrEqualTo((timedOut - 2) / (OrderLifecycle.SWEEP_CHUNK + 2));
    assertThat(chunks.get(chunks.size() - 1)).as("the sweep ends on a short chunk").isLessThan(OrderLifecycle.SWEEP_CHUNK);
    long sentDuringSweep = sentBetweenChunks.get() - 2_000_000L;
    assertThat(sentDuringSweep).isEqualTo(chunks.size());
    assertThat(expired).as("every timed-out order, not one chunk").isEqualTo(timedOut);
    assertThat(inflight).as("the fresh orders only").isEqualTo(1 + sentDuringSweep);
    assertThat(inflight + expired).as("sent = in flight + expired").isEqualTo(timedOut + 1 + sentDuringSweep);
  }

  @Test
  void aSecondReadWithinTheMillisecondDoesNotSweepAgain() {
    OrderLifecycle lifecycle = lifecycle();
    OrderGroup group = lifecycle.group(Tags.empty());
    for (long id = 1; id <= 1_000; id++) {
      lifecycle.sent(id, null, clock.monotonicTime(), group);
    }
    clock.add(Duration.ofSeconds(31));
    List<Integer> chunks = new ArrayList<>();
    lifecycle.sweep.chunkProbe = chunks::add;
    assertThat(inflight()).isZero();
    int sweeps = chunks.size();
    assertThat(expiredTimeout()).isEqualTo(1_000);
    assertThat(chunks).hasSize(sweeps);
    clock.add(Duration.ofMillis(1));
    assertThat(inflight()).isZero();
    assertThat(chunks).hasSize(sweeps + 1);
  }

  @Test
  void aTableThatCannotGrowIsReportedOnceAndSendsGoOnExpiringTheOldestForCapacity() {
    OrderLifecycle lifecycle = lifecycle();
    OrderGroup group = lifecycle.group(Tags.empty());
    lifecycle.table.allocationProbe = step -> {
      if (step == 4) {
        throw new OutOfMemoryError("Java heap space (test)");
      }
    };
    for (long id = 1; id <= 3_000; id++) {
      assertThat(lifecycle.sent(id, null, clock.monotonicTime(), group)).isTrue();
    }

    assertThat(registry.get("tradermetrics.instrumentation.errors").tag("annotation", "@OrderSent").counter().count())
        .as("reported once, not per send").isEqualTo(1.0);
    assertThat(inflight()).isEqualTo(1_024);
    assertThat(registry.get("trader.orders.expired").tag("reason", "capacity").functionCounter().count())
        .isEqualTo(3_000 - 1_024);
  }
}
