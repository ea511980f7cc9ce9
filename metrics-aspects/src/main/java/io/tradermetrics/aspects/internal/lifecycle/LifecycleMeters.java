package io.tradermetrics.aspects.internal.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.aspects.internal.Meters;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Event;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.Reason;
import io.tradermetrics.catalog.MetricCatalog;
import io.tradermetrics.catalog.MetricDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one order lifecycle, registered through the engine's {@link Meters} on first use:
 * the latency timers with the configured buckets (fill latency with the catalog's fill buckets),
 * the unmatched-event counters, and the meters of each tick symbol. Thread-safe.
 */
final class LifecycleMeters {

  private final Meters meters;
  private final Duration[] latencyBuckets;
  private final Duration[] fillBuckets;
  private final AtomicReferenceArray<Counter> unmatched =
      new AtomicReferenceArray<>(Event.values().length * Reason.values().length);

  LifecycleMeters(Meters meters, InstrumentationSettings settings) {
    this.meters = meters;
    this.latencyBuckets = slos(settings.latencyBucketsSeconds());
    this.fillBuckets = slos(MetricCatalog.DEFAULT_FILL_LATENCY_BUCKETS_SECONDS);
  }

  private static Duration[] slos(List<Double> seconds) {
    return seconds.stream().map(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
  }

  Timer latency(MetricDefinition definition, Tags tags) {
    return meters.timer(definition, tags, latencyBuckets);
  }

  Timer fillLatency(Tags tags) {
    return meters.timer(MetricCatalog.ORDER_FILL_LATENCY, tags, fillBuckets);
  }

  Counter unmatched(Event event, Reason reason) {
    int i = event.ordinal() * Reason.values().length + reason.ordinal();
    Counter c = unmatched.get(i);
    if (c == null) {
      c = meters.counter(MetricCatalog.ORDER_EVENTS_UNMATCHED,
          Tags.of(MetricCatalog.EVENT, event.label, MetricCatalog.REASON, reason.label));
      unmatched.set(i, c);
    }
    return c;
  }

  /** The meters of one tick symbol; each registered on first use. */
  final class TickMeters {
    private final Tags tags;
    private volatile @Nullable Timer tickToTrade;
    private volatile @Nullable Timer delay;
    private volatile @Nullable Counter skew;
    /** The markout book of the tick's symbol, set by the first join point of the symbol that gives a mid. */
    volatile io.tradermetrics.aspects.internal.Markouts.@Nullable Book markouts;

    TickMeters(Tags tags) {
      this.tags = tags;
    }

    Timer tickToTrade() {
      Timer t = tickToTrade;
      if (t == null) {
        t = latency(MetricCatalog.TICK_TO_TRADE, tags);
        tickToTrade = t;
      }
      return t;
    }

    Timer delay() {
      Timer t = delay;
      if (t == null) {
        t = latency(MetricCatalog.MARKET_DATA_DELAY, tags);
        delay = t;
      }
      return t;
    }

    Counter skew() {
      Counter c = skew;
      if (c == null) {
        c = meters.counter(MetricCatalog.MARKET_DATA_CLOCK_SKEW, tags);
        skew = c;
      }
      return c;
    }
  }
}
