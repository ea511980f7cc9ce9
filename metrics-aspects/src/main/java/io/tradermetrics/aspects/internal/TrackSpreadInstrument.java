package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.TrackSpread;
import io.tradermetrics.aspects.internal.Meters.GaugeCell;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link TrackSpread}: on a normal return, sets {@code spread} to {@code ask - bid} and observes
 * {@code (ask - bid) / mid * 10_000} bps, {@code mid = (ask + bid) / 2}, into {@code spread.bps}.
 * Per call: two numeric reads, the label lookup, one volatile write, one histogram record; no
 * allocation once the symbol has been seen. Non-positive or non-finite prices and crossed quotes
 * (ask below bid) are not recorded and are counted.
 */
final class TrackSpreadInstrument extends Instrument.OnReturn {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.SYMBOL);

  private final LabelTree<SpreadMeters> labels;
  private final ValueSource bid;
  private final ValueSource ask;
  private final InstrumentationErrors.Site errors;

  private TrackSpreadInstrument(LabelTree<SpreadMeters> labels, ValueSource bid, ValueSource ask,
      InstrumentationErrors.Site errors) {
    this.labels = labels;
    this.bid = bid;
    this.ask = ask;
    this.errors = errors;
  }

  static Instrument bind(BindContext ctx, TrackSpread annotation) {
    ValueSource bid = ctx.numeric("bid", annotation.bid());
    ValueSource ask = ctx.numeric("ask", annotation.ask());
    double[] buckets = ctx.buckets(annotation.buckets(), ctx.settings().bpsBuckets(),
        "values are in bps, e.g. {1, 2, 5, 10, 20, 50, 100, 200}");
    Meters meters = ctx.meters();
    LabelTree<SpreadMeters> labels = ctx.labels(MetricCatalog.SPREAD, SETTABLE,
        Map.of(MetricCatalog.SYMBOL, annotation.symbol()), Tags.empty(),
        tags -> new SpreadMeters(meters.gauge(MetricCatalog.SPREAD, tags),
            meters.histogram(MetricCatalog.SPREAD_BPS, tags, buckets)));
    return new TrackSpreadInstrument(labels, bid, ask, ctx.site());
  }

  /** The spread in bps of a quote, or NaN when the prices are not a valid, uncrossed quote. */
  static double spreadBps(double bid, double ask) {
    if (!(bid > 0) || !(ask >= bid) || Double.isInfinite(ask)) {
      return Double.NaN;
    }
    return (ask - bid) / ((ask + bid) / 2) * 10_000;
  }

  @Override
  protected void returned(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    double b = bid.getDouble(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    double a = ask.getDouble(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    double bps = spreadBps(b, a);
    if (Double.isNaN(bps)) {
      boolean badBid = !(b > 0) || Double.isInfinite(b);
      errors.badValue(badBid ? "bid" : "ask", badBid ? b : a, badBid ? bid : ask, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      return;
    }
    SpreadMeters meters = labels.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (meters == null) {
      return;
    }
    meters.spread.set(a - b);
    meters.bps.record(bps);
  }

  /** The meters of one symbol. */
  record SpreadMeters(GaugeCell spread, DistributionSummary bps) {}
}
