package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.TimedCall;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.Map;

/**
 * {@link TimedCall}: times a call to something outside (an exchange API, a scanner, tick-to-trade
 * as a whole) into {@code trader_call_latency_seconds} with its target, operation and outcome, on
 * the method or on every public method of an annotated class; see {@link TimingInstrument} for what
 * a call costs.
 */
final class TimedCallInstrument extends TimingInstrument {

  private TimedCallInstrument(BindContext ctx, TimedCall annotation, String operation) {
    super(ctx, MetricCatalog.CALL_LATENCY, List.of(), Map.of(),
        Tags.of(MetricCatalog.TARGET, annotation.target(), MetricCatalog.OPERATION, operation),
        annotation.buckets(), null);
  }

  static Instrument bind(BindContext ctx, TimedCall annotation) {
    if (annotation.target().isBlank()) {
      throw ctx.error("target", "is blank; name what is called, e.g. target = \"binance\"");
    }
    String operation = annotation.operation().isBlank() ? ctx.method().getName() : annotation.operation();
    return new TimedCallInstrument(ctx, annotation, operation);
  }
}
