package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.CountEvent;
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
 * {@link CountEvent}: one increment of {@code trader_<name>_total} per normal return that meets
 * {@code countIf}, with the declared label keys; see {@link CountingInstrument}. One name always
 * has the same keys, across join points.
 */
final class CountEventInstrument extends CountingInstrument {

  private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> RESERVED_KEYS = Set.of("le", "quantile");

  private CountEventInstrument(LabelTree<Counter> labels, @Nullable Condition countIf) {
    super(labels, countIf);
  }

  /** The label keys {@code annotation} declares (its {@code labels}, without the constant values). */
  static List<String> labelKeys(CountEvent annotation) {
    List<String> keys = new ArrayList<>();
    for (String entry : annotation.labels()) {
      int eq = entry.indexOf('=');
      keys.add((eq < 0 ? entry : entry.substring(0, eq)).strip());
    }
    return keys;
  }

  static Instrument bind(BindContext ctx, CountEvent annotation) {
    String name = annotation.name().strip();
    if (!MetricCatalog.EVENT_NAME.matcher(name).matches()) {
      throw ctx.error("name", "'" + annotation.name() + "' is not a valid event name; expected lower-case words of "
          + "letters and digits separated by '.' or '_', starting with a letter, e.g. \"guard.blocks\"");
    }
    String meterName = name.replace('_', '.');
    if (meterName.equals("total") || meterName.endsWith(".total")) {
      throw ctx.error("name", "'" + name + "' ends in 'total'; leave it out, the exposition adds _total");
    }
    for (MetricDefinition d : MetricCatalog.all()) {
      if (d.name().equals(meterName)) {
        throw ctx.error("name", "'" + name + "' is the catalog metric " + d.prometheusName(ctx.settings().namespace())
            + " of another annotation; choose another name");
      }
    }
    List<String> keys = new ArrayList<>();
    Map<String, String> constants = new LinkedHashMap<>();
    for (String entry : annotation.labels()) {
      int eq = entry.indexOf('=');
      String key = (eq < 0 ? entry : entry.substring(0, eq)).strip();
      if (!LABEL_KEY.matcher(key).matches() || RESERVED_KEYS.contains(key)) {
        throw ctx.error("labels", "'" + key + "' in \"" + entry + "\" is not a valid label key; expected [a-z][a-z0-9_]*, "
            + "not le or quantile, e.g. \"guard\" or \"guard=inventory\"");
      }
      if (keys.contains(key)) {
        throw ctx.error("labels", "label key '" + key + "' is declared twice; declare each key once");
      }
      keys.add(key);
      if (eq >= 0) {
        constants.put(key, entry.substring(eq + 1).strip());
      }
    }
    Condition countIf = annotation.countIf().isBlank() ? null : Condition.parse(ctx, "countIf", annotation.countIf(), null);
    String help = annotation.help().isBlank() ? "Events '" + name + "' counted by @CountEvent" : annotation.help();
    MetricDefinition definition = MetricCatalog.event(name, keys, help);
    Meters meters = ctx.meters();
    LabelTree<Counter> labels = ctx.labels(definition, keys, constants, Tags.empty(),
        tags -> meters.counter(definition, tags));
    ctx.declareEvent(meterName, new HashSet<>(keys));
    return new CountEventInstrument(labels, countIf);
  }
}
