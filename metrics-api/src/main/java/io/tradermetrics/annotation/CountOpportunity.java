package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts an arbitrage opportunity with its net spread each time the annotated method (the scanner's
 * report of an opportunity it found) returns normally: the net spread, in basis points, is observed
 * in the histogram {@code trader_opportunity_net_spread_bps}, so its {@code _count} counts the
 * opportunities and its buckets show how large they were, per venue pair. Labels: {@code symbol},
 * {@code buy_venue} (where the leg is bought), {@code sell_venue} (where it is sold).
 *
 * <p>The net spread is what the scanner computes after costs (fees, expected slippage), e.g.
 * {@code (sellBid - buyAsk) / buyAsk * 10_000 - feesBps}. One that is not positive (an opportunity
 * that costs eat) is observed as {@code 0}: Micrometer histograms take no negative values; its
 * count is still the number of opportunities reported. A NaN or infinite one is not recorded and is
 * counted in {@code tradermetrics_instrumentation_errors_total}.
 *
 * <pre>{@code
 * @CountOpportunity(netSpreadBps = "opportunity.netSpreadBps")
 * void onOpportunity(@Label(value = "symbol", path = "symbol") @Label(value = "buy_venue", path = "buyVenue")
 *     @Label(value = "sell_venue", path = "sellVenue") Opportunity opportunity)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface CountOpportunity {

  /** Expression for the net spread, bps after costs. Required. Example: {@code netSpreadBps = "#3"}. */
  @Expression
  String netSpreadBps();

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /** Constant {@code buy_venue} label. Default is empty, meaning {@code "unknown"}. Example: {@code "kraken"}. */
  String buyVenue() default "";

  /** Constant {@code sell_venue} label. Default is empty, meaning {@code "unknown"}. Example: {@code "bitstamp"}. */
  String sellVenue() default "";

  /**
   * Bucket upper bounds in bps, strictly increasing and positive. Default is empty, meaning the
   * settings' bps buckets (by default 1, 2, 5, 10, 20, 50, 100, 200). Example: {@code buckets = {1, 5, 10, 25}}.
   */
  double[] buckets() default {};
}
