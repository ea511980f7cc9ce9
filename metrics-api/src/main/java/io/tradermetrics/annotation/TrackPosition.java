package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets the gauge {@code trader_position} (signed, base-asset quantity: long positive, short
 * negative) each time the annotated method returns normally. Label: {@code symbol}.
 *
 * <p>The gauge shows the last value recorded for its symbol; it is {@code NaN} in the exposition
 * only if nothing was ever recorded, which cannot happen because the gauge is registered on the
 * first recording. A value that is NaN, infinite or null is not recorded and is counted in
 * {@code tradermetrics_instrumentation_errors_total}.
 *
 * <pre>{@code
 * @TrackPosition(symbol = "BTC/USD")           // the method returns the new net position
 * double applyFill(Fill fill)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface TrackPosition {

  /**
   * Expression for the signed position, in base-asset units (see the package docs for the syntax).
   * Default is {@code "result"}: the method's return value, which must then be a number.
   * Example: {@code value = "result.netPosition"}.
   */
  @Expression
  String value() default "result";

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /** Constant {@code venue} label: where the position is held. Default is empty, meaning {@code "unknown"}. Example: {@code "bitstamp"}. */
  String venue() default "";

  /**
   * The position limit, base-asset units, published as {@code trader_position_limit} with the
   * position's labels so that an alert rule compares the position with it
   * ({@code abs(trader_position) > trader_position_limit}) instead of a number written into the
   * rule. Default is 0: no limit gauge. Example: {@code limit = 5}.
   */
  double limit() default 0;
}
