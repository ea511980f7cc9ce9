package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.VenueConnection;
import io.tradermetrics.aspects.internal.Meters.GaugeCell;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link VenueConnection}: on a normal return, sets {@code trader_venue_connected{venue}} to 1 or 0.
 * Per call: one read (a {@code boolean} argument arrives as a cached {@code Boolean}), the label
 * lookup, one volatile write; no allocation once the venue has been seen.
 */
final class VenueConnectionInstrument extends Instrument.OnReturn {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.VENUE);

  private final LabelTree<GaugeCell> labels;
  private final ValueSource connected;
  private final InstrumentationErrors.Site errors;

  private VenueConnectionInstrument(LabelTree<GaugeCell> labels, ValueSource connected, InstrumentationErrors.Site errors) {
    this.labels = labels;
    this.connected = connected;
    this.errors = errors;
  }

  static Instrument bind(BindContext ctx, VenueConnection annotation) {
    ValueSource connected = BooleanValue.source(ctx, "connected", annotation.connected(),
        "true when the venue is connected");
    Meters meters = ctx.meters();
    LabelTree<GaugeCell> labels = ctx.labels(MetricCatalog.VENUE_CONNECTED, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue()), Tags.empty(),
        tags -> meters.gauge(MetricCatalog.VENUE_CONNECTED, tags));
    return new VenueConnectionInstrument(labels, connected, ctx.site());
  }

  @Override
  protected void returned(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    Boolean up = BooleanValue.read(connected, "connected", errors, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5,
        p5);
    if (up == null) {
      return;
    }
    GaugeCell cell = labels.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (cell != null) {
      cell.set(up ? 1.0 : 0.0);
    }
  }
}
