package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that sends a cancel request for an order in flight: when the method starts (so a
 * confirmation handled on another thread before it returns is matched; the id must come from a
 * parameter), the time is remembered with the order, so that {@link OrderCancelled} measures the cancel round trip
 * from here. The order stays in flight until the cancel is confirmed (or the order ends otherwise).
 * A second cancel request for the same order keeps the first time and is counted in
 * {@code trader_order_events_unmatched_total{event="cancel_sent",reason="duplicate"}}.
 *
 * <p>Labels ({@code venue}, {@code symbol}, {@code side}) are those remembered when the order was
 * sent. A request method that throws still counts as requested. An id that is not
 * in flight (never sent, already finished, or timed out) is counted in
 * {@code trader_order_events_unmatched_total{event="cancel_sent",reason="unknown"}}.
 *
 * <pre>{@code
 * @CancelSent(orderId = "order.id")
 * void cancel(Order order)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface CancelSent {

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
}
