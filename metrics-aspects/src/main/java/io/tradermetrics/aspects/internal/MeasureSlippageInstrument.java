package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.MeasureSlippage;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link MeasureSlippage}: on a normal return, observes
 * {@code sign * (executed - expected) / expected * 10_000} bps, {@code sign} +1 for buys and -1 for
 * sells, into {@code slippage.bps}; price improvement (a negative value) is observed as 0. The sign
 * is resolved once per label combination from its {@code side} label value. Per call: two numeric
 * reads, the label lookup, one histogram record; no allocation once the label combination has been
 * seen. Non-positive or non-finite prices, and a side that is neither buy nor sell, are not
 * recorded and are counted.
 */
final class MeasureSlippageInstrument extends Instrument.OnReturn {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.SYMBOL, MetricCatalog.SIDE);
  private static final Set<String> BUY = Set.of("buy", "bid", "b", "long");
  private static final Set<String> SELL = Set.of("sell", "ask", "s", "short", "offer");

  private final LabelTree<SlippageMeter> labels;
  private final ValueSource expected;
  private final ValueSource executed;
  private final InstrumentationErrors.Site errors;

  private MeasureSlippageInstrument(LabelTree<SlippageMeter> labels, ValueSource expected, ValueSource executed,
      InstrumentationErrors.Site errors) {
    this.labels = labels;
    this.expected = expected;
    this.executed = executed;
    this.errors = errors;
  }

  static Instrument bind(BindContext ctx, MeasureSlippage annotation) {
    ValueSource expected = ctx.numeric("expected", annotation.expected());
    ValueSource executed = ctx.numeric("executed", annotation.executed());
    double[] buckets = ctx.buckets(annotation.buckets(), ctx.settings().bpsBuckets(),
        "values are in bps, e.g. {1, 2, 5, 10, 20, 50, 100, 200}");
    String side = annotation.side().strip();
    if (!side.isEmpty() && sign(side) == 0) {
      throw ctx.error("side", "'" + side + "' is not a side; expected one of " + BUY + " or " + SELL
          + " (the side decides the sign of the slippage)");
    }
    Meters meters = ctx.meters();
    LabelTree<SlippageMeter> labels = ctx.labels(MetricCatalog.SLIPPAGE_BPS, SETTABLE,
        Map.of(MetricCatalog.SYMBOL, annotation.symbol(), MetricCatalog.SIDE, side), Tags.empty(),
        tags -> {
          int sign = sign(tags.stream().filter(t -> t.getKey().equals(MetricCatalog.SIDE)).findFirst()
              .map(t -> t.getValue()).orElse(""));
          // no series for a side that cannot be signed: it would only ever show nothing
          return new SlippageMeter(sign, sign == 0 ? null : meters.histogram(MetricCatalog.SLIPPAGE_BPS, tags, buckets));
        });
    return new MeasureSlippageInstrument(labels, expected, executed, ctx.site());
  }

  /** +1 for a buy side, -1 for a sell side, 0 for anything else. */
  static int sign(String side) {
    String s = side.toLowerCase(Locale.ROOT);
    return BUY.contains(s) ? 1 : SELL.contains(s) ? -1 : 0;
  }

  /** Slippage in bps, worse positive, for a sign of +1 (buy) or -1 (sell). */
  static double slippageBps(int sign, double expected, double executed) {
    return sign * (executed - expected) / expected * 10_000;
  }

  @Override
  protected void returned(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    double exp = expected.getDouble(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (!(exp > 0) || Double.isInfinite(exp)) {
      errors.badValue("expected", exp, expected, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      return;
    }
    double exe = executed.getDouble(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (!(exe > 0) || Double.isInfinite(exe)) {
      errors.badValue("executed", exe, executed, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      return;
    }
    SlippageMeter meter = labels.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (meter == null) {
      return;
    }
    if (meter.histogram == null) {
      errors.unusable("side", "the side label is neither buy nor sell, so the slippage has no sign");
      return;
    }
    meter.histogram.record(Math.max(0.0, slippageBps(meter.sign, exp, exe)));
  }

  /** The histogram of one label combination and the sign its side gives; no histogram for an unknown side. */
  record SlippageMeter(int sign, @Nullable DistributionSummary histogram) {}
}
