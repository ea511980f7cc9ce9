package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that sends a new order to a venue: when it returns normally, the order's clock
 * starts, and the order enters the in-flight table ({@code trader_orders_inflight}) until an end
 * point ({@link OrderRejected}, the complete {@link OrderFilled}, {@link OrderCancelled},
 * {@link OrderExpired}) takes it out, or it times out ({@code trader_orders_expired_total}).
 *
 * <p>The clock starts when the method starts, from the meter registry's monotonic clock. When the
 * id and labels come from parameters, the order is in flight before the body runs, so a venue answer
 * handled on another thread before the send returns is matched; when the id is the return value
 * ({@code orderId = "result..."}), the order enters when the method returns (an answer handled before
 * that is counted as unmatched), so prefer assigning client order ids before sending. A method that
 * throws leaves nothing in flight. Tick-to-trade is taken when the method returns. The {@code venue}, {@code symbol} and
 * {@code side} labels are resolved here, from {@link Label} parameters or the constants below, and
 * remembered with the order, so that the end points need only the order id. If the method runs
 * while a {@link MarketDataTick} handler is running on the same thread, the time since that tick
 * is recorded in {@code trader_tick_to_trade_seconds}.
 *
 * <p>An id that is already in flight is not restarted; it is counted in
 * {@code trader_order_events_unmatched_total{event="sent",reason="duplicate"}}.
 *
 * <pre>{@code
 * @OrderSent(orderId = "result.id", venue = "bitstamp")
 * Order submit(@Label("symbol") String symbol, @Label("side") Side side, double price, double quantity)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface OrderSent {

  /**
   * Expression for the order's identity, the same value at every point of its life (see the package
   * docs for the syntax): a client order id of type {@code long} or {@code int} (read without boxing
   * when the path ends in a primitive getter), a {@code String}, or any object with
   * {@code equals}/{@code hashCode}. An object id must be an immutable value (a {@code String}, a
   * record of immutable components, a boxed number) whose {@code equals} and {@code hashCode} are
   * cheap and never block or throw: {@code equals} runs while the in-flight table's lock is held, so
   * a slow one stalls every thread sending or receiving orders, and an id mutated after the send
   * hashes elsewhere and is never matched (its events count as unmatched and the order leaves only at
   * the timeout). Required. Example: {@code orderId = "report.clientOrderId"}.
   */
  @Expression
  String orderId();

  /** Constant {@code venue} label. Default is empty, meaning {@code "unknown"}. Example: {@code "bitstamp"}. */
  String venue() default "";

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /** Constant {@code side} label. Default is empty, meaning {@code "unknown"}. Example: {@code "buy"}. */
  String side() default "";
}
