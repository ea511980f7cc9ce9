package io.tradermetrics.guice;

import com.google.inject.matcher.AbstractMatcher;
import com.google.inject.matcher.Matcher;
import io.tradermetrics.aspects.TraderMetrics;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * The Guice AOP fallback: applies the tradermetrics annotations (all twenty, the order lifecycle's
 * included) to methods of Guice-built objects whose classes were not woven, through
 * {@link TraderMetrics#invoke}: the same binder table, the same instruments, in the same order, as
 * the woven advice, so the meters are the same.
 *
 * <p>Classes that ajc wove are never intercepted ({@link TraderMetrics#isWoven(Class)}), so a method
 * is not counted twice. Guice can only intercept non-private, non-final, non-static methods of
 * classes it constructs itself; objects from {@code @Provides} methods or {@code toInstance}
 * bindings are not intercepted.
 *
 * <p><b>Thread:</b> runs on the caller's thread. <b>Allocation:</b> Guice builds an argument array
 * and an invocation per call, and primitives arrive boxed; this class adds one small object per call.
 * <b>On error:</b> the method's own exception is rethrown unchanged; instrumentation never throws.
 * Thread-safe.
 */
final class FallbackInterceptor implements MethodInterceptor {

  /** Matches classes that ajc did not weave. */
  static Matcher<Class<?>> unwovenClasses() {
    return new AbstractMatcher<>() {
      @Override
      public boolean matches(Class<?> type) {
        return !TraderMetrics.isWoven(type);
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
        return TraderMetrics.isInstrumented(method);
      }

      @Override
      public String toString() {
        return "annotated with a tradermetrics annotation";
      }
    };
  }

  @Override
  public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
    return TraderMetrics.invoke(invocation.getMethod(), invocation.getArguments(), invocation::proceed);
  }
}
