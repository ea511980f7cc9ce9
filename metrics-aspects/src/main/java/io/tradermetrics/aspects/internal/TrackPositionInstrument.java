package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.TrackPosition;
import io.tradermetrics.aspects.internal.Meters.GaugeCell;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;

/**
 * {@link TrackPosition}: on a normal return, sets {@code trader_position} of the symbol to the
 * signed net position read from the call (base-asset units); see {@link GaugeInstrument}.
 */
final class TrackPositionInstrument extends GaugeInstrument {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.SYMBOL);
  // venue is the annotation's constant only: a stacked method's @Label("venue") (the venue of a fill)
  // would split one net position by the last fill's venue
  private static final List<String> KEYS = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL);

  private TrackPositionInstrument(BindContext ctx, LabelTree<GaugeCell[]> labels, ValueSource value) {
    super(labels, new ValueSource[] {value}, new String[] {"value"}, false, ctx.site());
  }

  static Instrument bind(BindContext ctx, TrackPosition annotation) {
    ValueSource value = ctx.numeric("value", annotation.value());
    Meters meters = ctx.meters();
    double limit = annotation.limit();
    if (!(limit >= 0) || Double.isInfinite(limit)) {
      throw ctx.error("limit", limit + " is not valid: expected 0 (no limit gauge) or a positive position limit in "
          + "base-asset units, e.g. 5");
    }
    LabelTree<GaugeCell[]> labels = ctx.labels(MetricCatalog.POSITION, KEYS, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol()), Tags.empty(),
        tags -> {
          if (limit > 0) {
            // published with the first position of the label combination, never changed
            meters.gauge(MetricCatalog.POSITION_LIMIT, tags).set(limit);
          }
          return new GaugeCell[] {meters.gauge(MetricCatalog.POSITION, tags)};
        });
    return new TrackPositionInstrument(ctx, labels, value);
  }
}
