package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.alerts.Alert;
import io.tradermetrics.alerts.AlertChannel;
import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link CountFill}: on a normal return, one fill, its quantity and (with a price) its notional;
 * with a fee, the fee or rebate; with a price, the fill enters the markouts of its symbol
 * ({@link Markouts}); above {@code alertNotionalAbove}, the {@code LargeExecution} alert. A
 * quantity that is not a positive finite number (or null) records nothing; a bad price (or null)
 * records the fill and its quantity but no notional, markout or alert; each is counted as an error.
 * Per call: up to three numeric reads, the label lookup, up to four counter increments, with
 * markouts one lock and a write per horizon; no allocation once the label combination has been
 * seen (a large execution's alert allocates, at most once per throttle interval and fill identity).
 */
final class CountFillInstrument extends Instrument.OnReturn {

  /** The name of the event alert of a fill above {@code alertNotionalAbove}. */
  static final String LARGE_EXECUTION = "LargeExecution";

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE =
      List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE, MetricCatalog.CURRENCY);

  private final LabelTree<FillCounters> labels;
  private final ValueSource quantity;
  private final @Nullable ValueSource price;
  private final @Nullable ValueSource fee;
  private final double alertAbove;
  private final AlertChannel alerts;
  private final InstrumentationErrors.Site errors;

  private CountFillInstrument(LabelTree<FillCounters> labels, ValueSource quantity, @Nullable ValueSource price,
      @Nullable ValueSource fee, double alertAbove, AlertChannel alerts, InstrumentationErrors.Site errors) {
    this.labels = labels;
    this.quantity = quantity;
    this.price = price;
    this.fee = fee;
    this.alertAbove = alertAbove;
    this.alerts = alerts;
    this.errors = errors;
  }

  static Instrument bind(BindContext ctx, CountFill annotation) {
    ValueSource quantity = ctx.numeric("quantity", annotation.quantity());
    ValueSource price = annotation.price().isBlank() ? null : ctx.numeric("price", annotation.price());
    ValueSource fee = annotation.fee().isBlank() ? null : ctx.numeric("fee", annotation.fee());
    double alertAbove = annotation.alertNotionalAbove();
    if (!(alertAbove >= 0) || Double.isInfinite(alertAbove)) {
      throw ctx.error("alertNotionalAbove", alertAbove + " is not valid: expected 0 (no alert) or a positive notional"
          + " in quote currency, e.g. 50000");
    }
    if (alertAbove > 0 && price == null) {
      throw ctx.error("alertNotionalAbove", "needs a price to compute the notional; give price = \"...\"");
    }
    boolean withNotional = price != null;
    boolean withFees = fee != null;
    String feeCurrency = annotation.feeCurrency().strip();
    Markouts markouts = withNotional ? Markouts.of(ctx) : null;
    Meters meters = ctx.meters();
    LabelTree<FillCounters> labels = ctx.labels(MetricCatalog.ORDERS_FILLED, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol(),
            MetricCatalog.SIDE, annotation.side(), MetricCatalog.CURRENCY, annotation.currency()),
        Tags.empty(), tags -> new FillCounters(meters, tags, withNotional, withFees, feeCurrency, markouts));
    return new CountFillInstrument(labels, quantity, price, fee, alertAbove, ctx.alerts(), ctx.site());
  }

  @Override
  protected void returned(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    double qty = quantity.getDouble(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (!(qty > 0) || qty == Double.POSITIVE_INFINITY) {
      errors.badValue("quantity", qty, quantity, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      return;
    }
    FillCounters counters = labels.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (counters == null) {
      return;
    }
    counters.fills.increment();
    counters.volume.increment(qty);
    if (fee != null) {
      double f = fee.getDouble(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      if (Double.isNaN(f) || Double.isInfinite(f)) {
        errors.badValue("fee", f, fee, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      } else if (f > 0) {
        counters.fees.increment(f);
      } else if (f < 0) {
        counters.rebates.increment(-f);
      }
    }
    if (price != null) {
      double px = price.getDouble(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      if (!(px > 0) || px == Double.POSITIVE_INFINITY) {
        errors.badValue("price", px, price, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
        return;
      }
      double notional = qty * px;
      counters.notional.increment(notional);
      if (counters.markout != null) {
        counters.markout.fill(px);
      }
      if (alertAbove > 0 && notional > alertAbove) {
        raiseLargeExecution(counters, qty, px, notional);
      }
    }
  }

  /** Raises {@code LargeExecution}: admitted by the channel's throttle first, so a throttled raise allocates nothing. */
  private void raiseLargeExecution(FillCounters counters, double qty, double px, double notional) {
    long suppressed = alerts.admit(LARGE_EXECUTION, AlertSeverity.INFO, counters.alertLabels);
    if (suppressed >= 0) {
      alerts.deliverAdmitted(new Alert(LARGE_EXECUTION, AlertSeverity.INFO, "Large execution",
          "filled " + qty + " at " + px + ": notional " + notional + " above " + alertAbove, counters.alertLabels,
          Map.of("notional", Double.toString(notional)), alerts.now()), suppressed);
    }
  }

  /** The counters of one label combination. */
  static final class FillCounters {
    final Counter fills;
    final Counter volume;
    final Counter notional;
    final Counter fees;
    final Counter rebates;
    final Markouts.@Nullable Sink markout;
    final Map<String, String> alertLabels;

    FillCounters(Meters meters, Tags tags, boolean withNotional, boolean withFees, String feeCurrency,
        @Nullable Markouts markouts) {
      Tags withoutCurrency = Tags.of(tags.stream().filter(t -> !t.getKey().equals(MetricCatalog.CURRENCY)).toList());
      fills = meters.counter(MetricCatalog.ORDERS_FILLED, withoutCurrency);
      volume = meters.counter(MetricCatalog.FILL_VOLUME, withoutCurrency);
      notional = withNotional ? meters.counter(MetricCatalog.FILL_NOTIONAL, tags) : fills;
      Tags feeTags = feeCurrency.isEmpty() ? tags : withoutCurrency.and(MetricCatalog.CURRENCY, feeCurrency);
      fees = withFees ? meters.counter(MetricCatalog.FILL_FEES, feeTags) : fills;
      rebates = withFees ? meters.counter(MetricCatalog.FILL_REBATES, feeTags) : fills;
      markout = markouts == null ? null : markouts.sink(withoutCurrency);
      java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
      for (Tag t : withoutCurrency) {
        labels.put(t.getKey(), t.getValue());
      }
      alertLabels = Map.copyOf(labels);
    }
  }
}
