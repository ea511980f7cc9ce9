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
  /** Per kind, the timers of end labels given by the end point (reason, liquidity), by rendered value. */
  @SuppressWarnings("unchecked")
  private final java.util.concurrent.ConcurrentHashMap<String, Timer>[] labelled = new java.util.concurrent.ConcurrentHashMap[6];

  OrderGroup(LifecycleMeters meters, int index, Tags tags) {
    this.meters = meters;
    this.index = index;
    this.tags = tags;
  }

  /** The timer of {@code which} with its default end label ({@code none} or {@code unknown}). */
  Timer timer(int which) {
    Timer t = timers.get(which);
    if (t == null) {
      t = create(which, defaultEndLabel(which));
      timers.set(which, t);
    }
    return t;
  }

  /**
   * The timer of {@code which} with the end label {@code endLabel} (a rendered, bounded value), or
   * with its default for null. A lookup by a string's hash: no allocation once the value was seen.
   */
  Timer timer(int which, @org.jspecify.annotations.Nullable String endLabel) {
    if (endLabel == null || which == ACK || which == VENUE_EXPIRED) {
      return timer(which);
    }
    java.util.concurrent.ConcurrentHashMap<String, Timer> byLabel = labelled[which];
    if (byLabel == null) {
      synchronized (this) {
        byLabel = labelled[which];
        if (byLabel == null) {
          byLabel = new java.util.concurrent.ConcurrentHashMap<>();
          labelled[which] = byLabel;
        }
      }
    }
    Timer t = byLabel.get(endLabel);
    if (t == null) {
      t = byLabel.computeIfAbsent(endLabel, v -> create(which, v));
    }
    return t;
  }

  private static String defaultEndLabel(int which) {
    return which == ACK || which == VENUE_EXPIRED ? MetricCatalog.NONE : MetricCatalog.UNKNOWN;
  }

  private Timer create(int which, String endLabel) {
    return switch (which) {
      case ACK -> meters.latency(MetricCatalog.ORDER_ACK_LATENCY,
          tags.and(MetricCatalog.OUTCOME, "ack", MetricCatalog.REASON, endLabel));
      case REJECTED -> meters.latency(MetricCatalog.ORDER_ACK_LATENCY,
          tags.and(MetricCatalog.OUTCOME, "rejected", MetricCatalog.REASON, endLabel));
      case FIRST_FILL -> meters.fillLatency(tags.and(MetricCatalog.FILL, "first", MetricCatalog.LIQUIDITY, endLabel));
      case COMPLETE_FILL -> meters.fillLatency(tags.and(MetricCatalog.FILL, "complete", MetricCatalog.LIQUIDITY, endLabel));
      case CANCELLED -> meters.latency(MetricCatalog.ORDER_CANCEL_LATENCY,
          tags.and(MetricCatalog.OUTCOME, "cancelled", MetricCatalog.REASON, endLabel));
      default -> meters.latency(MetricCatalog.ORDER_CANCEL_LATENCY,
          tags.and(MetricCatalog.OUTCOME, "expired", MetricCatalog.REASON, endLabel));
    };
  }
}
