package io.tradermetrics.aspects.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Finds an annotation on a method, directly or as a meta-annotation of one of its annotations;
 * for annotations that may sit on a class ({@link io.tradermetrics.annotation.TimedCall}), then on
 * the declaring class the same way.
 */
final class Annotations {

  private Annotations() {}

  static <A extends Annotation> @Nullable A find(Method method, Class<A> type) {
    A onMethod = find((java.lang.reflect.AnnotatedElement) method, type);
    if (onMethod != null || !type.isAnnotationPresent(java.lang.annotation.Target.class)
        || !java.util.Arrays.asList(type.getAnnotation(java.lang.annotation.Target.class).value())
            .contains(java.lang.annotation.ElementType.TYPE)) {
      return onMethod;
    }
    return find(method.getDeclaringClass(), type);
  }

  static <A extends Annotation> @Nullable A find(java.lang.reflect.AnnotatedElement element, Class<A> type) {
    A direct = element.getAnnotation(type);
    if (direct != null) {
      return direct;
    }
    for (Annotation composed : element.getAnnotations()) {
      A meta = composed.annotationType().getAnnotation(type);
      if (meta != null) {
        return meta;
      }
    }
    return null;
  }
}
