package io.tradermetrics.aspects;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose tradermetrics annotations are applied by advice that the annotation processor
 * generated for it (declared on the method by that advice, with {@code declare @method}); the
 * generic advice of {@code TraderMetricsAspect} then leaves it alone, so it is advised once. Not for
 * use by hand.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GeneratedAdvice {}
