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
final class CountOrderInstrument extends Instrument {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);
  private static final List<String> WITH_REASON =
      List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE, MetricCatalog.REASON);

  private final LabelTree<OrderCounters> labels;
  private final @Nullable Condition rejectedIf;
  private final boolean countFailures;
  private final @Nullable LabelTree<Counter> rejectedByReason;

  private CountOrderInstrument(LabelTree<OrderCounters> labels, @Nullable Condition rejectedIf, boolean countFailures,
      @Nullable LabelTree<Counter> rejectedByReason) {
    this.labels = labels;
    this.rejectedIf = rejectedIf;
    this.countFailures = countFailures;
    this.rejectedByReason = rejectedByReason;
  }

  static Instrument bind(BindContext ctx, CountOrder annotation) {
    Condition rejectedIf = null;
    if (!annotation.rejectedIf().isBlank()) {
      if (annotation.event() != OrderEvent.SUBMITTED) {
        throw ctx.error("rejectedIf", "is given with event = " + annotation.event()
            + "; a rejection condition applies only to event = SUBMITTED (the venue's answer to a new order)");
      }
      rejectedIf = Condition.parse(ctx, "rejectedIf", annotation.rejectedIf(), null);
    }
    LabelTree<Counter> rejectedByReason = null;
    Meters meters = ctx.meters();
    Map<String, String> constants = Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL,
        annotation.symbol(), MetricCatalog.SIDE, annotation.side());
    if (!annotation.rejectReason().isBlank()) {
      if (rejectedIf == null) {
        throw ctx.error("rejectReason", "is given without rejectedIf; a reject reason is read only for a rejected submit");
      }
      rejectedByReason = ctx.labels(MetricCatalog.ORDERS_REJECTED, WITH_REASON, constants, Tags.empty(),
          tags -> meters.counter(MetricCatalog.ORDERS_REJECTED, tags),
          Map.of(MetricCatalog.REASON, ctx.source("rejectReason", annotation.rejectReason())), true);
    }
    MetricDefinition normal = definition(annotation.event());
    boolean withRejected = rejectedIf != null && rejectedByReason == null;
    boolean countFailures = annotation.countFailures();
    LabelTree<OrderCounters> labels = ctx.labels(normal, SETTABLE, constants,
        Tags.empty(), tags -> new OrderCounters(meters, tags, normal, withRejected, countFailures));
    return new CountOrderInstrument(labels, rejectedIf, countFailures, rejectedByReason);
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
  protected void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
      @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    if (error != null && !countFailures) {
      return;
    }
    OrderCounters counters = labels.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (counters == null) {
      return;
    }
    if (error != null) {
      counters.failed.increment();
    } else if (rejectedIf != null && rejectedIf.test(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5)) {
      if (rejectedByReason == null) {
        counters.rejected.increment();
      } else {
        Counter byReason = rejectedByReason.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
        if (byReason != null) {
          byReason.increment();
        }
      }
    } else {
      counters.normal.increment();
    }
  }

  /** The counters one label combination of a join point can reach. */
  static final class OrderCounters {
    final Counter normal;
    final Counter rejected;
    final Counter failed;

    OrderCounters(Meters meters, Tags tags, MetricDefinition normal, boolean withRejected, boolean withFailed) {
      this.normal = meters.counter(normal,
          normal == MetricCatalog.ORDERS_REJECTED ? tags.and(MetricCatalog.REASON, MetricCatalog.UNKNOWN) : tags);
      this.rejected = withRejected
          ? meters.counter(MetricCatalog.ORDERS_REJECTED, tags.and(MetricCatalog.REASON, MetricCatalog.UNKNOWN))
          : this.normal;
      this.failed = withFailed ? meters.counter(MetricCatalog.ORDERS_FAILED, tags) : this.normal;
    }
  }
}
