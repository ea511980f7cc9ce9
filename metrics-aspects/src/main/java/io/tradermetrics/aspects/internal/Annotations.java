package io.tradermetrics.aspects.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import org.jspecify.annotations.Nullable;

/** Finds an annotation on a method or class, directly or as a meta-annotation of one of its annotations. */
final class Annotations {

  private Annotations() {}

  static <A extends Annotation> @Nullable A find(AnnotatedElement element, Class<A> type) {
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
