package io.tradermetrics.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts a trading event of your own naming — guard blocks, anomalies, reconciliation orphans —
 * into the counter {@code <namespace>_<name>_total}, e.g. {@code trader_guard_blocks_total} for
 * {@code name = "guard.blocks"}, each time the annotated method returns normally (and
 * {@link #countIf()} holds, if given). A method that throws counts nothing.
 *
 * <p>Its labels are the keys declared in {@link #labels()}: each takes its value from a
 * {@link Label} with that key (on a parameter, or on the method for the return value), else from the
 * constant declared with it ({@code "key=value"}), else is {@code "unknown"}. One name always has
 * the same label keys: two join points declaring different keys for one name fail when the second
 * is bound (and in {@code TraderMetrics.validate}), naming both.
 *
 * <pre>{@code
 * @CountEvent(name = "guard.blocks", labels = {"guard=inventory", "side"}, countIf = "result == false")
 * boolean withinInventoryLimit(@Label("side") Side side)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface CountEvent {

  /**
   * The event name: lower-case words of letters and digits separated by {@code .} or {@code _},
   * starting with a letter, not ending in {@code total}, and not the name of a catalog metric.
   * Required. Example: {@code name = "guard.blocks"} gives {@code trader_guard_blocks_total}.
   */
  String name();

  /**
   * The label keys, each {@code "key"} or {@code "key=constant value"}; keys are lower-case
   * {@code [a-z][a-z0-9_]*}, distinct, not {@code le} or {@code quantile}. Default is none.
   * Example: {@code labels = {"guard=inventory", "side"}}.
   */
  String[] labels() default {};

  /**
   * A condition the call must meet to be counted, in the shapes of
   * {@link CountOrder#rejectedIf()}. Default is empty: every normal return counts.
   * Example: {@code countIf = "result == false"}.
   */
  @Expression(Expression.Kind.CONDITION)
  String countIf() default "";

  /**
   * The {@code # HELP} text. Default is empty, meaning {@code "Events '<name>' counted by @CountEvent"}.
   * Example: {@code help = "Orders blocked by pre-trade risk guards"}.
   */
  String help() default "";
}
