package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that receives the venue's rejection of a new order: when it returns normally,
 * the time since the order was sent is recorded, in seconds, in
 * {@code trader_order_ack_latency_seconds{outcome="rejected"}}, and the order leaves the in-flight
 * table. A rejection of an order already acknowledged ends it without a latency and is counted in
 * {@code trader_order_events_unmatched_total{event="reject",reason="duplicate"}}.
 *
 * <p>Labels ({@code venue}, {@code symbol}, {@code side}) are those remembered when the order was
 * sent. The end point records nothing and throws nothing when the method throws. An id that is not
 * in flight (never sent, already finished, or timed out) is counted in
 * {@code trader_order_events_unmatched_total{event="reject",reason="unknown"}}.
 *
 * <pre>{@code
 * @OrderRejected(orderId = "#0")
 * void onReject(long clientOrderId, String reason)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface OrderRejected {

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
   * Expression for the venue's reject reason, read when the handler returns: the {@code reason}
   * label of {@code trader_order_ack_latency_seconds{outcome="rejected"}} (enums lower-case, bounded
   * like every label: past the limit {@code other}). Optional: empty (the default) records
   * {@code reason="unknown"}. Example: {@code reason = "#1"} or {@code reason = "report.rejectReason"}.
   */
  @Expression
  String reason() default "";
}
