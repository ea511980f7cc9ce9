package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Observes the slippage of an execution, in basis points, into the histogram
 * {@code trader_slippage_bps}, each time the annotated method returns normally. Labels:
 * {@code symbol}, {@code side}.
 *
 * <p>Formula, signed so that a worse execution is positive:
 * {@code slippage_bps = sign * (executed - expected) / expected * 10_000}, with {@code sign = +1}
 * for a buy (paying more than expected is worse) and {@code -1} for a sell (receiving less is
 * worse). A buy expected at 100.00 and executed at 100.05 slips +5 bps; a sell expected at 100.00
 * and executed at 100.05 slips -5 bps (price improvement).
 *
 * <p>The side comes from the {@code side} label: {@code buy}/{@code bid}/{@code b}/{@code long}
 * give {@code +1}, {@code sell}/{@code ask}/{@code s}/{@code short} give {@code -1} (case is
 * ignored; enums render lower-case). Price improvement (negative slippage) is observed as
 * {@code 0}: Prometheus classic histograms from Micrometer take no negative values, so the histogram
 * is one of adverse slippage, and its {@code _count} is every execution measured. A side that is
 * none of those, a price that is NaN, infinite, not positive or null, is not recorded and is counted in
 * {@code tradermetrics_instrumentation_errors_total}.
 *
 * <pre>{@code
 * @MeasureSlippage(expected = "order.price", executed = "result.price")
 * Fill execute(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Order order)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface MeasureSlippage {

  /**
   * Expression for the price the execution was expected at (arrival price, quoted price, mid at
   * decision time), quote currency per base-asset unit. Required. Example: {@code expected = "order.price"}.
   */
  @Expression
  String expected();

  /** Expression for the executed price, quote currency per base-asset unit. Required. Example: {@code executed = "fill.price"}. */
  @Expression
  String executed();

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /**
   * Constant {@code side} label, used when no {@link Label} gives it; it also decides the sign.
   * Default is empty, meaning {@code "unknown"} (nothing can then be recorded). Example: {@code "buy"}.
   */
  String side() default "";

  /**
   * Bucket upper bounds in bps, strictly increasing and positive. Default is empty, meaning the
   * settings' bps buckets (by default 1, 2, 5, 10, 20, 50, 100, 200). Example: {@code buckets = {0.5, 1, 2, 5}}.
   */
  double[] buckets() default {};
}
