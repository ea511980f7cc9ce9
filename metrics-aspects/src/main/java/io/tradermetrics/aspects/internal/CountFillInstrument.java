package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link CountFill}: on a normal return, one fill, its quantity and (with a price) its notional.
 * Per call: the label lookup, one or two numeric reads, three counter increments; no allocation
 * once the label combination has been seen.
 */
final class CountFillInstrument extends AfterReturnInstrument {

  private static final List<String> SETTABLE = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);

  private final LabelTree<FillCounters> labels;
  private final ValueSource quantity;
  private final @Nullable ValueSource price;

  private CountFillInstrument(LabelTree<FillCounters> labels, ValueSource quantity, @Nullable ValueSource price,
      InstrumentationErrors.Site errors) {
    super(errors);
    this.labels = labels;
    this.quantity = quantity;
    this.price = price;
  }

  static CountFillInstrument bind(Engine engine, JoinPointInfo jp, CountFill annotation) {
    ValueSource quantity = numeric(jp, "quantity", annotation.quantity());
    ValueSource price = annotation.price().isBlank() ? null : numeric(jp, "price", annotation.price());
    boolean withNotional = price != null;
    LabelTree<FillCounters> labels = engine.labels(jp, MetricCatalog.ORDERS_FILLED, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol(),
            MetricCatalog.SIDE, annotation.side()),
        Tags.empty(), tags -> new FillCounters(engine, tags, withNotional));
    return new CountFillInstrument(labels, quantity, price, engine.errors.site(jp));
  }

  static ValueSource numeric(JoinPointInfo jp, String attribute, String expression) {
    ValueSource source = jp.source(attribute, expression);
    if (!source.isNumeric() && source.type() != Object.class) {
      throw jp.error(attribute, "'" + expression + "' is a " + source.type().getName()
          + "; expected a number (a primitive number type or a java.lang.Number)");
    }
    return source;
  }

  @Override
  public int mask() {
    return labels.mask() | quantity.mask() | (price == null ? 0 : price.mask());
  }

  @Override
  void record(@Nullable Object result, @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    double qty = quantity.getDouble(result, a0, a1, a2, a3, a4, a5);
    if (!(qty > 0) || qty == Double.POSITIVE_INFINITY) {
      errors.badValue("quantity", qty);
      return;
    }
    FillCounters counters = labels.leaf(result, a0, a1, a2, a3, a4, a5);
    counters.fills.increment();
    counters.volume.increment(qty);
    if (price != null) {
      double px = price.getDouble(result, a0, a1, a2, a3, a4, a5);
      if (!(px > 0) || px == Double.POSITIVE_INFINITY) {
        errors.badValue("price", px);
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

    FillCounters(Engine engine, Tags tags, boolean withNotional) {
      fills = counter(engine, MetricCatalog.ORDERS_FILLED, tags);
      volume = counter(engine, MetricCatalog.FILL_VOLUME, tags);
      notional = withNotional ? counter(engine, MetricCatalog.FILL_NOTIONAL, tags) : fills;
    }

    private static Counter counter(Engine engine, io.tradermetrics.catalog.MetricDefinition def, Tags tags) {
      return Counter.builder(engine.name(def)).description(def.help()).tags(tags).register(engine.registry);
    }
  }
}
