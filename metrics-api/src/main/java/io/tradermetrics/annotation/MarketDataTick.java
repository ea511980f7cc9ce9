package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * Marks a market data handler: while the method runs, its thread is handling a tick, and every
 * order sent on that thread ({@link OrderSent}) records the time from the start of the handler to
 * its send, in seconds, in {@code trader_tick_to_trade_seconds}, labelled with the tick's
 * {@code symbol}. Nested handlers count as one tick: the outermost one's start.
 *
 * <p>When {@link #exchangeTime()} is given, the delay from the exchange's timestamp to the local
 * receipt (the start of the handler, on the local wall clock) is recorded in
 * {@code trader_market_data_delay_seconds}; a timestamp later than the local clock (clock skew, or
 * a timestamp in another unit than declared) is counted in
 * {@code trader_market_data_clock_skew_total} instead of being recorded as a negative delay.
 *
 * <p>Orders sent on another thread than the handler's (a tick handed to a strategy thread through a
 * queue) are not linked to the tick.
 *
 * <pre>{@code
 * @MarketDataTick(exchangeTime = "update.exchangeTimeNanos")
 * void onBookUpdate(@Label(value = "symbol", path = "symbol") BookUpdate update)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface MarketDataTick {

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /**
   * Expression for the exchange's timestamp of the tick, since the Unix epoch (UTC): an integral
   * number ({@code long}, {@code int}) in {@link #exchangeTimeUnit()}, or a {@link java.time.Instant}.
   * Optional: empty (the default) records no delay. Example: {@code exchangeTime = "trade.timestampMicros"}.
   */
  @Expression
  String exchangeTime() default "";

  /**
   * The unit of an integral {@link #exchangeTime()}. Default is {@link TimeUnit#NANOSECONDS}.
   * Example: {@code exchangeTimeUnit = TimeUnit.MICROSECONDS}.
   */
  TimeUnit exchangeTimeUnit() default TimeUnit.NANOSECONDS;
}
