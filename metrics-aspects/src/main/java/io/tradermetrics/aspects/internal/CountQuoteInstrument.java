package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.CountQuote;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;

/** {@link CountQuote}: one quote per normal return into {@code trader_quotes_total}; see {@link CountingInstrument}. */
final class CountQuoteInstrument extends CountingInstrument {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  static final List<String> SETTABLE = List.of(MetricCatalog.SYMBOL, MetricCatalog.SIDE);

  private CountQuoteInstrument(LabelTree<Counter> labels) {
    super(labels, null);
  }

  static Instrument bind(BindContext ctx, CountQuote annotation) {
    Meters meters = ctx.meters();
    return new CountQuoteInstrument(ctx.labels(MetricCatalog.QUOTES, SETTABLE,
        Map.of(MetricCatalog.SYMBOL, annotation.symbol(), MetricCatalog.SIDE, annotation.side()),
        Tags.empty(), tags -> meters.counter(MetricCatalog.QUOTES, tags)));
  }
}
