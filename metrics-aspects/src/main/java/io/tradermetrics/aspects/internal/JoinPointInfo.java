package io.tradermetrics.aspects.internal;

import io.tradermetrics.aspects.InstrumentationConfigException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The advised method and the annotation being bound, for resolving attributes and for error
 * messages that name class, method, annotation and attribute. Used at binding time only.
 */
final class JoinPointInfo {

  /** The most parameters the advice passes in slots; see {@link Instrument}. */
  static final int MAX_SLOTS = 6;

  final Method method;
  final Annotation annotation;

  JoinPointInfo(Method method, Annotation annotation) {
    this.method = method;
    this.annotation = annotation;
  }

  String annotationName() {
    return "@" + annotation.annotationType().getSimpleName();
  }

  /** For example {@code com.acme.MarketMaker.submit(String, Side, double)}. */
  String where() {
    return method.getDeclaringClass().getName() + "." + method.getName()
        + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  InstrumentationConfigException error(String attribute, String problem) {
    return new InstrumentationConfigException(
        annotationName() + " on " + where() + ", attribute '" + attribute + "': " + problem);
  }

  /**
   * Resolves an expression ({@code result}, a parameter name, or {@code #N}, then {@code .segments})
   * to a value source.
   */
  ValueSource source(String attribute, String expression) {
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
  ValueSource source(String attribute, String expression, java.lang.reflect.Type resultType) {
    String expr = expression.strip();
    if (expr.equals("result") || expr.startsWith("result.")) {
      return ValueSource.of(this, attribute, ValueSource.RESULT, resultType,
          expr.length() > "result".length() ? expr.substring("result.".length()) : "");
    }
    return source(attribute, expression);
  }

  /** The source of a parameter with an optional path; {@code path} has no root. */
  ValueSource parameterSource(String attribute, int index, String path) {
    checkSlot(attribute, index);
    return ValueSource.of(this, attribute, index, method.getParameters()[index].getParameterizedType(), path);
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
