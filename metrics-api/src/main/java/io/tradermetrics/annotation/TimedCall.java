package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Times calls that are not order operations — exchange API calls, market-data scanner passes,
 * tick-to-trade handlers — in seconds, into the histogram {@code trader_call_latency_seconds} with
 * labels {@code target}, {@code operation}, {@code outcome} and {@code exception}.
 *
 * <p>On a method it times that method. On a class it times every public method the class declares
 * (a method's own {@code @TimedCall} wins). It may also be put on an annotation type to compose
 * your own, e.g. {@code @TimedCall(target = "binance") @interface BinanceCall {}}, then
 * {@code @BinanceCall} on a class or method. Outcome, exception and asynchronous
 * ({@code CompletionStage}) handling are those of {@link TimedOrder}.
 *
 * <pre>{@code
 * @TimedCall(target = "binance")
 * final class BinanceRestClient { public Balances balances() { ... } }   // operation="balances"
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
public @interface TimedCall {

  /** What is called: a venue API, a service, a component. Required. Example: {@code "binance"}. */
  String target();

  /**
   * The {@code operation} label. Default is empty, meaning the method's name.
   * Example: {@code operation = "place_order"}.
   */
  String operation() default "";

  /**
   * Histogram bucket upper bounds in seconds, strictly increasing and positive. Default is empty,
   * meaning the catalog's latency buckets (0.1 ms to 1 s). Example: {@code {0.001, 0.005, 0.020}}.
   */
  double[] buckets() default {};
}
