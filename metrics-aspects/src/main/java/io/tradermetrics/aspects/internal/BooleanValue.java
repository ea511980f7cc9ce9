package io.tradermetrics.aspects.internal;

import org.jspecify.annotations.Nullable;

/**
 * A {@code boolean} read from the call (a {@code boolean} argument arrives as a cached
 * {@code Boolean}, so nothing is boxed): the one check at binding and the one read per call that
 * {@code @OrderFilled(complete)} and {@code @VenueConnection(connected)} share. Stateless.
 */
public final class BooleanValue {

  private BooleanValue() {}

  /**
   * The source of {@code expression}, which must be a {@code boolean}, a {@code Boolean} or an
   * {@code Object} (checked per call).
   *
   * @param meaning completes "expected a boolean or Boolean (...)", e.g. "true when connected"
   * @throws io.tradermetrics.aspects.InstrumentationConfigException for another type
   */
  public static ValueSource source(BindContext ctx, String attribute, String expression, String meaning) {
    ValueSource source = ctx.source(attribute, expression);
    Class<?> type = source.type();
    if (type != boolean.class && type != Boolean.class && type != Object.class) {
      throw ctx.error(attribute, "'" + expression + "' is a " + type.getName()
          + "; expected a boolean or Boolean (" + meaning + ")");
    }
    return source;
  }

  /** The value of this call, or null (counted through {@code site}) when it is null or not a {@code Boolean}. */
  public static @Nullable Boolean read(ValueSource source, String attribute, InstrumentationErrors.Site site,
      @Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2,
      long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5)
      throws Throwable {
    Object value = source.get(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (value instanceof Boolean b) {
      return b;
    }
    if (value == null) {
      site.missing(attribute);
    } else {
      site.unusable(attribute, "'" + attribute + "' was not a Boolean");
    }
    return null;
  }
}
