package io.tradermetrics.guice;

/**
 * A tradermetrics configuration that cannot be used: an unknown key under {@code tradermetrics.}
 * or a bad value. The message names each key, the value given, where it came from (file and line,
 * environment variable or builder) and what would be valid. Thrown while the injector is created,
 * so Guice reports it inside a {@link com.google.inject.CreationException}.
 */
public final class TraderMetricsConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  TraderMetricsConfigException(String message) {
    super(message);
  }

  TraderMetricsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
