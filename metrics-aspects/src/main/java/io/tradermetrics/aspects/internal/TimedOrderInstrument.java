package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.TimedOrder;
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
 */
final class TimedOrderInstrument extends TimingInstrument {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);

  private TimedOrderInstrument(BindContext ctx, TimedOrder annotation, @Nullable Condition rejectedIf) {
    super(ctx, MetricCatalog.ORDER_LATENCY, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol(),
            MetricCatalog.SIDE, annotation.side()),
        Tags.of(MetricCatalog.OPERATION, annotation.operation().name().toLowerCase(Locale.ROOT)),
        annotation.buckets(), rejectedIf);
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
    return new TimedOrderInstrument(ctx, annotation, rejectedIf);
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
