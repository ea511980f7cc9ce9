package io.tradermetrics.aspects.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
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

  /** Which {@code @Label} keys an annotation takes: its metric's settable label keys. */
  @FunctionalInterface
  public interface LabelKeys<A extends Annotation> {
    /** The keys, or null for any key (an alert takes every label it is given). */
    @Nullable List<String> of(A annotation);
  }

  private final Class<A> type;
  private final Bind<A> bind;
  private final boolean onClass;
  private final LabelKeys<A> labelKeys;

  private Binder(Class<A> type, Bind<A> bind, boolean onClass, LabelKeys<A> labelKeys) {
    this.type = type;
    this.bind = bind;
    this.onClass = onClass;
    this.labelKeys = labelKeys;
  }

  /** A binder of an annotation placed on methods (directly or through a composed annotation), taking no {@code @Label}. */
  public static <A extends Annotation> Binder<A> of(Class<A> type, Bind<A> bind) {
    return new Binder<>(type, bind, false, a -> List.of());
  }

  /**
   * A binder of an annotation placed on methods or on their class (then it applies to every public
   * method the class declares; an annotation on the method wins).
   */
  public static <A extends Annotation> Binder<A> onMethodOrClass(Class<A> type, Bind<A> bind) {
    return new Binder<>(type, bind, true, a -> List.of());
  }

  /** This binder, its annotation taking the {@code @Label} keys {@code keys}. */
  public Binder<A> labels(List<String> keys) {
    List<String> copy = List.copyOf(keys);
    return labels(a -> copy);
  }

  /** This binder, its annotation taking the {@code @Label} keys {@code keys} gives (null: any key). */
  public Binder<A> labels(LabelKeys<A> keys) {
    return new Binder<>(type, bind, onClass, keys);
  }

  /**
   * The {@code @Label} keys {@code annotation} takes, or null for any: a {@code @Label} on a method
   * applies to each of its annotations that takes the key (docs/annotations.md, "Stacking").
   */
  @Nullable List<String> labelKeys(Annotation annotation) {
    return labelKeys.of(type.cast(annotation));
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
