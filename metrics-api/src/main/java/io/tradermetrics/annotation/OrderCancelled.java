package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that receives the venue's confirmation that an order was cancelled: when it
 * returns normally, the time since the cancel request ({@link CancelSent}), or since the order was
 * sent when no cancel request was seen (a cancel the venue made on its own), is recorded, in
 * seconds, in {@code trader_order_cancel_latency_seconds{outcome="cancelled"}}, and the order
 * leaves the in-flight table.
 *
 * <p>Labels ({@code venue}, {@code symbol}, {@code side}) are those remembered when the order was
 * sent. The end point records nothing and throws nothing when the method throws. An id that is not
 * in flight (never sent, already finished, or timed out) is counted in
 * {@code trader_order_events_unmatched_total{event="cancel",reason="unknown"}}.
 *
 * <pre>{@code
 * @OrderCancelled(orderId = "report.clientOrderId")
 * void onCancelled(ExecutionReport report)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface OrderCancelled {

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
   * Expression for why the venue cancelled the order (e.g. {@code user}, {@code self_trade},
   * {@code risk}), read when the handler returns: the {@code reason} label of
   * {@code trader_order_cancel_latency_seconds{outcome="cancelled"}}, bounded like every label.
   * Optional: empty (the default) records {@code reason="unknown"}. Example: {@code reason = "report.cancelReason"}.
   */
  @Expression
  String reason() default "";
}
