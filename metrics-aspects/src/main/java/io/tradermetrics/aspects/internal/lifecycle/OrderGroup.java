package io.tradermetrics.aspects.internal.lifecycle;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The timers of the orders of one {@code venue}, {@code symbol}, {@code side} combination, each
 * registered on first use, and the small integer the in-flight table keeps instead of the labels.
 * Thread-safe.
 */
final class OrderGroup {
  static final int ACK = 0;
  static final int REJECTED = 1;
  static final int FIRST_FILL = 2;
  static final int COMPLETE_FILL = 3;
  static final int CANCELLED = 4;
  static final int VENUE_EXPIRED = 5;

  final int index;
  private final LifecycleMeters meters;
  private final Tags tags;
  private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(6);

  OrderGroup(LifecycleMeters meters, int index, Tags tags) {
    this.meters = meters;
    this.index = index;
    this.tags = tags;
  }

  Timer timer(int which) {
    Timer t = timers.get(which);
    if (t == null) {
      t = switch (which) {
        case ACK -> meters.latency(MetricCatalog.ORDER_ACK_LATENCY, tags.and(MetricCatalog.OUTCOME, "ack"));
        case REJECTED -> meters.latency(MetricCatalog.ORDER_ACK_LATENCY, tags.and(MetricCatalog.OUTCOME, "rejected"));
        case FIRST_FILL -> meters.fillLatency(tags.and(MetricCatalog.FILL, "first"));
        case COMPLETE_FILL -> meters.fillLatency(tags.and(MetricCatalog.FILL, "complete"));
        case CANCELLED -> meters.latency(MetricCatalog.ORDER_CANCEL_LATENCY, tags.and(MetricCatalog.OUTCOME, "cancelled"));
        default -> meters.latency(MetricCatalog.ORDER_CANCEL_LATENCY, tags.and(MetricCatalog.OUTCOME, "expired"));
      };
      timers.set(which, t);
    }
    return t;
  }
}
