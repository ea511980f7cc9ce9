package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.CountOpportunity;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link CountOpportunity}: on a normal return, observes the opportunity's net spread (bps, not
 * positive as 0) in {@code trader_opportunity_net_spread_bps}. Per call: one numeric read, the
 * label lookup, one histogram record; no allocation once the label combination has been seen.
 */
final class CountOpportunityInstrument extends Instrument.OnReturn {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE =
      List.of(MetricCatalog.SYMBOL, MetricCatalog.BUY_VENUE, MetricCatalog.SELL_VENUE);

  private final LabelTree<DistributionSummary> labels;
  private final ValueSource netSpread;
  private final InstrumentationErrors.Site errors;

  private CountOpportunityInstrument(LabelTree<DistributionSummary> labels, ValueSource netSpread,
      InstrumentationErrors.Site errors) {
    this.labels = labels;
    this.netSpread = netSpread;
    this.errors = errors;
  }

  static Instrument bind(BindContext ctx, CountOpportunity annotation) {
    ValueSource netSpread = ctx.numeric("netSpreadBps", annotation.netSpreadBps());
    double[] buckets = ctx.buckets(annotation.buckets(), ctx.settings().bpsBuckets(),
        "values are in bps, e.g. {1, 2, 5, 10, 20, 50}");
    Meters meters = ctx.meters();
    LabelTree<DistributionSummary> labels = ctx.labels(MetricCatalog.OPPORTUNITY_NET_SPREAD_BPS, SETTABLE,
        Map.of(MetricCatalog.SYMBOL, annotation.symbol(), MetricCatalog.BUY_VENUE, annotation.buyVenue(),
            MetricCatalog.SELL_VENUE, annotation.sellVenue()), Tags.empty(),
        tags -> meters.histogram(MetricCatalog.OPPORTUNITY_NET_SPREAD_BPS, tags, buckets));
    return new CountOpportunityInstrument(labels, netSpread, ctx.site());
  }

  @Override
  protected void returned(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    double bps = netSpread.getDouble(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (Double.isNaN(bps) || Double.isInfinite(bps)) {
      errors.badValue("netSpreadBps", bps);
      return;
    }
    DistributionSummary histogram = labels.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (histogram != null) {
      histogram.record(Math.max(0.0, bps));
    }
  }
}
