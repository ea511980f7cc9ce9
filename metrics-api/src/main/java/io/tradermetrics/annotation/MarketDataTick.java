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
 * <p><b>Markouts.</b> With a mid price ({@link #mid()}, or {@link #bid()} and {@link #ask()}), the
 * tick also marks out the fills of its symbol: every fill recorded by {@link CountFill} (with a
 * price) is held in a ring per symbol, and the first tick at or after each horizon (default 1 s,
 * 10 s and 60 s, setting {@code tradermetrics.markouts.horizons}) observes the mid's move against
 * the fill price in {@code trader_markout_bps}, in bps, positive when the market moved the fill's
 * way. Horizons run on the registry's monotonic clock, or on {@link #marketTime()} when given (a
 * replay or a backtest). No timer thread: markouts are evaluated on the ticks.
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

  /**
   * Expression for the tick's mid price, quote currency, read before the handler runs: marks out
   * the fills of the tick's symbol (see the class description). Optional: empty (the default) takes
   * the mid of {@link #bid()} and {@link #ask()} when both are given, else marks out nothing.
   * Example: {@code mid = "book.mid"}.
   */
  @Expression
  String mid() default "";

  /** Expression for the tick's best bid, quote currency; with {@link #ask()}, the mid is their mean. Optional. Example: {@code bid = "book.bestBid"}. */
  @Expression
  String bid() default "";

  /** Expression for the tick's best ask, quote currency; with {@link #bid()}, the mid is their mean. Optional. Example: {@code ask = "book.bestAsk"}. */
  @Expression
  String ask() default "";

  /**
   * Expression for the tick's market time, which markout horizons are measured in: an integral
   * number in {@link #exchangeTimeUnit()} or an {@link java.time.Instant}, never going backwards. A
   * fill's time is then the market time of the last tick of its symbol. Optional: empty (the
   * default) measures horizons on the registry's monotonic clock (the fill's time is when it was
   * recorded). Give it in a replay or a backtest, whose market runs faster than the wall clock.
   * Example: {@code marketTime = "tick.trade.epochNanos"}.
   */
  @Expression
  String marketTime() default "";
}
