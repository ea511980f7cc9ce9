package io.tradermetrics.aspects;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TraderMetrics#prepare} found in the classes it was given: each annotated method and
 * whether its annotations are applied, and the problems of annotations that cannot be honoured.
 * The same counts are served as {@code tradermetrics_join_points{state="woven|fallback|unwoven"}}.
 * Immutable and thread-safe.
 */
public final class JoinPointReport {

  /** Whether the annotations of one method are applied. */
  public enum State {
    /** Woven by ajc, at compile time or at load time: the advice runs them. */
    WOVEN,
    /** Not woven, but an interceptor (the Guice AOP fallback) runs them through {@link TraderMetrics#invoke}. */
    FALLBACK,
    /** Not woven and not intercepted: the method's annotations record nothing. */
    UNWOVEN;

    /** The label value of {@code tradermetrics_join_points}: {@code woven}, {@code fallback}, {@code unwoven}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<Method, State> states;
  private final List<String> problems;

  JoinPointReport(Map<Method, State> states, List<String> problems) {
    this.states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    this.problems = List.copyOf(problems);
  }

  /** Every annotated method found, in the order found, with its state. Unmodifiable. */
  public Map<Method, State> states() {
    return states;
  }

  /** The state of {@code method}, or null if it was not found (not annotated, or its class was not given). */
  public @Nullable State state(Method method) {
    return states.get(method);
  }

  /** The methods in {@code state}, in the order found. */
  public List<Method> methods(State state) {
    List<Method> found = new ArrayList<>();
    states.forEach((m, s) -> {
      if (s == state) {
        found.add(m);
      }
    });
    return List.copyOf(found);
  }

  /** The annotated methods whose annotations record nothing: neither woven nor intercepted. */
  public List<Method> unwoven() {
    return methods(State.UNWOVEN);
  }

  /**
   * The annotations that cannot be honoured, one message each naming class, method, annotation and
   * attribute (what {@link TraderMetrics#validate} would throw); empty when all are well placed.
   */
  public List<String> problems() {
    return problems;
  }

  /** For example {@code 12 woven, 0 fallback, 1 unwoven, 0 problems}. */
  @Override
  public String toString() {
    return methods(State.WOVEN).size() + " woven, " + methods(State.FALLBACK).size() + " fallback, "
        + unwoven().size() + " unwoven, " + problems.size() + " problems";
  }
}
