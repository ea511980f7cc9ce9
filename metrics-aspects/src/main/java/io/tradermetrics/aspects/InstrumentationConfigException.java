package io.tradermetrics.aspects;

/**
 * A tradermetrics annotation that cannot be honoured: a path that does not resolve, a quantity that
 * is not a number, a label key the metric does not have, bad histogram buckets.
 *
 * <p>The message names the class, method, annotation and attribute at fault and says what would be
 * valid. Thrown by {@link TraderMetrics#validate(Class[])} (and so at injector creation when the
 * Guice module validates). At run time, when a join point is first reached, the same problem is
 * logged at ERROR and counted instead, and the join point records nothing: instrumentation never
 * throws into trading code.
 */
public final class InstrumentationConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, where, and what is valid
   */
  public InstrumentationConfigException(String message) {
    super(message);
  }
}
