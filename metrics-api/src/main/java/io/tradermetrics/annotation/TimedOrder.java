package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Times a method that sends an order operation to a venue, in seconds, into the histogram
 * {@code trader_order_latency_seconds} with labels {@code operation}, {@code venue},
 * {@code symbol}, {@code side}, {@code outcome} and {@code exception}.
 *
 * <p>The time is taken from the meter registry's monotonic clock before and after the method body.
 * A method that returns normally gives {@code outcome="ok", exception="none"}; one that throws gives
 * {@code outcome="error"} and the simple class name of the exception, which is rethrown unchanged.
 * A normal return for which {@link #rejectedIf()} holds gives {@code outcome="rejected",
 * exception="none"}: the venue answered, and refused the order.
 *
 * <p>Label values come, in this order of precedence, from a parameter carrying {@link Label} with the
 * label's key, from the constant attribute of the same name here, or else are {@code "unknown"}.
 *
 * <pre>{@code
 * @TimedOrder(operation = OrderOperation.SUBMIT, venue = "bitstamp")
 * OrderAck submit(@Label("symbol") String symbol, @Label("side") Side side, double qty, double px)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface TimedOrder {

  /**
   * The order operation this method performs; the {@code operation} label.
   * Default is {@link OrderOperation#SUBMIT}. Example: {@code operation = OrderOperation.CANCEL}.
   */
  OrderOperation operation() default OrderOperation.SUBMIT;

  /**
   * Constant {@code venue} label, used when no parameter carries {@code @Label("venue")}.
   * Default is empty, meaning {@code "unknown"}. Example: {@code venue = "bitstamp"}.
   */
  String venue() default "";

  /**
   * Constant {@code symbol} label, used when no parameter carries {@code @Label("symbol")}.
   * Default is empty, meaning {@code "unknown"}. Example: {@code symbol = "BTC/USD"}.
   */
  String symbol() default "";

  /**
   * Constant {@code side} label, used when no parameter carries {@code @Label("side")}.
   * Default is empty, meaning {@code "unknown"}. Example: {@code side = "buy"}.
   */
  String side() default "";

  /**
   * Histogram bucket upper bounds in seconds, strictly increasing and positive.
   * Default is empty, meaning the catalog's latency buckets (0.1 ms to 1 s).
   * Example: for buckets at 1, 5 and 20 ms pass {@code {0.001, 0.005, 0.020}}.
   */
  double[] buckets() default {};

  /**
   * A condition on the call that makes a normal return an {@code outcome="rejected"}, in the shapes
   * of {@link CountOrder#rejectedIf()}: a path to a {@code boolean}, {@code path == true|false}, or
   * {@code path == CONSTANT} / {@code path != CONSTANT} for an enum. On a method returning a
   * {@code CompletionStage}, {@code result} is the value the stage completes with. Default is
   * empty: never rejected. Example: {@code rejectedIf = "result.rejected"} or
   * {@code rejectedIf = "result.status == REJECTED"}.
   */
  @Expression(Expression.Kind.CONDITION)
  String rejectedIf() default "";

  /**
   * Expression for the client order id of the order this call sends, amends or cancels (see the
   * package docs for the syntax; {@code result} or a path on it reads the return value): a
   * {@code long} or {@code int} (read without boxing when the path ends in a primitive getter), a
   * {@code String}, or any object whose {@code toString} names the order. While the call's time is
   * recorded, the order is current on the calling thread, so an exemplar sampler names it: with the
   * Guice module's Prometheus registry, the OpenMetrics exposition of
   * {@code trader_order_latency_seconds} carries exemplars labelled {@code order_id} (rate-limited
   * by the registry's sampler; see {@code io.tradermetrics.aspects.OrderExemplars}). A null id (a
   * null return value, a call that threw before returning an order) names no order.
   *
   * <p>Not allowed on a method returning a {@code CompletionStage}, whose time is recorded when the
   * stage completes on another thread, nor with a boolean, floating-point or char value: either is
   * refused at startup, naming this attribute. Optional: empty (the default) names no order.
   * Example: {@code orderId = "result.clientOrderId"}, or {@code orderId = "order.id"} on a cancel.
   */
  @Expression
  String orderId() default "";
}
