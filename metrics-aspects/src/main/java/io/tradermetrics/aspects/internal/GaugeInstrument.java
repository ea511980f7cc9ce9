package io.tradermetrics.aspects.internal;

import io.tradermetrics.aspects.internal.Meters.GaugeCell;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TrackPositionInstrument}, {@link TrackOpenOrdersInstrument} and
 * {@link TrackPnlInstrument} share: on a normal return, set one or two gauges of the call's labels to
 * numbers read from the call. Per call: one numeric read per gauge, the label lookup, one volatile
 * write per gauge; no allocation once the label combination has been seen. Bad values (NaN,
 * infinite, and where the gauge cannot be negative a negative one) are not recorded and are
 * counted; a good value beside a bad one is still recorded.
 */
abstract class GaugeInstrument extends Instrument.OnReturn {

  private final LabelTree<GaugeCell[]> labels;
  private final ValueSource[] values;
  private final String[] attributes;
  private final boolean nonNegative;
  private final InstrumentationErrors.Site errors;

  GaugeInstrument(LabelTree<GaugeCell[]> labels, ValueSource[] values, String[] attributes, boolean nonNegative,
      InstrumentationErrors.Site errors) {
    this.labels = labels;
    this.values = values;
    this.attributes = attributes;
    this.nonNegative = nonNegative;
    this.errors = errors;
  }

  @Override
  protected final void returned(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    GaugeCell[] cells = null;
    for (int i = 0; i < values.length; i++) {
      double v = values[i].getDouble(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      if (Double.isNaN(v) || Double.isInfinite(v) || (nonNegative && v < 0)) {
        errors.badValue(attributes[i], v, values[i], r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
        continue;
      }
      if (cells == null) {
        cells = labels.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
        if (cells == null) {
          return;
        }
      }
      cells[i].set(v);
    }
  }
}
