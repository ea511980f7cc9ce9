package io.tradermetrics.aspects.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a value comes from at a join point: a parameter slot or the return value, then an optional
 * property path compiled into method handles once. Reading it does no reflection and, for paths
 * that end in a primitive read through {@link #getDouble}, no boxing. A {@code null} anywhere along
 * the path gives {@code null} (or NaN from {@link #getDouble}). Immutable and thread-safe.
 */
final class ValueSource {

  static final int RESULT = -1;
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private final int slot;
  /** Segment handles of type (Object)Object; the last one of {@code numericTail} is (Object)double. */
  private final MethodHandle[] segments;
  private final @Nullable MethodHandle doubleTail;
  private final Class<?> type;
  private final String description;
  /** (Object)long for paths that end in an integral primitive; set once in {@link #of}, before publication. */
  private @Nullable MethodHandle longTail;

  private ValueSource(int slot, MethodHandle[] segments, @Nullable MethodHandle doubleTail, Class<?> type,
      String description) {
    this.slot = slot;
    this.segments = segments;
    this.doubleTail = doubleTail;
    this.type = type;
    this.description = description;
  }

  /** The bit of {@link Instrument#mask()} for the slot this source reads. */
  int mask() {
    return slot == RESULT ? Instrument.RESULT : 1 << slot;
  }

  /** The static type of the value the source yields (primitive types as such). */
  Class<?> type() {
    return type;
  }

  boolean isNumeric() {
    return isNumericType(type);
  }

  @Override
  public String toString() {
    return description;
  }

  static ValueSource of(JoinPointInfo jp, String attribute, int slot, Type rootType, String path) {
    List<MethodHandle> handles = new ArrayList<>();
    Class<?> current = raw(rootType);
    StringBuilder walked = new StringBuilder(slot == RESULT ? "result" : "#" + slot);
    MethodHandle lastRaw = null;
    if (!path.isBlank()) {
      for (String segment : path.strip().split("\\.", -1)) {
        if (segment.isEmpty()) {
          throw jp.error(attribute, "path '" + path + "' has an empty segment");
        }
        Member member = findMember(current, segment);
        if (member == null) {
          throw jp.error(attribute, "'" + segment + "' is not a property of " + current.getName()
              + " (reached by " + walked + "); expected a record component, a getter get"
              + capitalize(segment) + "()/is" + capitalize(segment) + "(), a no-argument method or a field named '"
              + segment + "'");
        }
        MethodHandle raw = unreflect(jp, attribute, member);
        lastRaw = raw;
        current = raw.type().returnType();
        handles.add(raw.asType(MethodType.methodType(Object.class, Object.class)));
        walked.append('.').append(segment);
      }
    }
    MethodHandle doubleTail = null;
    if (lastRaw != null && isNumericType(current)) {
      doubleTail = toDouble(lastRaw);
    }
    ValueSource source = new ValueSource(slot, handles.toArray(new MethodHandle[0]), doubleTail, current, walked.toString());
    if (lastRaw != null && isIntegralPrimitive(current)) {
      source.longTail = lastRaw.asType(MethodType.methodType(long.class, Object.class));
    }
    return source;
  }

  /** What {@link #getLong} returns for a null along the path or a value that is not an integral number. */
  static final long ABSENT_LONG = Long.MIN_VALUE;

  static boolean isIntegralPrimitive(Class<?> type) {
    return type == long.class || type == int.class || type == short.class || type == byte.class;
  }

  /**
   * Reads an integral value without boxing where the path ends in an integral primitive (a bare
   * primitive parameter arrives boxed by ajc and is unboxed here); {@link #ABSENT_LONG} for null or
   * for a value that is not a {@code Long}, {@code Integer}, {@code Short} or {@code Byte}.
   */
  long getLong(@Nullable Object result, @Nullable Object a0, @Nullable Object a1,
      @Nullable Object a2, @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    Object value = root(result, a0, a1, a2, a3, a4, a5);
    int last = segments.length - 1;
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
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        ? ((Number) value).longValue() : ABSENT_LONG;
  }

  /** Reads the value; {@code null} when the root or any intermediate value is null. */
  @Nullable Object get(@Nullable Object result, @Nullable Object a0, @Nullable Object a1,
      @Nullable Object a2, @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    Object value = root(result, a0, a1, a2, a3, a4, a5);
    for (MethodHandle segment : segments) {
      if (value == null) {
        return null;
      }
      value = (Object) segment.invokeExact(value);
    }
    return value;
  }

  /** Reads a numeric value without boxing where the path ends in a primitive; NaN for null or non-numbers. */
  double getDouble(@Nullable Object result, @Nullable Object a0, @Nullable Object a1,
      @Nullable Object a2, @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) throws Throwable {
    Object value = root(result, a0, a1, a2, a3, a4, a5);
    int last = segments.length - 1;
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
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private @Nullable Object root(@Nullable Object result, @Nullable Object a0, @Nullable Object a1,
      @Nullable Object a2, @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    return switch (slot) {
      case RESULT -> result;
      case 0 -> a0;
      case 1 -> a1;
      case 2 -> a2;
      case 3 -> a3;
      case 4 -> a4;
      default -> a5;
    };
  }

  static boolean isNumericType(Class<?> type) {
    return (type.isPrimitive() && type != boolean.class && type != char.class && type != void.class)
        || Number.class.isAssignableFrom(type);
  }

  private static MethodHandle toDouble(MethodHandle raw) {
    Class<?> ret = raw.type().returnType();
    MethodHandle h = raw;
    if (!ret.isPrimitive()) {
      // a Number subclass: unbox through Number.doubleValue()
      try {
        MethodHandle dv = LOOKUP.findVirtual(Number.class, "doubleValue", MethodType.methodType(double.class));
        h = MethodHandles.filterReturnValue(raw.asType(raw.type().changeReturnType(Number.class)),
            MethodHandles.guardWithTest(
                LOOKUP.findStatic(java.util.Objects.class, "nonNull", MethodType.methodType(boolean.class, Object.class))
                    .asType(MethodType.methodType(boolean.class, Number.class)),
                dv,
                MethodHandles.dropArguments(MethodHandles.constant(double.class, Double.NaN), 0, Number.class)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return h.asType(MethodType.methodType(double.class, Object.class));
  }

  private static @Nullable Member findMember(Class<?> type, String name) {
    if (type.isRecord()) {
      for (RecordComponent rc : type.getRecordComponents()) {
        if (rc.getName().equals(name)) {
          return rc.getAccessor();
        }
      }
    }
    String cap = capitalize(name);
    for (String candidate : new String[] {"get" + cap, "is" + cap, name}) {
      Method m = findNoArgMethod(type, candidate);
      if (m != null && m.getReturnType() != void.class) {
        return m;
      }
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())) {
          return f;
        }
      }
    }
    return null;
  }

  private static @Nullable Method findNoArgMethod(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException e) {
      // not public: look at declared methods up the hierarchy
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Method m = c.getDeclaredMethod(name);
        if (!Modifier.isStatic(m.getModifiers())) {
          return m;
        }
      } catch (NoSuchMethodException e) {
        // keep looking in the superclass
      }
    }
    return null;
  }

  private static MethodHandle unreflect(JoinPointInfo jp, String attribute, Member member) {
    try {
      ((AccessibleObject) member).trySetAccessible();
      return member instanceof Method m ? LOOKUP.unreflect(m) : LOOKUP.unreflectGetter((Field) member);
    } catch (IllegalAccessException e) {
      throw jp.error(attribute, "cannot read " + member + ": " + e.getMessage()
          + "; make it public or open its package to tradermetrics");
    }
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
