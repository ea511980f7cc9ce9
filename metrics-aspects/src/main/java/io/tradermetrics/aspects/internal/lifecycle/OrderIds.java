package io.tradermetrics.aspects.internal.lifecycle;

import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.ValueSource;
import org.jspecify.annotations.Nullable;

/**
 * Where an order lifecycle join point reads the client order id: the {@code orderId} expression,
 * read as a primitive {@code long} when it is an integral primitive or a path ending in one (no
 * boxing), else as an object. An object that is a {@code Long}, {@code Integer}, {@code Short} or
 * {@code Byte} is keyed as its {@code long} value, so that a {@code long} id at the send and an
 * {@code Object}-typed one at the acknowledgement meet. The one place the id is read: the
 * lifecycle's events take an {@code OrderIds} and the call, and {@code @TimedOrder(orderId)}
 * reads it the same way to name the order in its exemplars. Internal: public only for
 * {@code io.tradermetrics.aspects.internal}. Immutable and thread-safe.
 */
public final class OrderIds {

  /** What {@link #longId} returns when there is no id (null along the path, or not an integral number). */
  public static final long ABSENT = ValueSource.ABSENT_LONG;

  private final ValueSource source;
  private final boolean integral;

  private OrderIds(ValueSource source, boolean integral) {
    this.source = source;
    this.integral = integral;
  }

  /**
   * Resolves the {@code orderId} attribute.
   *
   * @throws io.tradermetrics.aspects.InstrumentationConfigException for a path that does not
   *     resolve, or a type that cannot be an order id (boolean, floating point, char)
   */
  public static OrderIds of(BindContext ctx, String expression) {
    ValueSource source = ctx.source("orderId", expression);
    Class<?> type = source.type();
    if (type == boolean.class || type == Boolean.class || type == double.class || type == Double.class
        || type == float.class || type == Float.class || type == char.class || type == Character.class) {
      throw ctx.error("orderId", "'" + expression + "' is a " + type.getName()
          + "; expected a long or int client order id, a String, or an object with equals/hashCode");
    }
    boolean integral = type == long.class || type == int.class || type == short.class || type == byte.class
        || type == Long.class || type == Integer.class || type == Short.class || type == Byte.class;
    return new OrderIds(source, integral);
  }

  /** Whether the id is read from the return value. */
  boolean readsResult() {
    return source.readsResult();
  }

  /**
   * The object id of this call, or null when the id is a {@code long} (then read {@link #longId}).
   * An object-typed id holding an integral box is a {@code long} id too.
   */
  public @Nullable Object objectId(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    if (integral) {
      return null;
    }
    Object value = source.get(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        ? null : value;
  }

  /** The {@code long} id of this call (when {@link #objectId} gave null), or {@link #ABSENT}. */
  public long longId(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    return source.getLong(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
  }
}
