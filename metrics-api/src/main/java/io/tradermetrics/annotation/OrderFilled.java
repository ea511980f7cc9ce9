package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that receives a fill (an execution) of an order: when it returns normally, the
 * time since the order was sent is recorded, in seconds, in
 * {@code trader_order_fill_latency_seconds} with {@code fill="first"} for the order's first fill and
 * {@code fill="complete"} for the fill that completes it (a single fill that completes an order is
 * both). The complete fill takes the order out of the in-flight table; partial fills between the
 * first and the complete one record nothing here.
 *
 * <p>Labels ({@code venue}, {@code symbol}, {@code side}) are those remembered when the order was
 * sent. The end point records nothing and throws nothing when the method throws. An id that is not
 * in flight (never sent, already finished, or timed out) is counted in
 * {@code trader_order_events_unmatched_total{event="fill",reason="unknown"}}.
 *
 * <pre>{@code
 * @OrderFilled(orderId = "fill.orderId", complete = "fill.last")
 * void onFill(Fill fill)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface OrderFilled {

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

  /**
   * Expression for whether this fill completes the order: a {@code boolean} or {@code Boolean}
   * (see the package docs for the syntax). Required. Example: {@code complete = "report.last"} or
   * {@code complete = "result"} for a method that returns whether the order is now complete.
   */
  @Expression
  String complete();

  /**
   * Expression for the fill's liquidity flag as the venue reports it ({@code maker} or
   * {@code taker}; enums lower-case), read when the handler returns: the {@code liquidity} label of
   * {@code trader_order_fill_latency_seconds}, bounded like every label. Optional: empty (the default)
   * records {@code liquidity="unknown"}. Example: {@code liquidity = "report.liquidity"}.
   */
  @Expression
  String liquidity() default "";
}
