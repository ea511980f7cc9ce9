package io.tradermetrics.aspects.internal;

import io.tradermetrics.aspects.GeneratedAdvice;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * What weaving left in a class: the generic advice's join point constants ({@code ajc$tjp_N}
 * static fields) and the generated advice's {@link GeneratedAdvice} marks. Stateless.
 */
public final class Weaving {

  private static final String JOIN_POINT_CONSTANT = "ajc$tjp_";

  private Weaving() {}

  /**
   * Whether ajc wove {@code type}, with the generic advice (its join point constants) or the
   * generated one (the marks on its methods); a class woven only by other aspect libraries counts
   * too. Reads declared members only; initializes nothing.
   */
  public static boolean isWoven(Class<?> type) {
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith(JOIN_POINT_CONSTANT)) {
        return true;
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (method.isAnnotationPresent(GeneratedAdvice.class)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The method executions of {@code type} woven with the generic advice, from the join point constants ajc adds
   * ({@code ajc$tjp_N}, what the advice hands the engine), by method; reading them initializes the
   * class. A constant that cannot be read maps {@code null} to null.
   */
  static Map<Method, JoinPoint.StaticPart> genericJoinPoints(Class<?> type) {
    Map<Method, JoinPoint.StaticPart> found = new HashMap<>();
    for (Field field : type.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers()) || !field.getName().startsWith(JOIN_POINT_CONSTANT)) {
        continue;
      }
      try {
        field.setAccessible(true);
        if (field.get(null) instanceof JoinPoint.StaticPart part
            && JoinPoint.METHOD_EXECUTION.equals(part.getKind())
            && part.getSignature() instanceof MethodSignature signature) {
          found.put(signature.getMethod(), part);
        }
      } catch (RuntimeException | LinkageError | IllegalAccessException e) {
        found.put(null, null); // woven, but not readable here (a module that does not open the class, a failed initializer)
      }
    }
    return found;
  }

}
