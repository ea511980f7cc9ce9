package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets the gauge {@code trader_orders_open} (number of live orders at the venue) each time the
 * annotated method returns normally. Labels: {@code symbol}, {@code side}.
 *
 * <p>The gauge shows the last value recorded for its labels; the series appears with the first
 * recording. A value that is NaN, infinite, negative or null is not recorded and is counted in
 * {@code tradermetrics_instrumentation_errors_total}. A method that throws records nothing.
 *
 * <pre>{@code
 * @TrackOpenOrders                       // the method returns the number of live orders
 * int openOrders(@Label("symbol") String symbol, @Label("side") Side side)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface TrackOpenOrders {

  /**
   * Expression for the number of live orders (see the package docs for the syntax). Default is
   * {@code "result"}: the method's return value, which must then be a number.
   * Example: {@code value = "result.openOrders"} or {@code value = "book.liveCount"}.
   */
  @Expression
  String value() default "result";

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /** Constant {@code side} label. Default is empty, meaning {@code "unknown"}. Example: {@code "buy"}. */
  String side() default "";

  /** Constant {@code venue} label. Default is empty, meaning {@code "unknown"}. Example: {@code "bitstamp"}. */
  String venue() default "";
}
