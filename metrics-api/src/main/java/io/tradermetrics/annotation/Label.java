package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Takes a label value from a method parameter, or from a property path on it; on the method itself,
 * from the return value, or from a property path on it ({@code @Label(value = "venue", path = "venue")}
 * on the method reads {@code result.venue}). A label read from the return value is {@code "unknown"}
 * when the method throws, and cannot be used on a method returning a {@code CompletionStage}.
 *
 * <p>The value is rendered once per distinct value: enums as their lower-case name, {@code null} as
 * {@code "unknown"}, anything else with {@code toString()}. Keep label values to strings and enums
 * on hot paths: those are looked up without allocation. Each label has a limit of distinct values;
 * values past it are recorded as {@code "other"} and counted in
 * {@code tradermetrics_label_overflow_total}.
 *
 * <p>With several tradermetrics annotations on one method, each label applies to every annotation
 * whose metric has its key and is ignored by the others ({@link CountFill} takes {@code venue},
 * {@code symbol}, {@code side}; {@link MeasureSlippage} takes {@code symbol}, {@code side}; so a
 * {@code venue} label on a method carrying both labels the fill counters only). A key that no
 * annotation of the method takes is an error, reported at startup ({@code TraderMetrics.validate},
 * {@code bind}, or the Guice module's injector creation), naming the keys each annotation takes.
 * Repeat the annotation to take several labels from one parameter.
 *
 * <pre>{@code
 * void onFill(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Fill fill)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD})
@Repeatable(Label.List.class)
public @interface Label {

  /** The label key. Required. Example: {@code "symbol"}. */
  String value();

  /**
   * A property path on the parameter (or, on a method, on the return value), without the root (see the package docs for the segments).
   * Default is empty: the parameter itself. Example: {@code path = "instrument.symbol"}.
   */
  String path() default "";

  /** The container of repeated {@link Label}s on one parameter. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.PARAMETER, ElementType.METHOD})
  @interface List {
    /** The repeated labels. */
    Label[] value();
  }
}
