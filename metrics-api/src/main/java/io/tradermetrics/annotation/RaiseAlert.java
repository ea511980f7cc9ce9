package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Raises an event alert when the annotated method detects an event a person must hear about now:
 * a circuit breaker tripped, a risk limit breached, a venue disconnected, a strategy panicking, a
 * large execution. The alert is written to the log (always), counted in
 * {@code tradermetrics_alerts_raised_total{severity}}, and, when an Alertmanager is configured,
 * posted to its {@code /api/v2/alerts} asynchronously, so that Alertmanager's routing (Slack,
 * Telegram), grouping, silences and de-duplication apply. Raising never blocks or fails the
 * annotated method: the post happens on a background thread from a bounded queue.
 *
 * <p>The alert carries the labels {@code alertname} ({@link #name()}), {@code severity}
 * ({@link #severity()}) and one label per {@link Label @Label} parameter (for example
 * {@code symbol}, {@code venue}: low-cardinality values Alertmanager groups by); its annotations
 * are {@code summary} ({@link #summary()}), {@code description} ({@link #message()} with its
 * placeholders filled in), and one per {@link #fields()} entry.
 *
 * <pre>{@code
 * @RaiseAlert(severity = AlertSeverity.CRITICAL, summary = "Circuit breaker tripped",
 *     message = "{reason}; trading halted", fields = {"reason", "loss=pnl.realized"})
 * public void trip(@Label("symbol") String symbol, String reason, PnlSnapshot pnl) { ... }
 *
 * @RaiseAlert(severity = AlertSeverity.WARNING, summary = "Risk limit breached", when = RaiseAlert.When.RETURNED_TRUE)
 * public boolean positionLimitBreached(@Label("symbol") String symbol, double position) { ... }
 * }</pre>
 *
 * <p>Values are read with the expressions described in the {@link io.tradermetrics.annotation
 * package documentation} ({@code reason}, {@code #1}, {@code result}, {@code fill.quantity}), compiled
 * once when the join point is first bound; a path that does not resolve fails there, naming class,
 * method, annotation and attribute.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface RaiseAlert {

  /** When a call raises the alert. */
  enum When {
    /** Every call that returns normally. For methods that are themselves the event ({@code onDisconnect}, {@code trip}). */
    RETURNED,
    /** Calls of a {@code boolean} method that return {@code true} (a check that found a breach). */
    RETURNED_TRUE,
    /** Calls that return a non-null value (a detector returning the breach it found, or null). */
    RETURNED_NON_NULL,
    /** Calls that throw; the exception is rethrown unchanged, and its class and message become fields ({@code exception}, {@code error}). */
    THREW
  }

  /** Level of the alert: the {@code severity} label. Required. Example: {@code AlertSeverity.CRITICAL}. */
  AlertSeverity severity();

  /** Title of the alert: the {@code summary} annotation, a constant. Required. Example: {@code "Circuit breaker tripped"}. */
  String summary();

  /**
   * The {@code alertname} label: letters, digits and {@code _}, starting with a letter. Default is
   * empty, meaning the method name with its first letter upper-cased ({@code trip} becomes
   * {@code Trip}). Example: {@code name = "CircuitBreakerTripped"}.
   */
  String name() default "";

  /**
   * The {@code description} annotation: text in which each {@code {expression}} is replaced by that
   * value from the call. Default is empty, meaning no description. Example:
   * {@code "position {position} BTC beyond limit {limit} BTC"}.
   */
  @Expression(Expression.Kind.TEMPLATE)
  String message() default "";

  /**
   * Extra annotations of the alert, each {@code key=expression} or just {@code expression} (the key
   * is then its last segment: {@code fill.quantity} gives {@code quantity}). Default is none. Keys
   * follow the rule of label keys (letters, digits and {@code _}, not starting with a digit or
   * {@code __}) and must not be {@code summary}, {@code description} or {@code runbook_url} (set from
   * the annotation and configuration), nor, with {@code when = THREW}, {@code exception} or
   * {@code error}; a wrong key fails at wiring time.
   * Example: {@code {"reason", "notional=fill.notional"}}.
   */
  @Expression(Expression.Kind.FIELDS)
  String[] fields() default {};

  /** When a call raises the alert. Default is {@link When#RETURNED}. Example: {@code when = When.RETURNED_TRUE}. */
  When when() default When.RETURNED;
}
