package io.tradermetrics.aspects.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link Instrument} of one annotation type at a join point; one entry of the binder
 * table ({@link Binders}). Weaving, the Guice fallback and validation all bind through it, so they
 * accept and reject the same annotations with the same messages.
 *
 * @param <A> the annotation type
 */
public final class Binder<A extends Annotation> {

  /** How an annotation becomes an instrument. */
  @FunctionalInterface
  public interface Bind<A extends Annotation> {
    /**
     * @throws io.tradermetrics.aspects.InstrumentationConfigException if the annotation cannot be honoured
     */
    Instrument bind(BindContext context, A annotation);
  }

  private final Class<A> type;
  private final Bind<A> bind;
  private final boolean onClass;

  private Binder(Class<A> type, Bind<A> bind, boolean onClass) {
    this.type = type;
    this.bind = bind;
    this.onClass = onClass;
  }

  /** A binder of an annotation placed on methods (directly or through a composed annotation). */
  public static <A extends Annotation> Binder<A> of(Class<A> type, Bind<A> bind) {
    return new Binder<>(type, bind, false);
  }

  /**
   * A binder of an annotation placed on methods or on their class (then it applies to every public
   * method the class declares; an annotation on the method wins).
   */
  public static <A extends Annotation> Binder<A> onMethodOrClass(Class<A> type, Bind<A> bind) {
    return new Binder<>(type, bind, true);
  }

  /** The annotation type. */
  public Class<A> type() {
    return type;
  }

  /** The annotation of this type that applies to {@code method}, or null. */
  @Nullable A find(Method method) {
    A found = Annotations.find(method, type);
    if (found != null || !onClass || method.isSynthetic() || method.isBridge()
        || !java.lang.reflect.Modifier.isPublic(method.getModifiers())) {
      return found;
    }
    return Annotations.find(method.getDeclaringClass(), type);
  }

  Instrument bind(BindContext context, Annotation annotation) {
    return bind.bind(context, type.cast(annotation));
  }
}
