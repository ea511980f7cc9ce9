package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a bid/ask spread each time the annotated method returns normally: the gauge
 * {@code trader_spread} is set to {@code ask - bid} (quote currency, last value) and
 * {@code ask - bid} over the mid price is observed in basis points into the histogram
 * {@code trader_spread_bps}. Label: {@code symbol}.
 *
 * <p>Formula: {@code spread_bps = (ask - bid) / ((ask + bid) / 2) * 10_000}. For bid 99.95 and ask
 * 100.05: spread 0.10, mid 100.00, 10 bps. A bid or ask that is NaN, infinite, not positive or null,
 * or a crossed quote (ask below bid), is not recorded and is counted in
 * {@code tradermetrics_instrumentation_errors_total}. A locked quote (ask equal to bid) records 0.
 *
 * <pre>{@code
 * @TrackSpread(bid = "quote.bid", ask = "quote.ask")
 * void publish(@Label(value = "symbol", path = "symbol") Quote quote)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface TrackSpread {

  /** Expression for the bid price, quote currency per base-asset unit. Required. Example: {@code bid = "quote.bid"}. */
  @Expression
  String bid();

  /** Expression for the ask price, quote currency per base-asset unit. Required. Example: {@code ask = "quote.ask"}. */
  @Expression
  String ask();

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /**
   * Bucket upper bounds of {@code trader_spread_bps}, in bps, strictly increasing and positive.
   * Default is empty, meaning the settings' bps buckets (by default 1, 2, 5, 10, 20, 50, 100, 200).
   * Example: {@code buckets = {5, 10, 15, 20, 30}}.
   */
  double[] buckets() default {};
}
