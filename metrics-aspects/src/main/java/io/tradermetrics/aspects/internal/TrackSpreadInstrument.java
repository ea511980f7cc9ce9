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
 * Per call: the label lookup, two numeric reads, one volatile write, one histogram record; no
 * allocation once the symbol has been seen. Non-positive or non-finite prices and crossed quotes
 * (ask below bid) are not recorded and are counted.
 */
final class TrackSpreadInstrument extends AfterReturnInstrument {

  private final LabelTree<SpreadMeters> labels;
  private final ValueSource bid;
  private final ValueSource ask;

  private TrackSpreadInstrument(LabelTree<SpreadMeters> labels, ValueSource bid, ValueSource ask,
      InstrumentationErrors.Site errors) {
    super(errors);
    this.labels = labels;
    this.bid = bid;
    this.ask = ask;
  }

  static TrackSpreadInstrument bind(Engine engine, JoinPointInfo jp, TrackSpread annotation) {
    ValueSource bid = CountFillInstrument.numeric(jp, "bid", annotation.bid());
    ValueSource ask = CountFillInstrument.numeric(jp, "ask", annotation.ask());
    double[] buckets = Meters.bpsBuckets(engine, jp, annotation.buckets());
    LabelTree<SpreadMeters> labels = engine.labels(jp, MetricCatalog.SPREAD, List.of(MetricCatalog.SYMBOL),
        Map.of(MetricCatalog.SYMBOL, annotation.symbol()), Tags.empty(),
        tags -> new SpreadMeters(Meters.gauge(engine, MetricCatalog.SPREAD, tags),
            Meters.histogram(engine, MetricCatalog.SPREAD_BPS, tags, buckets)));
    return new TrackSpreadInstrument(labels, bid, ask, engine.errors.site(jp));
  }

  /** The spread in bps of a quote, or NaN when the prices are not a valid, uncrossed quote. */
  static double spreadBps(double bid, double ask) {
    if (!(bid > 0) || !(ask >= bid) || Double.isInfinite(ask)) {
      return Double.NaN;
    }
    return (ask - bid) / ((ask + bid) / 2) * 10_000;
  }

  @Override
  public int mask() {
    return labels.mask() | bid.mask() | ask.mask();
  }

  @Override
  void record(@Nullable Object result, @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    double b = bid.getDouble(result, a0, a1, a2, a3, a4, a5);
    double a = ask.getDouble(result, a0, a1, a2, a3, a4, a5);
    double bps = spreadBps(b, a);
    if (Double.isNaN(bps)) {
      errors.badValue(!(b > 0) || Double.isInfinite(b) ? "bid" : "ask", !(b > 0) || Double.isInfinite(b) ? b : a);
      return;
    }
    SpreadMeters meters = labels.leaf(result, a0, a1, a2, a3, a4, a5);
    meters.spread.set(a - b);
    meters.bps.record(bps);
  }

  /** The meters of one symbol. */
  record SpreadMeters(GaugeCell spread, DistributionSummary bps) {}
}
