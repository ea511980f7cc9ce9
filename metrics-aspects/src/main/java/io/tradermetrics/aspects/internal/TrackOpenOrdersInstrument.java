package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.aspects.internal.Meters.GaugeCell;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;

/**
 * {@link TrackOpenOrders}: on a normal return, sets {@code trader_orders_open} of the symbol and
 * side to the count read from the call (negative counts are refused and counted); see
 * {@link GaugeInstrument}.
 */
final class TrackOpenOrdersInstrument extends GaugeInstrument {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.SYMBOL, MetricCatalog.SIDE);
  // venue is the annotation's constant only, as for @TrackPosition
  private static final List<String> KEYS = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);

  private TrackOpenOrdersInstrument(BindContext ctx, LabelTree<GaugeCell[]> labels, ValueSource value) {
    super(labels, new ValueSource[] {value}, new String[] {"value"}, true, ctx.site());
  }

  static Instrument bind(BindContext ctx, TrackOpenOrders annotation) {
    ValueSource value = ctx.numeric("value", annotation.value());
    Meters meters = ctx.meters();
    LabelTree<GaugeCell[]> labels = ctx.labels(MetricCatalog.ORDERS_OPEN, KEYS, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol(), MetricCatalog.SIDE, annotation.side()), Tags.empty(),
        tags -> new GaugeCell[] {meters.gauge(MetricCatalog.ORDERS_OPEN, tags)});
    return new TrackOpenOrdersInstrument(ctx, labels, value);
  }
}
