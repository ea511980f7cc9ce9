package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts one quote (a price level the strategy posts on one side) into
 * {@code trader_quotes_total} each time the annotated method returns normally. Labels:
 * {@code symbol}, {@code side}. A method that throws counts nothing.
 *
 * <pre>{@code
 * @CountQuote
 * Order postQuote(@Label("symbol") String symbol, @Label("side") Side side, double price)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface CountQuote {

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /** Constant {@code side} label. Default is empty, meaning {@code "unknown"}. Example: {@code "sell"}. */
  String side() default "";
}
