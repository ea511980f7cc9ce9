package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link CountFill}: on a normal return, one fill, its quantity and (with a price) its notional. A
 * quantity that is not a positive finite number (or null) records nothing; a bad price (or null)
 * records the fill and its quantity but no notional; each is counted as an error.
 * Per call: two numeric reads, the label lookup, up to three counter increments; no allocation
 * once the label combination has been seen.
 */
final class CountFillInstrument extends Instrument.OnReturn {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);

  private final LabelTree<FillCounters> labels;
  private final ValueSource quantity;
  private final @Nullable ValueSource price;
  private final InstrumentationErrors.Site errors;

  private CountFillInstrument(LabelTree<FillCounters> labels, ValueSource quantity, @Nullable ValueSource price,
      InstrumentationErrors.Site errors) {
    this.labels = labels;
    this.quantity = quantity;
    this.price = price;
    this.errors = errors;
  }

  static Instrument bind(BindContext ctx, CountFill annotation) {
    ValueSource quantity = ctx.numeric("quantity", annotation.quantity());
    ValueSource price = annotation.price().isBlank() ? null : ctx.numeric("price", annotation.price());
    boolean withNotional = price != null;
    Meters meters = ctx.meters();
    LabelTree<FillCounters> labels = ctx.labels(MetricCatalog.ORDERS_FILLED, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol(),
            MetricCatalog.SIDE, annotation.side()),
        Tags.empty(), tags -> new FillCounters(meters, tags, withNotional));
    return new CountFillInstrument(labels, quantity, price, ctx.site());
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
    if (price != null) {
      double px = price.getDouble(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      if (!(px > 0) || px == Double.POSITIVE_INFINITY) {
        errors.badValue("price", px, price, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      } else {
        counters.notional.increment(qty * px);
      }
    }
  }

  /** The counters of one label combination. */
  static final class FillCounters {
    final Counter fills;
    final Counter volume;
    final Counter notional;

    FillCounters(Meters meters, Tags tags, boolean withNotional) {
      fills = meters.counter(MetricCatalog.ORDERS_FILLED, tags);
      volume = meters.counter(MetricCatalog.FILL_VOLUME, tags);
      notional = withNotional ? meters.counter(MetricCatalog.FILL_NOTIONAL, tags) : fills;
    }
  }
}
