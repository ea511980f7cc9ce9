package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts orders by what happened to them, into {@code trader_orders_submitted_total},
 * {@code trader_orders_cancelled_total}, {@code trader_orders_rejected_total} and
 * {@code trader_orders_failed_total}, labels {@code venue}, {@code symbol}, {@code side}.
 *
 * <p>Each call counts exactly one order in exactly one counter:
 * <ul>
 *   <li>the method returns normally: one {@link #event()} (by default {@code submitted}), unless
 *       {@link #rejectedIf()} holds on the call, then one {@code rejected};</li>
 *   <li>the method throws: one {@code failed} (the exception is rethrown unchanged), unless
 *       {@link #countFailures()} is {@code false}, then nothing.</li>
 * </ul>
 * So {@code submitted + rejected + failed} is every attempt, and
 * {@code rejected / (submitted + rejected + failed)} the reject ratio.
 *
 * <p>Label values come from {@link Label} on a parameter, or on the method for a path on the return
 * value, else from the constants here, else are {@code "unknown"}. When the method throws there is no
 * return value, so labels taken from it are {@code "unknown"} on {@code failed}.
 *
 * <pre>{@code
 * @CountOrder(venue = "bitstamp", rejectedIf = "result.rejected")
 * Order submit(@Label("symbol") String symbol, @Label("side") Side side, double price, double quantity)
 *
 * @CountOrder(event = OrderEvent.CANCELLED, venue = "bitstamp")
 * void cancel(@Label(value = "symbol", path = "symbol") @Label(value = "side", path = "side") Order order)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface CountOrder {

  /**
   * What a normal return counts. Default is {@link OrderEvent#SUBMITTED}.
   * Example: {@code event = OrderEvent.CANCELLED} on a cancel method, {@code OrderEvent.REJECTED} on
   * a venue's reject callback.
   */
  OrderEvent event() default OrderEvent.SUBMITTED;

  /**
   * A condition on the call that makes a normal return count as {@code rejected} instead of
   * {@link #event()}; only with {@code event = SUBMITTED}. Default is empty: never. Shapes (checked
   * when the join point is bound): {@code path} to a {@code boolean}/{@code Boolean},
   * {@code path == true|false}, or {@code path == CONSTANT} / {@code path != CONSTANT} for a path
   * to an enum, where {@code CONSTANT} is one of the enum's constants. A {@code null} along the
   * path makes the condition false. Example: {@code rejectedIf = "result.rejected"} or
   * {@code rejectedIf = "result.status == REJECTED"}.
   */
  @Expression(Expression.Kind.CONDITION)
  String rejectedIf() default "";

  /**
   * Whether a call that throws counts one {@code failed} order. Default is {@code true}.
   * Example: {@code countFailures = false} where a throw does not concern an order's fate.
   */
  boolean countFailures() default true;

  /** Constant {@code venue} label. Default is empty, meaning {@code "unknown"}. Example: {@code "bitstamp"}. */
  String venue() default "";

  /** Constant {@code symbol} label. Default is empty, meaning {@code "unknown"}. Example: {@code "BTC/USD"}. */
  String symbol() default "";

  /** Constant {@code side} label. Default is empty, meaning {@code "unknown"}. Example: {@code "buy"}. */
  String side() default "";

  /**
   * Expression for the reject reason of a rejected submit ({@link #rejectedIf()} true): the
   * {@code reason} label of {@code trader_orders_rejected_total} (enums lower-case, bounded like every
   * label). Optional: empty (the default) records {@code reason="unknown"}; only with
   * {@code rejectedIf}. Example: {@code rejectReason = "result.rejectReason"}.
   */
  @Expression
  String rejectReason() default "";
}
