package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.aspects.internal.Meters.GaugeCell;
import io.tradermetrics.catalog.MetricCatalog;
import io.tradermetrics.catalog.MetricDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link TrackPnl}: on a normal return, sets {@code trader_pnl_realized} and/or
 * {@code trader_pnl_unrealized} of the symbol and strategy (quote currency) to the values read from
 * the call; see {@link GaugeInstrument}.
 */
final class TrackPnlInstrument extends GaugeInstrument {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.SYMBOL, MetricCatalog.STRATEGY, MetricCatalog.CURRENCY);

  private TrackPnlInstrument(BindContext ctx, LabelTree<GaugeCell[]> labels, ValueSource[] values, String[] attributes) {
    super(labels, values, attributes, false, ctx.site());
  }

  static Instrument bind(BindContext ctx, TrackPnl annotation) {
    List<ValueSource> values = new ArrayList<>();
    List<String> attributes = new ArrayList<>();
    List<MetricDefinition> gauges = new ArrayList<>();
    if (!annotation.realized().isBlank()) {
      values.add(ctx.numeric("realized", annotation.realized()));
      attributes.add("realized");
      gauges.add(MetricCatalog.PNL_REALIZED);
    }
    if (!annotation.unrealized().isBlank()) {
      values.add(ctx.numeric("unrealized", annotation.unrealized()));
      attributes.add("unrealized");
      gauges.add(MetricCatalog.PNL_UNREALIZED);
    }
    if (values.isEmpty()) {
      throw ctx.error("realized", "and 'unrealized' are both empty; give at least one expression, "
          + "e.g. realized = \"result.realized\"");
    }
    Meters meters = ctx.meters();
    LabelTree<GaugeCell[]> labels = ctx.labels(gauges.get(0), SETTABLE,
        Map.of(MetricCatalog.SYMBOL, annotation.symbol(), MetricCatalog.STRATEGY, annotation.strategy(), MetricCatalog.CURRENCY, annotation.currency()), Tags.empty(),
        tags -> gauges.stream().map(g -> meters.gauge(g, tags)).toArray(GaugeCell[]::new));
    return new TrackPnlInstrument(ctx, labels, values.toArray(new ValueSource[0]), attributes.toArray(new String[0]));
  }
}
