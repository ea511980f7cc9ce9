package io.tradermetrics.aspects.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/** Finds an annotation on a method, directly or as a meta-annotation of one of its annotations. */
final class Annotations {

  private Annotations() {}

  static <A extends Annotation> @Nullable A find(Method method, Class<A> type) {
    A direct = method.getAnnotation(type);
    if (direct != null) {
      return direct;
    }
    for (Annotation composed : method.getAnnotations()) {
      A meta = composed.annotationType().getAnnotation(type);
      if (meta != null) {
        return meta;
      }
    }
    return null;
  }
}
