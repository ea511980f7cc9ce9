package io.tradermetrics.aspects;

import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.JoinPointInstrument;
import io.tradermetrics.aspects.internal.Layout;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * One join point of the advice that the tradermetrics annotation processor generates into a user's
 * build (see {@code docs/annotations.md}): the method, the values the generated code computes at
 * the call (the annotations' expressions, read with plain Java instead of reflection), and the
 * instrument of the current binding, bound on first use. Not for use by hand: the generated code
 * holds one in a {@code static final} field per join point, so reaching the instrument costs two
 * field reads and a comparison, no lookup.
 *
 * <p>Thread-safe: the instrument is bound at most once per binding (racing binders make the same
 * instrument; one wins).
 */
public final class GeneratedJoinPoint {

  private record Bound(Engine engine, JoinPointInstrument instrument) {}

  private final Class<?> declaringType;
  private final String name;
  private final Class<?>[] parameterTypes;
  private final Layout layout;
  private volatile @Nullable Bound bound;
  private volatile @Nullable Method method;

  private GeneratedJoinPoint(Class<?> declaringType, String name, Class<?>[] parameterTypes, Layout layout) {
    this.declaringType = declaringType;
    this.name = name;
    this.parameterTypes = parameterTypes.clone();
    this.layout = layout;
  }

  /**
   * A join point of generated advice.
   *
   * @param declaringType  the class that declares the method
   * @param name           the method's name
   * @param parameterTypes the method's parameter types
   * @param keys           the expressions the generated code computes, in the order of its value slots
   *                       ({@code #i.path} or {@code result.path}, as the engine writes them)
   * @param types          the static type of each of those values
   * @param passResult       whether the advice passes a reference result (some annotation reads it whole)
   */
  public static GeneratedJoinPoint of(Class<?> declaringType, String name, Class<?>[] parameterTypes, String[] keys,
      Class<?>[] types, boolean passResult) {
    return new GeneratedJoinPoint(declaringType, name, parameterTypes, Layout.of(keys, types, passResult));
  }

  /**
   * Reading a value threw (a user's accessor failed): the value is read as absent, and the failure
   * counted in {@code tradermetrics_instrumentation_errors_total{annotation="(read)"}} and logged at
   * WARN the first time per exception class, then at DEBUG. Never throws (but the JVM's own
   * breakdowns).
   */
  public void failedToRead(Throwable problem) {
    TraderMetrics.engine().readFailed(declaringType.getName() + "." + name, problem);
  }

  /**
   * Binds now, in the current binding, the generated join point of {@code method} (a method marked
   * {@link GeneratedAdvice}), instead of at its first call: what {@code TraderMetrics.prepare} does
   * at startup. Reads the join point constants of the generated aspect ({@code <TopLevelClass>TraderMetricsAdvice},
   * which it initializes). Never throws (but the JVM's own breakdowns); a binding problem is the
   * join point's, logged and counted as on a first call.
   *
   * @return false when the aspect or the join point cannot be read here (the first call binds it then)
   */
  public static boolean bindNow(Method method) {
    Class<?> top = method.getDeclaringClass();
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    try {
      Class<?> aspect = Class.forName(top.getName() + "TraderMetricsAdvice", true, top.getClassLoader());
      for (java.lang.reflect.Field field : aspect.getDeclaredFields()) {
        if (!java.lang.reflect.Modifier.isStatic(field.getModifiers()) || field.getType() != GeneratedJoinPoint.class) {
          continue;
        }
        field.setAccessible(true);
        GeneratedJoinPoint joinPoint = (GeneratedJoinPoint) field.get(null);
        if (joinPoint != null && joinPoint.declaringType == method.getDeclaringClass()
            && joinPoint.name.equals(method.getName())
            && java.util.Arrays.equals(joinPoint.parameterTypes, method.getParameterTypes())) {
          joinPoint.instrument();
          return true;
        }
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      io.tradermetrics.aspects.internal.Fatal.rethrowIfFatal(e);
    }
    return false;
  }

  /** The instrument of this join point in the current binding; never throws (but the JVM's own breakdowns). */
  public JoinPointInstrument instrument() {
    Bound b = bound;
    Engine current = TraderMetrics.engine();
    if (b != null && b.engine() == current) {
      return b.instrument();
    }
    return bind(current);
  }

  private JoinPointInstrument bind(Engine engine) {
    JoinPointInstrument instrument;
    try {
      Method m = method;
      if (m == null) {
        m = declaringType.getDeclaredMethod(name, parameterTypes);
        method = m;
      }
      instrument = engine.instrument(m, layout);
    } catch (Throwable t) {
      io.tradermetrics.aspects.internal.Fatal.rethrowIfFatal(t);
      instrument = engine.unbindable(declaringType.getName() + "." + name, t);
    }
    bound = new Bound(engine, instrument);
    return instrument;
  }
}
