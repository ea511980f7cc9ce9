package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.CountOrder;
import io.tradermetrics.annotation.OrderEvent;
import io.tradermetrics.catalog.MetricCatalog;
import io.tradermetrics.catalog.MetricDefinition;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link CountOrder}: one order per call, into the counter of its event: the annotation's event on
 * a normal return, {@code rejected} when the rejection condition holds, {@code failed} when the
 * method threw. Per call: the label lookup, at most one condition read, one counter increment; no
 * allocation once the label combination has been seen. Only the counters a join point can reach
 * are registered.
 */
final class CountOrderInstrument implements Instrument {

  private static final List<String> SETTABLE = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);

  private final LabelTree<OrderCounters> labels;
  private final @Nullable Condition rejectedIf;
  private final boolean countFailures;
  private final InstrumentationErrors.Site errors;

  private CountOrderInstrument(LabelTree<OrderCounters> labels, @Nullable Condition rejectedIf, boolean countFailures,
      InstrumentationErrors.Site errors) {
    this.labels = labels;
    this.rejectedIf = rejectedIf;
    this.countFailures = countFailures;
    this.errors = errors;
  }

  static CountOrderInstrument bind(Engine engine, JoinPointInfo jp, CountOrder annotation) {
    Condition rejectedIf = null;
    if (!annotation.rejectedIf().isBlank()) {
      if (annotation.event() != OrderEvent.SUBMITTED) {
        throw jp.error("rejectedIf", "is given with event = " + annotation.event()
            + "; a rejection condition applies only to event = SUBMITTED (the venue's answer to a new order)");
      }
      rejectedIf = Condition.parse(jp, "rejectedIf", annotation.rejectedIf(), null);
    }
    MetricDefinition normal = definition(annotation.event());
    boolean withRejected = rejectedIf != null;
    boolean countFailures = annotation.countFailures();
    LabelTree<OrderCounters> labels = engine.labels(jp, normal, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol(),
            MetricCatalog.SIDE, annotation.side()),
        Tags.empty(), tags -> new OrderCounters(engine, tags, normal, withRejected, countFailures));
    return new CountOrderInstrument(labels, rejectedIf, countFailures, engine.errors.site(jp));
  }

  static MetricDefinition definition(OrderEvent event) {
    return switch (event) {
      case SUBMITTED -> MetricCatalog.ORDERS_SUBMITTED;
      case CANCELLED -> MetricCatalog.ORDERS_CANCELLED;
      case REJECTED -> MetricCatalog.ORDERS_REJECTED;
      case FAILED -> MetricCatalog.ORDERS_FAILED;
    };
  }

  @Override
  public int mask() {
    return labels.mask() | (rejectedIf == null ? 0 : rejectedIf.mask());
  }

  @Override
  public long start() {
    return 0L;
  }

  @Override
  public void stop(long startNanos, @Nullable Object result, @Nullable Throwable error,
      @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    if (error != null && !countFailures) {
      return;
    }
    try {
      OrderCounters counters = labels.leaf(result, a0, a1, a2, a3, a4, a5);
      if (error != null) {
        counters.failed.increment();
      } else if (rejectedIf != null && rejectedIf.test(result, a0, a1, a2, a3, a4, a5)) {
        counters.rejected.increment();
      } else {
        counters.normal.increment();
      }
    } catch (Throwable t) {
      errors.failure(t);
    }
  }

  /** The counters one label combination of a join point can reach. */
  static final class OrderCounters {
    final Counter normal;
    final Counter rejected;
    final Counter failed;

    OrderCounters(Engine engine, Tags tags, MetricDefinition normal, boolean withRejected, boolean withFailed) {
      this.normal = Meters.counter(engine, normal, tags);
      this.rejected = withRejected ? Meters.counter(engine, MetricCatalog.ORDERS_REJECTED, tags) : this.normal;
      this.failed = withFailed ? Meters.counter(engine, MetricCatalog.ORDERS_FAILED, tags) : this.normal;
    }
  }
}
