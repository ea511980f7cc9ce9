package io.tradermetrics.aspects.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Member;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a value comes from at a join point: a parameter slot or the return value, then an optional
 * property path compiled into method handles once. The root is read as the advice passes it (see
 * {@link Instrument}): a reference from {@code a}<i>i</i>, the bits of a primitive from
 * {@code p}<i>i</i>, as the declared type says. Reading does no reflection and, for
 * {@link #getDouble} and {@link #getLong} of a primitive root or of a path ending in a primitive,
 * no boxing. A {@code null} anywhere along the path gives {@code null} (NaN from
 * {@link #getDouble}, {@link #ABSENT_LONG} from {@link #getLong}); so does an accessor along the
 * path that throws, which the engine counts in {@code tradermetrics_instrumentation_errors_total}
 * with {@code annotation="(read)"} and logs ({@link Engine#readFailed}), as it does for generated
 * advice. Reading never throws (but {@link Fatal}). Immutable and thread-safe.
 */
public final class ValueSource {

  /** The slot of the return value. */
  public static final int RESULT = -1;
  /** What {@link #getLong} returns for a null along the path or a value that is not an integral number. */
  public static final long ABSENT_LONG = Long.MIN_VALUE;
  /**
   * The bits generated advice passes for a {@code double} or {@code float} value it could not read
   * (a null along the path, an accessor that threw): a NaN, so every number check treats it as
   * absent, and one of its own, so that an error message can say "null" rather than "NaN".
   */
  public static final long ABSENT_DOUBLE_BITS = 0x7ff8_0000_0000_0a5eL;

  /** How the root arrives from the advice. */
  enum Kind {
    /** A reference, or a {@code boolean} as a cached {@code Boolean}, in the reference slot. */
    REF,
    /** {@code long}, {@code int}, {@code short}, {@code byte}: the value in the bits slot. */
    LONG,
    /** {@code char}: its code in the bits slot. */
    CHAR,
    /** {@code double}: {@link Double#doubleToRawLongBits} in the bits slot. */
    DOUBLE,
    /** {@code float}: widened to {@code double}, then as {@link #DOUBLE}. */
    FLOAT;

    static Kind of(Class<?> declared) {
      if (declared == long.class || declared == int.class || declared == short.class || declared == byte.class) {
        return LONG;
      }
      if (declared == char.class) {
        return CHAR;
      }
      if (declared == double.class) {
        return DOUBLE;
      }
      return declared == float.class ? FLOAT : REF;
    }
  }

  private final int slot;
  private final Kind kind;
  /** Segment handles of type (Object)Object. */
  private final MethodHandle[] segments;
  /** The last segment as (Object)double, for paths that end in a number. */
  private final @Nullable MethodHandle doubleTail;
  /** The last segment as (Object)long, for paths that end in an integral primitive. */
  private final @Nullable MethodHandle longTail;
  private final Class<?> type;
  private final String description;
  /** Where a failed read is counted (null for a source without a path, which cannot fail). */
  private final @Nullable Engine engine;
  private final String where;

  /** Whether the value arrives computed by generated advice (its absent values are the ABSENT constants). */
  private final boolean generated;

  private ValueSource(int slot, Kind kind, MethodHandle[] segments, @Nullable MethodHandle doubleTail,
      @Nullable MethodHandle longTail, Class<?> type, String description, @Nullable Engine engine, String where) {
    this(slot, kind, segments, doubleTail, longTail, type, description, engine, where, false);
  }

  private ValueSource(int slot, Kind kind, MethodHandle[] segments, @Nullable MethodHandle doubleTail,
      @Nullable MethodHandle longTail, Class<?> type, String description, @Nullable Engine engine, String where,
      boolean generated) {
    this.generated = generated;
    this.slot = slot;
    this.kind = kind;
    this.segments = segments;
    this.doubleTail = doubleTail;
    this.longTail = longTail;
    this.type = type;
    this.description = description;
    this.engine = engine;
    this.where = where;
  }

  /** The slot this source reads: 0..5, or {@link #RESULT}. */
  int slot() {
    return slot;
  }

  /** Whether the source reads the return value. */
  public boolean readsResult() {
    return slot == RESULT;
  }

  /** Whether the value is the root itself, a primitive that arrives in the bits slot. */
  boolean primitiveRoot() {
    return kind != Kind.REF;
  }

  Kind kind() {
    return kind;
  }

  /** The static type of the value the source yields (primitive types as such). */
  public Class<?> type() {
    return type;
  }

  boolean isNumeric() {
    return isNumericType(type);
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Compiles a source.
   *
   * @param slot     the parameter index, or {@link #RESULT}
   * @param rootType the declared type of that parameter or of the return value
   * @param path     property segments separated by '.', or empty
   * @throws io.tradermetrics.aspects.InstrumentationConfigException naming {@code attribute} if a
   *     segment does not resolve
   */
  static ValueSource of(BindContext ctx, String attribute, int slot, Type rootType, String path) {
    Class<?> current = Members.raw(rootType);
    // the generic advice passes a long, int or double result as bits and every other result boxed
    Kind kind = slot == RESULT && ctx.layout() == null && boxedByGenericAdvice(current) ? Kind.REF : Kind.of(current);
    StringBuilder walked = new StringBuilder(slot == RESULT ? "result" : "#" + slot);
    List<MethodHandle> handles = new ArrayList<>();
    MethodHandle lastRaw = null;
    if (!path.isBlank()) {
      if (current.isPrimitive()) {
        throw ctx.error(attribute, "'" + walked + "' is a " + current.getName() + ", which has no property '"
            + path.strip() + "'; read the " + current.getName() + " itself (no path)");
      }
      for (String segment : path.strip().split("\\.", -1)) {
        if (segment.isEmpty()) {
          throw ctx.error(attribute, "path '" + path + "' has an empty segment");
        }
        Member member = Members.findMember(current, segment);
        if (member == null) {
          throw ctx.error(attribute, "'" + segment + "' is not a property of " + current.getName()
              + " (reached by " + walked + "); expected a record component, a getter get"
              + Members.capitalize(segment) + "()/is" + Members.capitalize(segment) + "(), a no-argument method or a field named '"
              + segment + "'");
        }
        MethodHandle raw = Members.unreflect(ctx, attribute, member);
        lastRaw = raw;
        current = raw.type().returnType();
        handles.add(raw.asType(MethodType.methodType(Object.class, Object.class)));
        walked.append('.').append(segment);
      }
    }
    Layout layout = ctx.layout();
    if (layout != null && slot == RESULT && path.isBlank() && kind == Kind.REF && current != boolean.class
        && !layout.passesResult()) {
      throw new IllegalStateException("the generated advice of " + ctx.where() + " does not pass the result "
          + "(rebuild the class; if it persists, report it)");
    }
    if (layout != null && !(slot == RESULT && path.isBlank())) {
      // generated advice: the value was computed in the user's class; read it from its slot
      String key = Layout.key(slot, path);
      int valueSlot = layout.slotOf(key);
      if (valueSlot < 0 || layout.typeOf(valueSlot) != current) {
        throw new IllegalStateException("the generated advice of " + ctx.where() + " computes " + layout
            + ", not '" + key + "' as a " + current.getName() + " (rebuild the class; if it persists, report it)");
      }
      return new ValueSource(valueSlot, Kind.of(current), new MethodHandle[0], null, null, current, walked.toString(),
          null, "", true);
    }
    MethodHandle doubleTail = lastRaw != null && isNumericType(current) ? Members.toDouble(lastRaw) : null;
    MethodHandle longTail = lastRaw != null && isIntegralPrimitive(current)
        ? lastRaw.asType(MethodType.methodType(long.class, Object.class)) : null;
    return new ValueSource(slot, kind, handles.toArray(new MethodHandle[0]), doubleTail, longTail, current,
        walked.toString(), handles.isEmpty() ? null : ctx.engine(), ctx.where());
  }

  /** Whether the generic advice passes a result of this type boxed (its result shapes are Object, long, int and double). */
  static boolean boxedByGenericAdvice(Class<?> type) {
    return type == float.class || type == short.class || type == byte.class || type == char.class;
  }

  static boolean isIntegralPrimitive(Class<?> type) {
    return type == long.class || type == int.class || type == short.class || type == byte.class;
  }

  static boolean isNumericType(Class<?> type) {
    return (type.isPrimitive() && type != boolean.class && type != char.class && type != void.class)
        || Number.class.isAssignableFrom(type);
  }

  /** The reference in this source's slot. */
  @Nullable Object rootRef(@Nullable Object r, @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    return switch (slot) {
      case RESULT -> r;
      case 0 -> a0;
      case 1 -> a1;
      case 2 -> a2;
      case 3 -> a3;
      case 4 -> a4;
      default -> a5;
    };
  }

  /** The bits in this source's slot. */
  long rootBits(long rb, long p0, long p1, long p2, long p3, long p4, long p5) {
    return switch (slot) {
      case RESULT -> rb;
      case 0 -> p0;
      case 1 -> p1;
      case 2 -> p2;
      case 3 -> p3;
      case 4 -> p4;
      default -> p5;
    };
  }

  /**
   * Reads the value as an object: {@code null} when the root or any intermediate value is null. A
   * primitive root is boxed: use {@link #getDouble}, {@link #getLong} or {@link #bitsOf} for those on
   * the order path.
   */
  public @Nullable Object get(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) {
    if (kind != Kind.REF) {
      long bits = rootBits(rb, p0, p1, p2, p3, p4, p5);
      return generated && absent(bits) ? null : box(bits);
    }
    try {
      return walk(rootRef(r, a0, a1, a2, a3, a4, a5));
    } catch (Throwable t) {
      readFailed(t);
      return null;
    }
  }

  /** Follows the path's segments from {@code value}; null at the first null. Throws what an accessor throws. */
  private @Nullable Object walk(@Nullable Object value) throws Throwable {
    for (MethodHandle segment : segments) {
      if (value == null) {
        return null;
      }
      value = (Object) segment.invokeExact(value);
    }
    return value;
  }

  /**
   * Whether the value, or an object on its path, is null in this call: for an error message only
   * (it reads the path once more). An accessor that throws here is not counted again (the read that
   * found the bad value counted it) and answers false.
   */
  boolean readsNull(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) {
    if (kind != Kind.REF) {
      return generated && absent(rootBits(rb, p0, p1, p2, p3, p4, p5));
    }
    try {
      return walk(rootRef(r, a0, a1, a2, a3, a4, a5)) == null;
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      return false;
    }
  }

  /** A user's accessor threw: counted and logged by the engine; the caller reads the value as absent. */
  private void readFailed(Throwable problem) {
    Fatal.rethrowIfFatal(problem);
    if (engine != null) {
      engine.readFailed(where, problem);
    }
  }

  /** Whether generated advice passed these bits for a value it could not read. */
  private boolean absent(long bits) {
    return switch (kind) {
      case LONG, CHAR -> bits == ABSENT_LONG;
      case DOUBLE, FLOAT -> bits == ABSENT_DOUBLE_BITS;
      case REF -> false;
    };
  }

  /** The bits of a primitive root as the object its declared type boxes to. */
  Object box(long bits) {
    return switch (kind) {
      case LONG -> type == long.class ? (Object) bits : type == int.class ? (Object) (int) bits
          : type == short.class ? (Object) (short) bits : (Object) (byte) bits;
      case CHAR -> (char) bits;
      case DOUBLE -> Double.longBitsToDouble(bits);
      case FLOAT -> (float) Double.longBitsToDouble(bits);
      case REF -> throw new IllegalStateException("not a primitive root: " + description);
    };
  }

  /** Reads a number without boxing; NaN for null, for a non-number and for a {@code char}. */
  public double getDouble(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) {
    switch (kind) {
      case LONG: {
        long bits = rootBits(rb, p0, p1, p2, p3, p4, p5);
        return generated && bits == ABSENT_LONG ? Double.NaN : bits;
      }
      case DOUBLE:
      case FLOAT:
        return Double.longBitsToDouble(rootBits(rb, p0, p1, p2, p3, p4, p5));
      case CHAR:
        return Double.NaN;
      default:
        break;
    }
    Object value = rootRef(r, a0, a1, a2, a3, a4, a5);
    int last = segments.length - 1;
    try {
      for (int i = 0; i < last; i++) {
        if (value == null) {
          return Double.NaN;
        }
        value = (Object) segments[i].invokeExact(value);
      }
      if (value == null) {
        return Double.NaN;
      }
      if (doubleTail != null) {
        return (double) doubleTail.invokeExact(value);
      }
      if (last >= 0) {
        value = (Object) segments[last].invokeExact(value);
      }
    } catch (Throwable t) {
      readFailed(t);
      return Double.NaN;
    }
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /**
   * Reads an integral value without boxing; {@link #ABSENT_LONG} for null, or for a value that is
   * not a {@code long}, {@code int}, {@code short} or {@code byte} (or their boxes).
   */
  public long getLong(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) {
    if (kind == Kind.LONG) {
      return rootBits(rb, p0, p1, p2, p3, p4, p5);
    }
    if (kind != Kind.REF) {
      return ABSENT_LONG;
    }
    Object value = rootRef(r, a0, a1, a2, a3, a4, a5);
    int last = segments.length - 1;
    try {
      for (int i = 0; i < last; i++) {
        if (value == null) {
          return ABSENT_LONG;
        }
        value = (Object) segments[i].invokeExact(value);
      }
      if (value == null) {
        return ABSENT_LONG;
      }
      if (longTail != null) {
        return (long) longTail.invokeExact(value);
      }
      if (last >= 0) {
        value = (Object) segments[last].invokeExact(value);
      }
    } catch (Throwable t) {
      readFailed(t);
      return ABSENT_LONG;
    }
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        ? ((Number) value).longValue() : ABSENT_LONG;
  }
}
