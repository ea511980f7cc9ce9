package io.tradermetrics.annotation;

/**
 * What an order method does to an order at the venue; the {@code operation} label of
 * {@code trader_order_latency_seconds}, rendered lower-case.
 */
public enum OrderOperation {
  /** A new order is sent to the venue. */
  SUBMIT,
  /** A live order's price or quantity is changed (cancel/replace). */
  AMEND,
  /** A live order is cancelled. */
  CANCEL
}
