package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets the gauges {@code trader_pnl_realized} and {@code trader_pnl_unrealized} (quote currency,
 * signed: profit positive, loss negative) each time the annotated method returns normally.
 * Labels: {@code symbol}, {@code strategy}.
 *
 * <p>At least one of {@link #realized()} and {@link #unrealized()} must be given; a gauge whose
 * expression is empty is not recorded. A value that is NaN, infinite or null is not recorded (the other
 * of the two is still recorded) and is
 * counted in {@code tradermetrics_instrumentation_errors_total}. A method that throws records
 * nothing. The numbers are the application's own (from its books); tradermetrics does not compute
 * PnL.
 *
 * <pre>{@code
 * @TrackPnl(realized = "result.realized", unrealized = "result.unrealized", strategy = "mm")
 * Pnl mark(@Label("symbol") String symbol, double markPrice)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface TrackPnl {

  /**
   * Expression for realized PnL, quote currency (see the package docs for the syntax). Default is
   * empty: not recorded. Example: {@code realized = "result.realized"}.
   */
  @Expression
  String realized() default "";

  /**
   * Expression for unrealized (mark-to-market) PnL, quote currency. Default is empty: not
   * recorded. Example: {@code unrealized = "result.unrealized"}.
   */
  @Expression
  String unrealized() default "";

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /** Constant {@code strategy} label. Default is empty, meaning {@code "unknown"}. Example: {@code "market-maker"}. */
  String strategy() default "";

  /**
   * Constant {@code currency} label: the quote currency the PnL is in (a {@code @Label("currency")}
   * parameter or return-value path wins). Default is empty, meaning {@code "unknown"}. Example: {@code "USD"}.
   */
  String currency() default "";
}
