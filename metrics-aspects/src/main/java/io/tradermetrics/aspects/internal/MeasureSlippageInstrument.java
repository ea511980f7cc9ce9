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
 * is resolved once per label combination from its {@code side} label value. Per call: the label
 * lookup, two numeric reads, one histogram record; no allocation once the label combination has
 * been seen. Non-positive or non-finite prices, and a side that is neither buy nor sell, are not
 * recorded and are counted.
 */
final class MeasureSlippageInstrument extends AfterReturnInstrument {

  private static final Set<String> BUY = Set.of("buy", "bid", "b", "long");
  private static final Set<String> SELL = Set.of("sell", "ask", "s", "short", "offer");

  private final LabelTree<SlippageMeter> labels;
  private final ValueSource expected;
  private final ValueSource executed;

  private MeasureSlippageInstrument(LabelTree<SlippageMeter> labels, ValueSource expected, ValueSource executed,
      InstrumentationErrors.Site errors) {
    super(errors);
    this.labels = labels;
    this.expected = expected;
    this.executed = executed;
  }

  static MeasureSlippageInstrument bind(Engine engine, JoinPointInfo jp, MeasureSlippage annotation) {
    ValueSource expected = CountFillInstrument.numeric(jp, "expected", annotation.expected());
    ValueSource executed = CountFillInstrument.numeric(jp, "executed", annotation.executed());
    double[] buckets = Meters.bpsBuckets(engine, jp, annotation.buckets());
    String side = annotation.side().strip();
    if (!side.isEmpty() && sign(side) == 0) {
      throw jp.error("side", "'" + side + "' is not a side; expected one of " + BUY + " or " + SELL
          + " (the side decides the sign of the slippage)");
    }
    LabelTree<SlippageMeter> labels = engine.labels(jp, MetricCatalog.SLIPPAGE_BPS,
        List.of(MetricCatalog.SYMBOL, MetricCatalog.SIDE),
        Map.of(MetricCatalog.SYMBOL, annotation.symbol(), MetricCatalog.SIDE, side), Tags.empty(),
        tags -> {
          int sign = sign(tags.stream().filter(t -> t.getKey().equals(MetricCatalog.SIDE)).findFirst()
              .map(t -> t.getValue()).orElse(""));
          // no series for a side that cannot be signed: it would only ever show nothing
          return new SlippageMeter(sign, sign == 0 ? null : Meters.histogram(engine, MetricCatalog.SLIPPAGE_BPS, tags, buckets));
        });
    return new MeasureSlippageInstrument(labels, expected, executed, engine.errors.site(jp));
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
  public int mask() {
    return labels.mask() | expected.mask() | executed.mask();
  }

  @Override
  void record(@Nullable Object result, @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    double exp = expected.getDouble(result, a0, a1, a2, a3, a4, a5);
    if (!(exp > 0) || Double.isInfinite(exp)) {
      errors.badValue("expected", exp);
      return;
    }
    double exe = executed.getDouble(result, a0, a1, a2, a3, a4, a5);
    if (!(exe > 0) || Double.isInfinite(exe)) {
      errors.badValue("executed", exe);
      return;
    }
    SlippageMeter meter = labels.leaf(result, a0, a1, a2, a3, a4, a5);
    if (meter.histogram == null) {
      errors.unusable("side", "the side label is neither buy nor sell, so the slippage has no sign");
      return;
    }
    meter.histogram.record(Math.max(0.0, slippageBps(meter.sign, exp, exe)));
  }

  /** The histogram of one label combination and the sign its side gives; no histogram for an unknown side. */
  record SlippageMeter(int sign, @Nullable DistributionSummary histogram) {}
}
