package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an attribute of a tradermetrics annotation whose value is read from each call: an
 * expression ({@code result}, a parameter name or {@code #N}, then optional {@code .property}
 * segments; see the package docs), or a text built from them ({@link Kind}). An empty value means
 * the attribute is not used.
 *
 * <p>For the tools: tradermetrics' annotation processor reads these marks to generate, at build
 * time, plain Java that evaluates each expression in the advised method (no reflection at run time);
 * an attribute that is not marked is a constant (a label value, a name, a bucket list).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Expression {

  /** How the attribute's text holds expressions. Default is {@link Kind#VALUE}. */
  Kind value() default Kind.VALUE;

  /** How an attribute's text holds expressions. */
  enum Kind {
    /** The text is one expression, e.g. {@code "fill.quantity"}. */
    VALUE,
    /** A condition: an expression, optionally followed by {@code == CONSTANT} or {@code != CONSTANT}, e.g. {@code "result.status == FILLED"}. */
    CONDITION,
    /** Text with expressions in braces, e.g. {@code "loss {lossUsd} USD"}. */
    TEMPLATE,
    /** Each element is {@code key=expression} or {@code expression} (the key is then its last segment). */
    FIELDS
  }
}
