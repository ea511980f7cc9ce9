package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.TrackPosition;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link TrackPosition}: on a normal return, sets the position gauge of its symbol. Per call: the
 * label lookup, one numeric read, one volatile write; no allocation once the symbol has been seen.
 */
final class TrackPositionInstrument extends AfterReturnInstrument {

  private static final List<String> SETTABLE = List.of(MetricCatalog.SYMBOL);

  private final LabelTree<PositionCell> labels;
  private final ValueSource value;

  private TrackPositionInstrument(LabelTree<PositionCell> labels, ValueSource value, InstrumentationErrors.Site errors) {
    super(errors);
    this.labels = labels;
    this.value = value;
  }

  static TrackPositionInstrument bind(Engine engine, JoinPointInfo jp, TrackPosition annotation) {
    ValueSource value = CountFillInstrument.numeric(jp, "value", annotation.value());
    String name = engine.name(MetricCatalog.POSITION);
    LabelTree<PositionCell> labels = engine.labels(jp, MetricCatalog.POSITION, SETTABLE,
        Map.of(MetricCatalog.SYMBOL, annotation.symbol()), Tags.empty(),
        tags -> (PositionCell) engine.shared(List.of(name, tags), () -> {
          // one cell per series, shared by every join point that tracks it: a gauge reads one object
          PositionCell cell = new PositionCell();
          Gauge.builder(name, cell, PositionCell::get)
              .description(MetricCatalog.POSITION.help())
              .tags(tags)
              .strongReference(true)
              .register(engine.registry);
          return cell;
        }));
    return new TrackPositionInstrument(labels, value, engine.errors.site(jp));
  }

  @Override
  public int mask() {
    return labels.mask() | value.mask();
  }

  @Override
  void record(@Nullable Object result, @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    double position = value.getDouble(result, a0, a1, a2, a3, a4, a5);
    if (Double.isNaN(position) || Double.isInfinite(position)) {
      errors.badValue("value", position);
      return;
    }
    labels.leaf(result, a0, a1, a2, a3, a4, a5).value = position;
  }

  /** The last position recorded for one symbol, read by the gauge at scrape time. */
  static final class PositionCell {
    volatile double value;

    double get() {
      return value;
    }
  }
}
