package io.tradermetrics.annotation;

/**
 * What happened to an order, as {@link CountOrder} counts it; each value has its own counter:
 * {@code trader_orders_submitted_total}, {@code trader_orders_cancelled_total},
 * {@code trader_orders_rejected_total} and {@code trader_orders_failed_total}.
 */
public enum OrderEvent {
  /** A new order was sent and the venue did not reject it. */
  SUBMITTED,
  /** A live order was cancelled. */
  CANCELLED,
  /** The venue refused an order (risk, rate limit, post-only cross, bad price...). */
  REJECTED,
  /** The order request failed before the venue answered: the sending method threw. */
  FAILED
}
