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
import org.jspecify.annotations.Nullable;

/**
 * How one segment of an expression path finds and reads its member: record component, then
 * {@code getX()}, {@code isX()}, {@code x()} (public, then declared up the hierarchy), then a field;
 * read through a {@link MethodHandle}. The annotation processor's {@code PathResolver} follows the
 * same order. Used at bind time only; stateless.
 */
final class Members {

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private Members() {}

  /** {@code raw} as {@code (Object)double}: a primitive widened, a {@code Number} unboxed, NaN for null. */
  static MethodHandle toDouble(MethodHandle raw) {
    Class<?> ret = raw.type().returnType();
    MethodHandle h = raw;
    if (!ret.isPrimitive()) {
      // a Number subclass: unbox through Number.doubleValue(), NaN for null
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

  static @Nullable Member findMember(Class<?> type, String name) {
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

  static MethodHandle unreflect(BindContext ctx, String attribute, Member member) {
    try {
      ((AccessibleObject) member).trySetAccessible();
      return member instanceof Method m ? LOOKUP.unreflect(m) : LOOKUP.unreflectGetter((Field) member);
    } catch (IllegalAccessException e) {
      throw ctx.error(attribute, "cannot read " + member + ": " + e.getMessage()
          + "; make it public or open its package to tradermetrics");
    }
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
