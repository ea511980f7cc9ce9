package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a venue adapter that learns its connection state: each time it returns
 * normally, {@code trader_venue_connected{venue}} is set to 1 if {@link #connected()} is true, else
 * 0. Put it on the adapter's connect and disconnect callbacks (or on one state-change handler); the
 * alert rules warn while a venue is down (reconnecting) and escalate to error if it stays down.
 *
 * <p>The {@code venue} label comes from {@link #venue()} or a {@code @Label("venue")} parameter. A
 * method that throws records nothing; a {@code connected} that is null is counted in
 * {@code tradermetrics_instrumentation_errors_total}.
 *
 * <pre>{@code
 * @VenueConnection(connected = "#1")
 * void onConnectionState(@Label("venue") String venue, boolean up)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface VenueConnection {

  /**
   * Expression for the connection state, a {@code boolean} or {@code Boolean}: true when connected.
   * Default is {@code "result"}. Example: {@code connected = "#1"} or {@code connected = "state.up"}.
   */
  @Expression
  String connected() default "result";

  /** Constant {@code venue} label. Default is empty, meaning {@code "unknown"}. Example: {@code "bitstamp"}. */
  String venue() default "";
}
