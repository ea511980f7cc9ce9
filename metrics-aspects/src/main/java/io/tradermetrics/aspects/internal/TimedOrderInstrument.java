package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.aspects.internal.lifecycle.CurrentOrder;
import io.tradermetrics.aspects.internal.lifecycle.OrderIds;
import io.tradermetrics.catalog.MetricCatalog;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link TimedOrder}: times an order operation into {@code trader_order_latency_seconds} with its
 * operation, venue, symbol, side and outcome; see {@link TimingInstrument} for what a call costs.
 * With {@code orderId}, the order is current on the recording thread while the timer records, so
 * that exemplars name it (not on methods returning a {@code CompletionStage}: refused at bind).
 */
final class TimedOrderInstrument extends TimingInstrument {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);

  private final @Nullable OrderIds orderId;

  private TimedOrderInstrument(BindContext ctx, TimedOrder annotation, @Nullable Condition rejectedIf,
      @Nullable OrderIds orderId) {
    super(ctx, MetricCatalog.ORDER_LATENCY, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol(),
            MetricCatalog.SIDE, annotation.side()),
        Tags.of(MetricCatalog.OPERATION, annotation.operation().name().toLowerCase(Locale.ROOT)),
        annotation.buckets(), rejectedIf);
    this.orderId = orderId;
  }

  static Instrument bind(BindContext ctx, TimedOrder annotation) {
    Condition rejectedIf = null;
    if (!annotation.rejectedIf().isBlank()) {
      boolean async = isAsync(ctx);
      rejectedIf = Condition.parse(ctx, "rejectedIf", annotation.rejectedIf(), async ? completionType(ctx) : null);
      if (async && rejectedIf.readsParameter()) {
        throw ctx.error("rejectedIf", "'" + annotation.rejectedIf() + "' reads a parameter, but on a method returning "
            + ctx.method().getReturnType().getSimpleName() + " it is tested when the stage completes and may read only "
            + "'result', the completion value");
      }
    }
    OrderIds orderId = null;
    if (!annotation.orderId().isBlank()) {
      if (isAsync(ctx)) {
        throw ctx.error("orderId", "is given on a method returning " + ctx.method().getReturnType().getSimpleName()
            + "; its time is recorded when the stage completes, on another thread, where no order can be named");
      }
      orderId = OrderIds.of(ctx, annotation.orderId());
    }
    return new TimedOrderInstrument(ctx, annotation, rejectedIf, orderId);
  }

  /**
   * Records as {@link TimingInstrument} does, with the call's order current on this thread while
   * the timer records (when {@code orderId} is given and its value is not null), so that an exemplar
   * sampler running inside the record names it ({@link io.tradermetrics.aspects.OrderExemplars}).
   * The id is read as the lifecycle reads it ({@link OrderIds}): an integral one without boxing.
   * Allocates nothing beyond what the id's own getters do; a getter that throws is handled like a
   * failing label read, by the one stop path that counts instrumentation errors.
   */
  @Override
  protected void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
      @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    OrderIds ids = orderId;
    if (ids != null) {
      Object object = ids.objectId(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      long id = object == null ? ids.longId(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5) : 0L;
      if (object != null || id != OrderIds.ABSENT) {
        CurrentOrder current = CurrentOrder.enter(id, object);
        try {
          super.stop(startNanos, stopNanos, armed, r, rb, error, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
        } finally {
          current.exit();
        }
        return;
      }
    }
    super.stop(startNanos, stopNanos, armed, r, rb, error, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
  }

  /** The value type of a {@code CompletionStage<T>} return type, or Object when it is not declared. */
  private static Type completionType(BindContext ctx) {
    Type type = ctx.method().getGenericReturnType();
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
      Type arg = p.getActualTypeArguments()[0];
      return arg instanceof WildcardType w ? w.getUpperBounds()[0] : arg;
    }
    return Object.class;
  }
}
