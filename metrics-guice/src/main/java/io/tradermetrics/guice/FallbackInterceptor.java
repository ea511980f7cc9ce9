package io.tradermetrics.guice;

import com.google.inject.matcher.AbstractMatcher;
import com.google.inject.matcher.Matcher;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Instrument;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * The Guice AOP fallback: applies the tradermetrics annotations to methods of Guice-built objects
 * whose classes were not woven, through the same engine the aspects use
 * ({@link Engine#instrument(Engine.Kind, Method)}), so the meters are the same.
 *
 * <p>Classes that ajc wove are never intercepted (see {@link #isWoven(Class)}), so a method is not
 * counted twice. Guice can only intercept non-private, non-final, non-static methods of classes it
 * constructs itself; objects from {@code @Provides} methods or {@code toInstance} bindings are not
 * intercepted.
 *
 * <p><b>Thread:</b> runs on the caller's thread. <b>Allocation:</b> Guice builds an argument array
 * and an invocation per call; this class adds none in steady state. <b>On error:</b> the method's
 * own exception is rethrown unchanged; instruments never throw. Thread-safe.
 */
final class FallbackInterceptor implements MethodInterceptor {

  private static final Engine.Kind[] NONE = new Engine.Kind[0];
  private final ConcurrentHashMap<Method, Engine.Kind[]> kinds = new ConcurrentHashMap<>();

  /** Matches classes that ajc did not weave. */
  static Matcher<Class<?>> unwovenClasses() {
    return new AbstractMatcher<>() {
      @Override
      public boolean matches(Class<?> type) {
        return !isWoven(type);
      }

      @Override
      public String toString() {
        return "not woven by ajc";
      }
    };
  }

  /** Matches methods carrying at least one tradermetrics annotation, directly or through a composed annotation. */
  static Matcher<Method> annotatedMethods() {
    return new AbstractMatcher<>() {
      @Override
      public boolean matches(Method method) {
        return !method.isSynthetic() && !method.isBridge() && kindsOf(method).length > 0;
      }

      @Override
      public String toString() {
        return "annotated with a tradermetrics annotation";
      }
    };
  }

  /**
   * Whether ajc wove {@code type}: woven classes declare static fields named {@code ajc$tjp_N},
   * the join point static parts the advice reads. A class woven only by other aspects libraries
   * counts as woven too, so its tradermetrics annotations are then not applied by this fallback.
   */
  static boolean isWoven(Class<?> type) {
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith("ajc$tjp_")) {
        return true;
      }
    }
    return false;
  }

  static Engine.Kind[] kindsOf(Method method) {
    List<Engine.Kind> found = new ArrayList<>();
    Engine engine = Engine.current();
    for (Engine.Kind kind : Engine.Kind.values()) {
      if (carries(method, engine.annotationType(kind))) {
        found.add(kind);
      }
    }
    return found.isEmpty() ? NONE : found.toArray(NONE);
  }

  private static boolean carries(Method method, Class<? extends Annotation> type) {
    if (method.isAnnotationPresent(type)) {
      return true;
    }
    for (Annotation composed : method.getAnnotations()) {
      if (composed.annotationType().isAnnotationPresent(type)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
    Method method = invocation.getMethod();
    Engine.Kind[] methodKinds = kinds.computeIfAbsent(method, FallbackInterceptor::kindsOf);
    if (methodKinds.length == 1) {
      return invokeOne(invocation, Engine.current().instrument(methodKinds[0], method));
    }
    return invokeNested(invocation, methodKinds, 0);
  }

  /** Nests the instruments of a method with several annotations as the aspects nest their advice. */
  private static @Nullable Object invokeNested(MethodInvocation invocation, Engine.Kind[] methodKinds, int i) throws Throwable {
    if (i == methodKinds.length) {
      return invocation.proceed();
    }
    Instrument instrument = Engine.current().instrument(methodKinds[i], invocation.getMethod());
    Object[] a = invocation.getArguments();
    long start = instrument.start();
    @Nullable Object result;
    try {
      result = invokeNested(invocation, methodKinds, i + 1);
    } catch (Throwable t) {
      instrument.stop(start, null, t, arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4), arg(a, 5));
      throw t;
    }
    instrument.stop(start, result, null, arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4), arg(a, 5));
    return result;
  }

  private static @Nullable Object invokeOne(MethodInvocation invocation, Instrument instrument) throws Throwable {
    Object[] a = invocation.getArguments();
    long start = instrument.start();
    @Nullable Object result;
    try {
      result = invocation.proceed();
    } catch (Throwable t) {
      instrument.stop(start, null, t, arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4), arg(a, 5));
      throw t;
    }
    instrument.stop(start, result, null, arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4), arg(a, 5));
    return result;
  }

  private static @Nullable Object arg(Object[] args, int i) {
    return i < args.length ? args[i] : null;
  }
}
