package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.aspects.internal.Meters.GaugeCell;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link TrackOpenOrders} and {@link TrackPnl}: on a normal return, set one or two gauges of the
 * call's labels to values read from the call. Per call: the label lookup, one numeric read and one
 * volatile write per gauge; no allocation once the label combination has been seen. Bad values
 * (NaN, infinite, and for open orders negative) are not recorded and are counted.
 */
final class GaugeInstruments extends AfterReturnInstrument {

  private final LabelTree<GaugeCell[]> labels;
  private final ValueSource[] values;
  private final String[] attributes;
  private final boolean nonNegative;
  private final int mask;

  private GaugeInstruments(LabelTree<GaugeCell[]> labels, ValueSource[] values, String[] attributes, boolean nonNegative,
      InstrumentationErrors.Site errors) {
    super(errors);
    this.labels = labels;
    this.values = values;
    this.attributes = attributes;
    this.nonNegative = nonNegative;
    int m = labels.mask();
    for (ValueSource v : values) {
      m |= v.mask();
    }
    this.mask = m;
  }

  static GaugeInstruments bindOpenOrders(Engine engine, JoinPointInfo jp, TrackOpenOrders annotation) {
    ValueSource value = CountFillInstrument.numeric(jp, "value", annotation.value());
    LabelTree<GaugeCell[]> labels = engine.labels(jp, MetricCatalog.ORDERS_OPEN,
        List.of(MetricCatalog.SYMBOL, MetricCatalog.SIDE),
        Map.of(MetricCatalog.SYMBOL, annotation.symbol(), MetricCatalog.SIDE, annotation.side()), Tags.empty(),
        tags -> new GaugeCell[] {Meters.gauge(engine, MetricCatalog.ORDERS_OPEN, tags)});
    return new GaugeInstruments(labels, new ValueSource[] {value}, new String[] {"value"}, true,
        engine.errors.site(jp));
  }

  static GaugeInstruments bindPnl(Engine engine, JoinPointInfo jp, TrackPnl annotation) {
    boolean realized = !annotation.realized().isBlank();
    boolean unrealized = !annotation.unrealized().isBlank();
    if (!realized && !unrealized) {
      throw jp.error("realized", "and 'unrealized' are both empty; give at least one expression, "
          + "e.g. realized = \"result.realized\"");
    }
    ValueSource[] values;
    String[] attributes;
    if (realized && unrealized) {
      values = new ValueSource[] {CountFillInstrument.numeric(jp, "realized", annotation.realized()),
          CountFillInstrument.numeric(jp, "unrealized", annotation.unrealized())};
      attributes = new String[] {"realized", "unrealized"};
    } else if (realized) {
      values = new ValueSource[] {CountFillInstrument.numeric(jp, "realized", annotation.realized())};
      attributes = new String[] {"realized"};
    } else {
      values = new ValueSource[] {CountFillInstrument.numeric(jp, "unrealized", annotation.unrealized())};
      attributes = new String[] {"unrealized"};
    }
    LabelTree<GaugeCell[]> labels = engine.labels(jp, realized ? MetricCatalog.PNL_REALIZED : MetricCatalog.PNL_UNREALIZED,
        List.of(MetricCatalog.SYMBOL, MetricCatalog.STRATEGY),
        Map.of(MetricCatalog.SYMBOL, annotation.symbol(), MetricCatalog.STRATEGY, annotation.strategy()), Tags.empty(),
        tags -> {
          GaugeCell[] cells = new GaugeCell[attributes.length];
          for (int i = 0; i < cells.length; i++) {
            cells[i] = Meters.gauge(engine,
                attributes[i].equals("realized") ? MetricCatalog.PNL_REALIZED : MetricCatalog.PNL_UNREALIZED, tags);
          }
          return cells;
        });
    return new GaugeInstruments(labels, values, attributes, false, engine.errors.site(jp));
  }

  @Override
  public int mask() {
    return mask;
  }

  @Override
  void record(@Nullable Object result, @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    GaugeCell[] cells = null;
    for (int i = 0; i < values.length; i++) {
      double v = values[i].getDouble(result, a0, a1, a2, a3, a4, a5);
      if (Double.isNaN(v) || Double.isInfinite(v) || (nonNegative && v < 0)) {
        errors.badValue(attributes[i], v);
        continue;
      }
      if (cells == null) {
        cells = labels.leaf(result, a0, a1, a2, a3, a4, a5);
      }
      cells[i].set(v);
    }
  }
}
