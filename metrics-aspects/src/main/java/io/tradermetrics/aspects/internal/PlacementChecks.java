package io.tradermetrics.aspects.internal;

import io.tradermetrics.annotation.Label;
import io.tradermetrics.aspects.InstrumentationConfigException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Where annotations are put wrongly, beyond what one binder checks: a {@code @Label} that no
 * annotation of its method takes, and annotations on abstract methods (which nothing applies).
 * Used by {@link Engine#validate} and at startup; stateless.
 */
final class PlacementChecks {

  private PlacementChecks() {}

  /**
   * The join point's {@code @Label}s that none of its annotations takes, as one error; null if each
   * is taken by at least one (a {@code @Label} applies to every annotation of the method whose metric
   * has its key).
   */
  static @Nullable InstrumentationConfigException labelProblem(Method method, List<Annotation> annotations) {
    Set<String> taken = new LinkedHashSet<>();
    Map<String, List<String>> byAnnotation = new LinkedHashMap<>();
    for (Annotation annotation : annotations) {
      List<String> keys = Engine.binder(annotation).labelKeys(annotation);
      if (keys == null) {
        return null; // an alert takes every label
      }
      taken.addAll(keys);
      byAnnotation.put("@" + annotation.annotationType().getSimpleName(), keys);
    }
    String takes = byAnnotation.entrySet().stream().map(e -> e.getKey() + " takes " + e.getValue())
        .collect(Collectors.joining(", "));
    List<String> stray = new ArrayList<>();
    Parameter[] params = method.getParameters();
    for (int i = 0; i < params.length; i++) {
      for (Label label : params[i].getAnnotationsByType(Label.class)) {
        if (!taken.contains(label.value())) {
          stray.add(stray(label, "parameter #" + i, method, takes));
        }
      }
    }
    for (Label label : method.getAnnotationsByType(Label.class)) {
      if (!taken.contains(label.value())) {
        stray.add(stray(label, "the method", method, takes));
      }
    }
    return stray.isEmpty() ? null : new InstrumentationConfigException(String.join("\n", stray));
  }

  private static String stray(Label label, String where, Method method, String takes) {
    return "@Label(\"" + label.value() + "\") on " + where + " of " + BindContext.where(method) + ": '" + label.value()
        + "' is not a label of any tradermetrics annotation on the method (" + takes + "); a @Label applies to "
        + "each annotation whose metric has its key: fix the key, or remove it";
  }

  /** Annotated abstract methods of the supertypes of {@code type} that {@code type} implements without the annotations. */
  static List<Method> abstractAnnotatedSupertypeMethods(Class<?> type) {
    List<Method> found = new ArrayList<>();
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.addAll(Arrays.asList(type.getInterfaces()));
    if (type.getSuperclass() != null) {
      todo.add(type.getSuperclass());
    }
    while (!todo.isEmpty()) {
      Class<?> t = todo.poll();
      if (!seen.add(t) || t == Object.class) {
        continue;
      }
      for (Method m : t.getDeclaredMethods()) {
        if (Modifier.isAbstract(m.getModifiers()) && !Engine.annotationsOf(m).isEmpty()) {
          found.add(m);
        }
      }
      todo.addAll(Arrays.asList(t.getInterfaces()));
      if (t.getSuperclass() != null) {
        todo.add(t.getSuperclass());
      }
    }
    found.sort(Comparator.comparing(Method::toGenericString));
    return found;
  }

  /** The message for tradermetrics annotations on an abstract method, naming where to put them. */
  static String abstractProblem(Method method, List<Annotation> annotations, Class<?> checked) {
    String names = annotations.stream().map(a -> "@" + a.annotationType().getSimpleName())
        .collect(Collectors.joining(", "));
    Method implementation = null;
    if (checked != method.getDeclaringClass()) {
      for (Class<?> c = checked; c != null && implementation == null; c = c.getSuperclass()) {
        try {
          Method m = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
          implementation = Modifier.isAbstract(m.getModifiers()) ? null : m;
        } catch (NoSuchMethodException e) {
          // look in the superclass
        }
      }
    }
    String where = implementation != null ? BindContext.where(implementation)
        : "the method that implements it in each implementing class";
    return names + " on " + BindContext.where(method) + " is not applied: it is on an abstract "
        + (method.getDeclaringClass().isInterface() ? "interface " : "") + "method, and Java does not inherit method "
        + "annotations, so AspectJ advises only the method that runs: put " + (annotations.size() == 1 ? "it" : "them")
        + " on " + where;
  }

}
