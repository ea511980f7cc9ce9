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
   * The label sources declared with {@code @Label} on the method's parameters, and on the method
   * itself (a path on the return value), by key.
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
    for (Label label : jp.method.getAnnotationsByType(Label.class)) {
      String attribute = "@Label(\"" + label.value() + "\") on the method";
      if (!settable.contains(label.value())) {
        throw jp.error(attribute, "'" + label.value() + "' is not a label of this metric; valid keys: " + settable);
      }
      if (sources.containsKey(label.value())) {
        throw jp.error(attribute, "label '" + label.value() + "' is taken twice (parameter and return value); keep one");
      }
      if (java.util.concurrent.CompletionStage.class.isAssignableFrom(jp.method.getReturnType())) {
        throw jp.error(attribute, "a label cannot be read from the return value of a method returning "
            + jp.method.getReturnType().getSimpleName() + ": its value is not known when the call returns; "
            + "take it from a parameter");
      }
      String path = label.path().strip();
      sources.put(label.value(), jp.source(attribute, path.isEmpty() ? "result" : "result." + path));
    }
    return sources;
  }
}
