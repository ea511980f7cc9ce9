package io.tradermetrics.aspects.internal;

import io.tradermetrics.annotation.Label;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link Label} off the parameters of a join point. */
final class Labels {

  private Labels() {}

  /**
   * The label sources declared with {@code @Label} on the method's parameters, by key.
   *
   * @throws io.tradermetrics.aspects.InstrumentationConfigException for a key the metric does not
   *     have, a key given twice, or a path that does not resolve
   */
  static Map<String, ValueSource> fromParameters(JoinPointInfo jp, List<String> settable) {
    Map<String, ValueSource> sources = new LinkedHashMap<>();
    Parameter[] params = jp.method.getParameters();
    for (int i = 0; i < params.length; i++) {
      for (Label label : params[i].getAnnotationsByType(Label.class)) {
        String attribute = "@Label(\"" + label.value() + "\") on parameter #" + i;
        if (!settable.contains(label.value())) {
          throw jp.error(attribute, "'" + label.value() + "' is not a label of this metric; valid keys: " + settable);
        }
        if (sources.containsKey(label.value())) {
          throw jp.error(attribute, "label '" + label.value() + "' is taken from two parameters; keep one");
        }
        sources.put(label.value(), jp.parameterSource(attribute, i, label.path()));
      }
    }
    return sources;
  }
}
