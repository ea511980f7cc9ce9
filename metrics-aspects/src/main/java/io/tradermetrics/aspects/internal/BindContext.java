package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.alerts.AlertChannel;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.aspects.InstrumentationConfigException;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle;
import io.tradermetrics.catalog.MetricDefinition;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a binder may use to build the instrument of one annotation at one join point: the method and
 * the annotation, the expressions of its attributes compiled into {@link ValueSource}s, its label
 * tree, the engine's {@link Meters}, settings, clock and shared state, and errors that name class,
 * method, annotation and attribute. Used at binding time only (on the thread that binds); the
 * instrument keeps what it needs, never the context.
 */
public final class BindContext {

  /** The most parameters values can be read from; see {@link Instrument}. */
  public static final int MAX_SLOTS = 6;

  private final Engine engine;
  private final Method method;
  private final Annotation annotation;
  private final List<Annotation> others;
  private final @org.jspecify.annotations.Nullable Layout layout;
  private InstrumentationErrors.@org.jspecify.annotations.Nullable Site site;

  BindContext(Engine engine, Method method, Annotation annotation, List<Annotation> others,
      @org.jspecify.annotations.Nullable Layout layout) {
    this.engine = engine;
    this.method = method;
    this.annotation = annotation;
    this.others = others;
    this.layout = layout;
  }

  /**
   * Whether the advice passes the return value itself to the instruments: always for the generic
   * advice and for primitive results; for generated advice only if it said so (it passes a
   * reference result only where an annotation reads it whole).
   */
  public boolean resultPassed() {
    return layout == null || layout.passesResult() || method.getReturnType().isPrimitive();
  }

  Engine engine() {
    return engine;
  }

  /** Where the generated advice of this join point passes its values, or null for the generic advice. */
  @org.jspecify.annotations.Nullable Layout layout() {
    return layout;
  }

  /** The advised method. */
  public Method method() {
    return method;
  }

  /** The tradermetrics annotations on the method (directly or composed), this one included, in binding order. */
  public List<Annotation> annotations() {
    return others;
  }

  /** For example {@code @CountFill}. */
  public String annotationName() {
    return "@" + annotation.annotationType().getSimpleName();
  }

  /** For example {@code com.acme.MarketMaker.submit(String, Side, double)}. */
  public String where() {
    return where(method);
  }

  static String where(Method method) {
    return method.getDeclaringClass().getName() + "." + method.getName()
        + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /** An error naming class, method, annotation and attribute; the binder throws it. */
  public InstrumentationConfigException error(String attribute, String problem) {
    return new InstrumentationConfigException(
        annotationName() + " on " + where() + ", attribute '" + attribute + "': " + problem);
  }

  public InstrumentationSettings settings() {
    return engine.settings;
  }

  public Meters meters() {
    return engine.meters;
  }

  /** The registry's clock: monotonic time for durations, wall time for timestamps. */
  public Clock clock() {
    return engine.clock;
  }

  /** Where the instrument reports what goes wrong at run time (this annotation at this join point). */
  public InstrumentationErrors.Site site() {
    InstrumentationErrors.Site s = site;
    if (s == null) {
      s = engine.errors.site(annotationName(), where());
      site = s;
    }
    return s;
  }

  /** State shared by every join point of the engine under one key, e.g. the meters of one tick symbol. */
  public <T> T shared(Object key, Supplier<T> create) {
    return engine.shared(key, create);
  }

  /**
   * The engine's order lifecycle (the in-flight table), created with the first join point that
   * needs it; null if it could not be created (reported once, when that happened): the lifecycle
   * annotations then record nothing.
   */
  public @org.jspecify.annotations.Nullable OrderLifecycle lifecycle() {
    return engine.lifecycle();
  }

  /** The engine's alert channel: throttle, counters and dispatcher of event alerts. */
  public AlertChannel alerts() {
    return engine.alerts;
  }

  /**
   * Records that this join point counts the {@code @CountEvent} meter {@code meterName} with {@code keys}.
   *
   * @throws InstrumentationConfigException if another join point declared other keys for that name
   */
  public void declareEvent(String meterName, java.util.Set<String> keys) {
    engine.declareEvent(this, meterName, keys);
  }

  /**
   * Resolves an expression ({@code result}, a parameter name, or {@code #N}, then {@code .segments})
   * to a value source.
   */
  public ValueSource source(String attribute, String expression) {
    String expr = expression.strip();
    if (expr.isEmpty()) {
      throw error(attribute, "is empty; expected 'result', a parameter name or #N, then optional .property segments");
    }
    int dot = expr.indexOf('.');
    String root = dot < 0 ? expr : expr.substring(0, dot);
    String rest = dot < 0 ? "" : expr.substring(dot + 1);
    if (root.equals("result")) {
      if (method.getReturnType() == void.class) {
        throw error(attribute, "'" + expression + "' reads the return value, but the method returns void");
      }
      return ValueSource.of(this, attribute, ValueSource.RESULT, method.getGenericReturnType(), rest);
    }
    int index = parameterIndex(attribute, root);
    return ValueSource.of(this, attribute, index, method.getParameters()[index].getParameterizedType(), rest);
  }

  /**
   * The source of an expression whose root {@code result} stands for a value of {@code resultType}
   * other than the declared return type (the completion value of a {@code CompletionStage}).
   */
  public ValueSource source(String attribute, String expression, Type resultType) {
    String expr = expression.strip();
    if (expr.equals("result") || expr.startsWith("result.")) {
      return ValueSource.of(this, attribute, ValueSource.RESULT, resultType,
          expr.length() > "result".length() ? expr.substring("result.".length()) : "");
    }
    return source(attribute, expression);
  }

  /** The source of a parameter with an optional path; {@code path} has no root. */
  public ValueSource parameterSource(String attribute, int index, String path) {
    checkSlot(attribute, index);
    return ValueSource.of(this, attribute, index, method.getParameters()[index].getParameterizedType(), path);
  }

  /**
   * The source of a number.
   *
   * @throws InstrumentationConfigException if the expression does not resolve to a primitive number
   *     type or a {@code java.lang.Number} (or to {@code Object}, checked per call)
   */
  public ValueSource numeric(String attribute, String expression) {
    ValueSource source = source(attribute, expression);
    if (!source.isNumeric() && source.type() != Object.class) {
      throw error(attribute, "'" + expression + "' is a " + source.type().getName()
          + "; expected a number (a primitive number type or a java.lang.Number)");
    }
    return source;
  }

  /**
   * The histogram buckets of a join point: the annotation's own if it gives any, else the default.
   *
   * @param unitHint how to write buckets in the error, e.g. "values are in bps, e.g. {1, 2, 5}"
   * @throws InstrumentationConfigException if the annotation's buckets are not valid
   */
  public double[] buckets(double[] annotationBuckets, List<Double> defaults, String unitHint) {
    if (annotationBuckets.length == 0) {
      return defaults.stream().mapToDouble(Double::doubleValue).toArray();
    }
    String problem = InstrumentationSettings.bucketProblem(annotationBuckets);
    if (problem != null) {
      throw error("buckets", Arrays.toString(annotationBuckets) + " is not valid: " + problem + " (" + unitHint + ")");
    }
    return annotationBuckets.clone();
  }

  /**
   * Builds the label tree of this join point: the labels of {@code definition} that users may set
   * ({@code settable}) come from {@code @Label} parameters (or the method, for the return value),
   * else from {@code constants}, else are {@code unknown}; {@code fixed} tags (operation, ...) are
   * added as they are.
   *
   * <p>A {@code @Label} whose key is not in {@code settable} belongs to another annotation of the
   * method and is skipped here; the engine reports a key that no annotation of the method takes.
   *
   * @throws InstrumentationConfigException for a key given twice, or a path that does not resolve
   */
  public <L> LabelTree<L> labels(MetricDefinition definition, List<String> settable, Map<String, String> constants,
      Tags fixed, Function<Tags, L> leafFactory) {
    return labels(definition, settable, constants, fixed, leafFactory, Map.of(), true);
  }

  /**
   * Builds a label tree whose values may also come from the annotation's own attributes
   * ({@code reason = "#1"}): {@code fromAttributes} gives the source of such labels by key.
   *
   * @param fromLabels whether {@code @Label} parameters feed the tree too; false for the labels of
   *     an end point of the order lifecycle (its other labels were fixed at the send)
   * @throws InstrumentationConfigException as {@link #labels(MetricDefinition, List, Map, Tags, Function)},
   *     and for a key given both by an attribute and by {@code @Label}
   */
  public <L> LabelTree<L> labels(MetricDefinition definition, List<String> settable, Map<String, String> constants,
      Tags fixed, Function<Tags, L> leafFactory, Map<String, ValueSource> fromAttributes, boolean fromLabels) {
    return labels(definition, settable, fromLabels ? settable : List.of(), constants, fixed, leafFactory, fromAttributes);
  }

  /**
   * Builds a label tree over {@code keys} in which only {@code fromLabels} (a subset) are fed by
   * {@code @Label}; the other keys are the annotation's constants (for example the venue of a
   * position, which a stacked method's {@code @Label("venue")} must not split).
   */
  public <L> LabelTree<L> labels(MetricDefinition definition, List<String> keys, List<String> fromLabels,
      Map<String, String> constants, Tags fixed, Function<Tags, L> leafFactory) {
    return labels(definition, keys, fromLabels, constants, fixed, leafFactory, Map.of());
  }

  private <L> LabelTree<L> labels(MetricDefinition definition, List<String> settable, List<String> fromLabels,
      Map<String, String> constants, Tags fixed, Function<Tags, L> leafFactory, Map<String, ValueSource> fromAttributes) {
    Map<String, ValueSource> dynamic = fromLabels.isEmpty() ? new LinkedHashMap<>() : labelSources(fromLabels);
    for (Map.Entry<String, ValueSource> e : fromAttributes.entrySet()) {
      if (dynamic.containsKey(e.getKey())) {
        throw error(e.getKey(), "label '" + e.getKey() + "' is taken from this attribute and from a @Label; keep one");
      }
      dynamic.put(e.getKey(), e.getValue());
    }
    List<String> keys = new ArrayList<>();
    List<ValueSource> sources = new ArrayList<>();
    List<CardinalityGuard> guards = new ArrayList<>();
    List<Counter> overflow = new ArrayList<>();
    Tags constant = fixed;
    for (String key : settable) {
      ValueSource source = dynamic.get(key);
      if (source != null) {
        keys.add(key);
        sources.add(source);
        guards.add(engine.guard(meters().name(definition), key));
        overflow.add(meters().labelOverflow(definition, key));
      } else {
        constant = constant.and(key, LabelTree.render(constants.getOrDefault(key, "")));
      }
    }
    return new LabelTree<>(keys, sources, guards, overflow, constant, leafFactory, site());
  }

  /** The label sources declared with {@code @Label} on the parameters, and on the method for the return value, by key. */
  private Map<String, ValueSource> labelSources(List<String> settable) {
    Map<String, ValueSource> sources = new LinkedHashMap<>();
    Parameter[] params = method.getParameters();
    for (int i = 0; i < params.length; i++) {
      for (Label label : params[i].getAnnotationsByType(Label.class)) {
        String attribute = "@Label(\"" + label.value() + "\") on parameter #" + i;
        if (!settable.contains(label.value())) {
          continue; // another annotation's label; one that no annotation takes is the join point's error (Engine)
        }
        if (sources.containsKey(label.value())) {
          throw error(attribute, "label '" + label.value() + "' is taken from two parameters; keep one");
        }
        sources.put(label.value(), parameterSource(attribute, i, label.path()));
      }
    }
    for (Label label : method.getAnnotationsByType(Label.class)) {
      String attribute = "@Label(\"" + label.value() + "\") on the method";
      if (!settable.contains(label.value())) {
        continue; // another annotation's label, as above
      }
      if (sources.containsKey(label.value())) {
        throw error(attribute, "label '" + label.value() + "' is taken twice (parameter and return value); keep one");
      }
      if (java.util.concurrent.CompletionStage.class.isAssignableFrom(method.getReturnType())) {
        throw error(attribute, "a label cannot be read from the return value of a method returning "
            + method.getReturnType().getSimpleName() + ": its value is not known when the call returns; "
            + "take it from a parameter");
      }
      String path = label.path().strip();
      sources.put(label.value(), source(attribute, path.isEmpty() ? "result" : "result." + path));
    }
    return sources;
  }

  private int parameterIndex(String attribute, String root) {
    Parameter[] params = method.getParameters();
    if (root.startsWith("#")) {
      int index;
      try {
        index = Integer.parseInt(root.substring(1));
      } catch (NumberFormatException e) {
        throw error(attribute, "'" + root + "' is not a parameter index; expected #0.." + (params.length - 1));
      }
      if (index < 0 || index >= params.length) {
        throw error(attribute, "'" + root + "' is out of range; the method has " + params.length + " parameter(s)");
      }
      checkSlot(attribute, index);
      return index;
    }
    for (int i = 0; i < params.length; i++) {
      if (params[i].getName().equals(root)) {
        checkSlot(attribute, i);
        return i;
      }
    }
    String names = Arrays.stream(params).map(Parameter::getName).collect(Collectors.joining(", "));
    boolean namesKept = params.length == 0 || params[0].isNamePresent();
    throw error(attribute, "'" + root + "' is not a parameter; expected 'result', #N or one of ["
        + names + "]" + (namesKept ? "" : " (parameter names were not kept: compile with -parameters, or use #N)"));
  }

  private void checkSlot(String attribute, int index) {
    if (index >= MAX_SLOTS) {
      throw error(attribute, "reads parameter #" + index + ", but values can be taken only from the first "
          + MAX_SLOTS + " parameters (#0..#" + (MAX_SLOTS - 1) + ")");
    }
  }
}
