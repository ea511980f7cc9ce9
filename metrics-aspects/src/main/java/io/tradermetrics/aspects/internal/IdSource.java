package io.tradermetrics.aspects.internal;

import org.jspecify.annotations.Nullable;

/**
 * Where an order lifecycle join point reads the order id: a {@link ValueSource} read as a primitive
 * {@code long} when its path ends in an integral type (no boxing through a getter), else as an
 * object. An object that is a {@code Long}, {@code Integer}, {@code Short} or {@code Byte} is keyed
 * as its {@code long} value, so that a {@code long} id at the send and an {@code Object}-typed one at
 * the acknowledgement meet. Immutable and thread-safe.
 */
final class IdSource {

  final ValueSource source;
  final boolean longId;

  private IdSource(ValueSource source, boolean longId) {
    this.source = source;
    this.longId = longId;
  }

  /**
   * Resolves the {@code orderId} attribute.
   *
   * @throws io.tradermetrics.aspects.InstrumentationConfigException for a path that does not
   *     resolve, or a type that cannot be an order id (boolean, floating point, char)
   */
  static IdSource of(JoinPointInfo jp, String expression) {
    ValueSource source = jp.source("orderId", expression);
    Class<?> type = source.type();
    if (type == boolean.class || type == Boolean.class || type == double.class || type == Double.class
        || type == float.class || type == Float.class || type == char.class || type == Character.class) {
      throw jp.error("orderId", "'" + expression + "' is a " + type.getName()
          + "; expected a long or int client order id, a String, or an object with equals/hashCode");
    }
    boolean longId = ValueSource.isIntegralPrimitive(type) || type == Long.class || type == Integer.class
        || type == Short.class || type == Byte.class;
    return new IdSource(source, longId);
  }

  int mask() {
    return source.mask();
  }

  /** The object id, or null for a {@code long} id (read it with {@link #longId(Object)}). */
  static @Nullable Object objectId(@Nullable Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        ? null : value;
  }

  /** The {@code long} id of a value {@link #objectId} gave null for. */
  static long longId(Object value) {
    return ((Number) value).longValue();
  }
}
