package io.tradermetrics.guice;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.ProviderInstanceBinding;
import com.google.inject.spi.ProvidesMethodBinding;
import com.google.inject.spi.TypeEncounter;
import com.google.inject.spi.TypeListener;
import io.tradermetrics.aspects.InstrumentationConfigException;
import io.tradermetrics.aspects.JoinPointReport;
import io.tradermetrics.aspects.TraderMetrics;
import io.tradermetrics.exporter.HealthCheck;
import io.tradermetrics.exporter.HealthResult;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The annotated classes of one injector, and what startup found in them. As a {@link TypeListener}
 * it hears every type Guice builds or injects (explicit bindings while the injector is created,
 * just-in-time ones when first asked for); {@link TraderMetricsService#start()} then prepares them
 * ({@link TraderMetrics#prepare(Collection, java.util.function.Predicate, boolean)}: validated, bound
 * eagerly, reported woven, fallback or unwoven), together with the classes of {@code toInstance} and
 * {@code @Provides} bindings and those named by {@code tradermetrics.join-points.classes} or
 * {@link TraderMetricsModule.Builder#joinPointClasses}. A type heard after the start is prepared at
 * once, before Guice builds its first instance (a problem then fails that {@code getInstance}).
 *
 * <p>As the {@link HealthCheck} {@code instrumentation} (liveness, always UP) it shows the counts
 * and the unwoven methods. One per injector (the module creates it in {@code configure()}).
 * Thread-safe.
 */
final class JoinPoints implements TypeListener, HealthCheck {

  /** The component name under {@code components} in {@code /health}. */
  static final String NAME = "instrumentation";
  private static final int LISTED = 20;

  private final boolean fallback;
  private final List<Class<?>> named;
  /** Classes Guice builds (or injects), and their annotated superclasses, in the order heard. */
  private final Set<Class<?>> heard = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
  private final Map<Method, JoinPointReport.State> states = new LinkedHashMap<>(); // guarded by this
  private final List<String> problems = new ArrayList<>(); // guarded by this
  private @Nullable Settings settings; // guarded by this; set at start
  private Set<Class<?>> notConstructed = Set.of(); // guarded by this

  private record Settings(boolean failOnError, boolean failOnUnwoven) {}

  /**
   * @param fallback whether the Guice AOP fallback is on (then un-woven methods Guice can intercept are {@code fallback})
   * @param named    classes the builder names, checked too
   */
  JoinPoints(boolean fallback, List<Class<?>> named) {
    this.fallback = fallback;
    this.named = List.copyOf(named);
  }

  @Override
  public <I> void hear(TypeLiteral<I> type, TypeEncounter<I> encounter) {
    List<Class<?>> annotated = annotatedClasses(type.getRawType());
    if (annotated.isEmpty()) {
      return;
    }
    heard.addAll(annotated);
    Settings running;
    synchronized (this) {
      running = settings;
    }
    if (running != null) {
      try {
        prepare(annotated, running);
      } catch (InstrumentationConfigException e) {
        encounter.addError(e.getMessage());
      }
    }
  }

  /**
   * Prepares every class known now; from then on, a class heard is prepared at once.
   *
   * @throws InstrumentationConfigException with {@code failOnError} if an annotation cannot be
   *     honoured, or with {@code failOnUnwoven} if a method is neither woven nor intercepted
   * @throws TraderMetricsConfigException if a class of {@code tradermetrics.join-points.classes} does not exist
   */
  void start(TraderMetricsConfig config, Injector injector) {
    Set<Class<?>> instances = new LinkedHashSet<>();
    Set<Class<?>> types = new LinkedHashSet<>(heard);
    for (Binding<?> binding : injector.getAllBindings().values()) {
      if (binding instanceof InstanceBinding<?> instance && instance.getInstance() != null) {
        instances.add(instance.getInstance().getClass());
      } else if (binding instanceof ProviderInstanceBinding<?> provider
          && provider.getUserSuppliedProvider() instanceof ProvidesMethodBinding<?> method) {
        instances.add(method.getMethod().getReturnType());
      }
    }
    for (Class<?> type : instances) {
      types.addAll(annotatedClasses(type));
    }
    List<Class<?>> listed = new ArrayList<>(named);
    listed.addAll(load(config.joinPointClasses()));
    for (Class<?> type : listed) {
      types.addAll(annotatedClasses(type));
      instances.add(type); // not known to be built by Guice: no fallback
    }
    Settings s = new Settings(config.failOnAnnotationError(), config.failOnUnwoven());
    synchronized (this) {
      notConstructed = Set.copyOf(instances);
      settings = s;
    }
    prepare(types, s);
  }

  private void prepare(Collection<Class<?>> types, Settings s) {
    JoinPointReport report = TraderMetrics.prepare(types, this::intercepted, s.failOnError());
    synchronized (this) {
      states.putAll(report.states());
      problems.addAll(report.problems());
    }
    if (s.failOnUnwoven() && !report.unwoven().isEmpty()) {
      throw new InstrumentationConfigException(report.unwoven().size() + " annotated method(s) are not woven and no "
          + "interceptor applies them (tradermetrics.join-points.on-unwoven = fail): " + report.unwoven().stream()
          .map(JoinPoints::describe).collect(Collectors.joining(", ")));
    }
  }

  /** Whether the Guice AOP fallback will run {@code method}: on, a class Guice builds, a method it can intercept. */
  private boolean intercepted(Method method) {
    Class<?> type = method.getDeclaringClass();
    boolean built;
    synchronized (this) {
      built = !notConstructed.contains(type);
    }
    int modifiers = method.getModifiers();
    return fallback && built && heard.contains(type) && !Modifier.isFinal(type.getModifiers())
        && !Modifier.isPrivate(modifiers) && !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers)
        && FallbackInterceptor.unwovenClasses().matches(type);
  }

  /** {@code type} and its superclasses that declare tradermetrics annotations (or implement annotated abstract methods). */
  private static List<Class<?>> annotatedClasses(Class<?> type) {
    List<Class<?>> found = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        if (c.getName().startsWith("com.google.inject.") || c.getName().startsWith("java.")) {
          continue;
        }
        if (Arrays.stream(c.getDeclaredMethods()).anyMatch(TraderMetrics::isInstrumented)
            || Arrays.stream(c.getInterfaces()).anyMatch(JoinPoints::hasAnnotatedMethods)) {
          found.add(c);
        }
      } catch (LinkageError e) {
        // a class whose methods cannot be resolved here (a missing optional dependency): not ours to check
      }
    }
    return found;
  }

  private static boolean hasAnnotatedMethods(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods()).anyMatch(TraderMetrics::isInstrumented)
        || Arrays.stream(type.getInterfaces()).anyMatch(JoinPoints::hasAnnotatedMethods);
  }

  private static List<Class<?>> load(List<String> names) {
    List<Class<?>> loaded = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    for (String name : names) {
      try {
        loaded.add(Class.forName(name, false, context != null ? context : JoinPoints.class.getClassLoader()));
      } catch (ClassNotFoundException | LinkageError e) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new TraderMetricsConfigException("tradermetrics.join-points.classes names " + missing + ", not found on the "
          + "class path: expected fully qualified class names, e.g. [\"com.acme.trading.Router\"]");
    }
    return loaded;
  }

  static String describe(Method method) {
    return method.getDeclaringClass().getName() + "." + method.getName()
        + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Kind kind() {
    return Kind.LIVENESS;
  }

  /** UP, with the counts of woven, fallback and unwoven methods, the unwoven ones (the first 20) and the problems. */
  @Override
  public synchronized HealthResult check() {
    Map<String, Object> details = new LinkedHashMap<>();
    for (JoinPointReport.State state : JoinPointReport.State.values()) {
      details.put(state.label(), states.values().stream().filter(s -> s == state).count());
    }
    List<String> unwoven = states.entrySet().stream().filter(e -> e.getValue() == JoinPointReport.State.UNWOVEN)
        .map(e -> describe(e.getKey())).limit(LISTED).toList();
    if (!unwoven.isEmpty()) {
      details.put("unwovenMethods", unwoven);
      details.put("reason", "annotated methods that are not woven record nothing: weave them (docs/getting-started.md)");
    }
    details.put("problems", problems.size());
    return HealthResult.up(details);
  }
}
