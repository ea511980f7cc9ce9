package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts a fill each time the annotated method returns normally: one increment of
 * {@code trader_orders_filled_total}, the filled quantity (base asset) added to
 * {@code trader_fill_volume_total}, and, when a price is given, quantity times price (quote
 * currency) added to {@code trader_fill_notional_total}. Labels: {@code venue}, {@code symbol},
 * {@code side}, and on the notional {@code currency} ({@link #currency()}).
 *
 * <p><b>Fees.</b> With {@link #fee()}, the fee of the fill (in {@link #feeCurrency()}, paid
 * positive, a rebate negative) is added to {@code trader_fill_fees_total}, and a rebate, as a
 * positive amount, to {@code trader_fill_rebates_total} (a Prometheus counter only goes up, so
 * the two directions are two counters: net fees are {@code fees - rebates}). Labels: {@code venue},
 * {@code symbol}, {@code currency}.
 *
 * <p><b>Markouts.</b> A fill with a price whose symbol has a {@link MarketDataTick} with a mid is
 * also marked out: see {@link MarketDataTick}.
 *
 * <p><b>Large executions.</b> With {@link #alertNotionalAbove()}, a fill whose notional is above it
 * raises the event alert {@code LargeExecution} (severity info) with the fill's labels.
 *
 * <p>A method that throws records nothing. A quantity that is not a positive finite number (NaN,
 * infinite, zero, negative, or null) records nothing and is counted in
 * {@code tradermetrics_instrumentation_errors_total}. A price that is not a positive finite number
 * (or null) with a good quantity still counts the fill and its volume, since the fill happened and
 * its quantity is known; only its notional is not recorded, and the bad price is counted in
 * {@code tradermetrics_instrumentation_errors_total}.
 *
 * <pre>{@code
 * @CountFill(venue = "bitstamp", quantity = "fill.quantity", price = "fill.price")
 * void onFill(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Fill fill)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface CountFill {

  /**
   * Expression for the filled quantity, in base-asset units (see the package docs for the syntax).
   * Required. Example: {@code quantity = "fill.quantity"} or {@code quantity = "#2"}.
   */
  @Expression
  String quantity();

  /**
   * Expression for the fill price, in quote currency per base-asset unit. Optional: empty (the
   * default) records no notional. Example: {@code price = "fill.price"}.
   */
  @Expression
  String price() default "";

  /** Constant {@code venue} label. Default is empty, meaning {@code "unknown"}. Example: {@code "bitstamp"}. */
  String venue() default "";

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /** Constant {@code side} label. Default is empty, meaning {@code "unknown"}. Example: {@code "buy"}. */
  String side() default "";

  /**
   * Constant {@code currency} label of the notional: the quote currency (a {@code @Label("currency")}
   * parameter wins). Default is empty, meaning {@code "unknown"}. Example: {@code "USD"}.
   */
  String currency() default "";

  /**
   * Expression for the fee of the fill, in {@link #feeCurrency()}: positive when paid, negative for
   * a rebate (a maker rebate). Optional: empty (the default) records no fees. Example:
   * {@code fee = "fill.fee"}.
   */
  @Expression
  String fee() default "";

  /**
   * The {@code currency} label of the fees. Default is empty, meaning the notional's
   * {@code currency} label (the quote currency). Example: {@code "BNB"}.
   */
  String feeCurrency() default "";

  /**
   * A notional (quantity times price, quote currency) above which a fill raises the event alert
   * {@code LargeExecution}, severity info, throttled like every event alert. Default is 0: no alert.
   * Needs {@link #price()}. Example: {@code alertNotionalAbove = 50_000}.
   */
  double alertNotionalAbove() default 0;
}
