package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.CountEvent;
import io.tradermetrics.annotation.CountQuote;
import io.tradermetrics.catalog.MetricCatalog;
import io.tradermetrics.catalog.MetricDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@link CountQuote} and {@link CountEvent}: one increment per normal return (that meets the
 * {@code countIf} condition, if any). Per call: the label lookup, at most one condition read and
 * one counter increment; no allocation once the label combination has been seen.
 */
final class CountingInstrument extends AfterReturnInstrument {

  private static final List<String> SETTABLE = List.of(MetricCatalog.SYMBOL, MetricCatalog.SIDE);
  private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> RESERVED_KEYS = Set.of("le", "quantile");

  private final LabelTree<Counter> labels;
  private final @Nullable Condition countIf;

  CountingInstrument(LabelTree<Counter> labels, @Nullable Condition countIf, InstrumentationErrors.Site errors) {
    super(errors);
    this.labels = labels;
    this.countIf = countIf;
  }

  static CountingInstrument bind(Engine engine, JoinPointInfo jp, CountQuote annotation) {
    LabelTree<Counter> labels = engine.labels(jp, MetricCatalog.QUOTES, SETTABLE,
        Map.of(MetricCatalog.SYMBOL, annotation.symbol(), MetricCatalog.SIDE, annotation.side()),
        Tags.empty(), tags -> Meters.counter(engine, MetricCatalog.QUOTES, tags));
    return new CountingInstrument(labels, null, engine.errors.site(jp));
  }

  static CountingInstrument bindEvent(Engine engine, JoinPointInfo jp, CountEvent annotation) {
    String name = annotation.name().strip();
    if (!MetricCatalog.EVENT_NAME.matcher(name).matches()) {
      throw jp.error("name", "'" + annotation.name() + "' is not a valid event name; expected lower-case words of "
          + "letters and digits separated by '.' or '_', starting with a letter, e.g. \"guard.blocks\"");
    }
    String meterName = name.replace('_', '.');
    if (meterName.equals("total") || meterName.endsWith(".total")) {
      throw jp.error("name", "'" + name + "' ends in 'total'; leave it out, the exposition adds _total");
    }
    for (MetricDefinition d : MetricCatalog.all()) {
      if (d.name().equals(meterName)) {
        throw jp.error("name", "'" + name + "' is the catalog metric " + d.prometheusName(engine.settings.namespace())
            + " of another annotation; choose another name");
      }
    }
    List<String> keys = new ArrayList<>();
    Map<String, String> constants = new LinkedHashMap<>();
    for (String entry : annotation.labels()) {
      int eq = entry.indexOf('=');
      String key = (eq < 0 ? entry : entry.substring(0, eq)).strip();
      if (!LABEL_KEY.matcher(key).matches() || RESERVED_KEYS.contains(key)) {
        throw jp.error("labels", "'" + key + "' in \"" + entry + "\" is not a valid label key; expected [a-z][a-z0-9_]*, "
            + "not le or quantile, e.g. \"guard\" or \"guard=inventory\"");
      }
      if (keys.contains(key)) {
        throw jp.error("labels", "label key '" + key + "' is declared twice; declare each key once");
      }
      keys.add(key);
      if (eq >= 0) {
        constants.put(key, entry.substring(eq + 1).strip());
      }
    }
    Condition countIf = annotation.countIf().isBlank() ? null : Condition.parse(jp, "countIf", annotation.countIf(), null);
    String help = annotation.help().isBlank() ? "Events '" + name + "' counted by @CountEvent" : annotation.help();
    MetricDefinition definition = MetricCatalog.event(name, keys, help);
    LabelTree<Counter> labels = engine.labels(jp, definition, keys, constants, Tags.empty(),
        tags -> Meters.counter(engine, definition, tags));
    engine.declareEvent(jp, meterName, new HashSet<>(keys));
    return new CountingInstrument(labels, countIf, engine.errors.site(jp));
  }

  @Override
  public int mask() {
    return labels.mask() | (countIf == null ? 0 : countIf.mask());
  }

  @Override
  void record(@Nullable Object result, @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    if (countIf == null || countIf.test(result, a0, a1, a2, a3, a4, a5)) {
      labels.leaf(result, a0, a1, a2, a3, a4, a5).increment();
    }
  }
}
