package io.tradermetrics.aspects;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.tradermetrics.alerts.AlertChannel;
import io.tradermetrics.alerts.AlertDispatcher;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.JoinPointInstrument;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.aspectj.lang.JoinPoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one static holder through which the woven aspects, {@link io.tradermetrics.alerts.Alerts}
 * and interceptors reach the bound registry.
 *
 * <p>AspectJ creates the aspects, so they cannot be constructor-injected. {@code TraderMetrics}
 * holds one binding, swapped whole by {@link #bind}: the registry with its clock, the settings,
 * the instruments of every join point bound so far, the order lifecycle's in-flight table, and the
 * alert channel (throttle and dispatcher). Until something is bound, everything records into
 * {@link Metrics#globalRegistry} (Micrometer's own convention: add your registry with
 * {@code Metrics.addRegistry(...)} if you use neither Guice nor {@code bind}).
 * {@code TraderMetricsModule} binds its registry when the injector is created and unbinds it when
 * closed.
 *
 * <p>Binding installs a fresh binding: join points bind again against the new registry on their
 * next call (or at once, when {@linkplain #prepare prepared}), and nothing is recorded into the
 * previous one any more. Thread-safe: the binding is one volatile reference.
 *
 * <p><b>At startup</b>, {@link #prepare} (or {@link #bind(MeterRegistry, Class...)}) validates the
 * annotated methods of the classes it is given, binds their join points at once, so that the first
 * call does not bind them (it still creates the meter of its label values, which come from the
 * call), and reports which are woven; {@code TraderMetricsModule} does this
 * for the classes of its injector.
 */
public final class TraderMetrics {

  private static final Logger LOG = LoggerFactory.getLogger("io.tradermetrics.instrumentation");

  private static volatile Engine engine = Engine.create(Metrics.globalRegistry, InstrumentationSettings.defaults(), null);

  private TraderMetrics() {}

  /**
   * Records every annotated join point into {@code registry}, with default settings and no alert
   * delivery (alerts are logged and counted).
   *
   * @return the registry bound before
   */
  public static MeterRegistry bind(MeterRegistry registry) {
    return bind(registry, InstrumentationSettings.defaults(), null);
  }

  /**
   * Records every annotated join point into {@code registry}; alerts are logged and counted.
   *
   * @param settings namespace, label limits, default buckets, in-flight table size
   * @return the registry bound before
   */
  public static MeterRegistry bind(MeterRegistry registry, InstrumentationSettings settings) {
    return bind(registry, settings, null);
  }

  /**
   * Records every annotated join point into {@code registry} and delivers event alerts through
   * {@code dispatcher}, in one step: the registry, its clock, the settings, the in-flight table and
   * the alert throttle are replaced together.
   *
   * @param settings   namespace, label limits, default buckets, in-flight table size
   * @param dispatcher where event alerts go (e.g. Alertmanager), or null to log and count them only;
   *                   its owner closes it, after unbinding
   * @return the registry bound before
   */
  public static synchronized MeterRegistry bind(MeterRegistry registry, InstrumentationSettings settings,
      @Nullable AlertDispatcher dispatcher) {
    MeterRegistry previous = engine.registry();
    engine = Engine.create(registry, settings, dispatcher);
    return previous;
  }

  /**
   * Records every annotated join point into {@code registry} (default settings, alerts logged and
   * counted), then {@linkplain #prepare(Class...) prepares} {@code types}: for users without Guice,
   * the startup step in one call.
   *
   * @param types the classes with annotated methods, e.g. the order router and the position book
   * @return the registry bound before
   * @throws InstrumentationConfigException if an annotation of {@code types} cannot be honoured; the
   *     registry is bound all the same
   */
  public static MeterRegistry bind(MeterRegistry registry, Class<?>... types) {
    MeterRegistry previous = bind(registry);
    prepare(types);
    return previous;
  }

  /**
   * Validates and binds eagerly the annotated methods of {@code types}, and reports which are woven:
   * {@code prepare(types, m -> false, true)}.
   *
   * @throws InstrumentationConfigException listing every annotation of {@code types} that cannot be
   *     honoured, as {@link #validate} does
   * @see #prepare(Collection, Predicate, boolean)
   */
  public static JoinPointReport prepare(Class<?>... types) {
    return prepare(Arrays.asList(types), m -> false, true);
  }

  /**
   * The startup step for the annotated methods of {@code types}, in the current binding:
   * <ol>
   *   <li>validates every tradermetrics annotation on them, as {@link #validate} does (including
   *       annotations on abstract methods of their interfaces and superclasses, which nothing
   *       applies);</li>
   *   <li>binds each join point that something will call, now instead of at its first call: woven
   *       methods through the join point constants ajc compiled into the class (reading them runs
   *       the class's static initializer), intercepted ones by method;</li>
   *   <li>records each method as woven, fallback ({@code intercepted} says an interceptor runs it
   *       through {@link #invoke}) or unwoven, served as
   *       {@code tradermetrics_join_points{state="woven|fallback|unwoven"}} of this binding, and
   *       logs one WARN naming every unwoven method: their annotations record nothing.</li>
   * </ol>
   * A method counts as woven when ajc compiled a join point constant for its execution into its
   * class, which the tradermetrics aspect always does for an annotated method; a class woven only by
   * another aspect library that advises the same method counts as woven too. Safe to call from any
   * thread, and again (a method is reported once per binding, with its last state).
   *
   * @param intercepted which un-woven methods an interceptor runs (the Guice AOP fallback passes its matcher)
   * @param failOnError whether a problem throws; with false, the problems are logged at WARN and returned
   * @return what was found
   * @throws InstrumentationConfigException with {@code failOnError}, listing every problem, each
   *     naming class, method, annotation and attribute; nothing is bound then
   */
  public static JoinPointReport prepare(Collection<? extends Class<?>> types, Predicate<? super Method> intercepted,
      boolean failOnError) {
    Engine.Prepared prepared = engine.prepare(types, intercepted, failOnError);
    JoinPointReport report = new JoinPointReport(prepared.states(), prepared.problems());
    if (!prepared.problems().isEmpty()) {
      LOG.warn("tradermetrics: {} annotation(s) cannot be honoured and record nothing:\n  {}",
          prepared.problems().size(), String.join("\n  ", prepared.problems()));
    }
    List<Method> unwoven = report.unwoven();
    if (!unwoven.isEmpty()) {
      LOG.warn("tradermetrics: {} annotated method(s) are not woven, and no interceptor applies them, so they record "
          + "nothing: {}. Weave them at compile time (the AspectJ Maven plugin with io.tradermetrics:metrics-aspects "
          + "as an aspectLibrary, README.md), at load time (-javaagent:aspectjweaver.jar), or have Guice build them "
          + "with TraderMetricsModule.builder().guiceAopFallback() (docs/getting-started.md)",
          unwoven.size(), unwoven.stream().map(TraderMetrics::describe).collect(Collectors.joining(", ")));
    }
    return report;
  }

  /**
   * Every method prepared in the current binding so far, with its state (the figures of
   * {@code tradermetrics_join_points}); problems are not kept, see {@link #prepare}'s result.
   */
  public static JoinPointReport report() {
    java.util.Map<Method, JoinPointReport.State> sorted = new java.util.TreeMap<>(
        java.util.Comparator.comparing(Method::toGenericString));
    sorted.putAll(engine.preparedStates());
    return new JoinPointReport(sorted, List.of());
  }

  /** For example {@code com.acme.Router.submit(Order)}. */
  static String describe(Method method) {
    return method.getDeclaringClass().getName() + "." + method.getName()
        + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * Goes back to {@link Metrics#globalRegistry}, but only if {@code registry} is the one bound now,
   * so that closing one injector cannot unbind another's registry.
   *
   * @param registry the registry its owner no longer wants recorded into
   * @return whether it was bound and has been unbound
   */
  public static synchronized boolean unbind(MeterRegistry registry) {
    if (engine.registry() != registry) {
      return false;
    }
    engine = Engine.create(Metrics.globalRegistry, InstrumentationSettings.defaults(), null);
    return true;
  }

  /** The registry the aspects record into now. */
  public static MeterRegistry registry() {
    return engine.registry();
  }

  /** The alert channel of the current binding: what {@link io.tradermetrics.alerts.Alerts} raises through. */
  public static AlertChannel alerts() {
    return engine.alerts();
  }

  /**
   * Checks every tradermetrics annotation on the declared methods of each class, without
   * registering any meter, through the same binders weaving and interceptors use: what a join point
   * would otherwise report when it is bound. The classes are checked together, so one
   * {@code @CountEvent} name declared with two label-key sets in two of them is reported, naming both
   * join points; so is a conflict with a join point already bound.
   *
   * @param types the classes to check
   * @throws InstrumentationConfigException listing every problem found, each naming class, method,
   *     annotation and attribute, and what is valid
   */
  public static void validate(Class<?>... types) {
    engine.validate(types);
  }

  /**
   * Whether {@code method} carries a tradermetrics annotation (directly, through a composed
   * annotation, or a class-level {@code @TimedCall} on a public method).
   */
  public static boolean isInstrumented(Method method) {
    return !method.isSynthetic() && !method.isBridge() && Engine.isInstrumented(method);
  }

  /**
   * Whether ajc wove {@code type}: classes woven with the generic advice declare static fields named
   * {@code ajc$tjp_N}, the join point constants the advice reads; methods advised by generated advice
   * carry {@link GeneratedAdvice}, which that advice declares on them. A class woven only by other
   * aspect libraries counts as woven too.
   */
  public static boolean isWoven(Class<?> type) {
    return io.tradermetrics.aspects.internal.Weaving.isWoven(type);
  }

  /** The rest of a call an interceptor wraps. */
  @FunctionalInterface
  public interface Invocation {
    /** Runs the method; its return value, or what it throws. */
    @Nullable Object proceed() throws Throwable;
  }

  /**
   * Runs one call of an un-woven method through the instruments of its annotations, exactly as
   * the woven advice would (the same instruments, in the same order, bound once per method): for
   * method interceptors such as the Guice AOP fallback. The method's own result or exception passes
   * through unchanged; instrumentation never throws.
   *
   * @param method     the annotated method
   * @param args       its arguments (primitives boxed), or null for none
   * @param invocation runs the method
   * @return what the method returned
   * @throws Throwable what the method threw
   */
  public static @Nullable Object invoke(Method method, @Nullable Object @Nullable [] args, Invocation invocation)
      throws Throwable {
    JoinPointInstrument in = engine.instrument(method);
    Object a0 = arg(args, 0);
    Object a1 = arg(args, 1);
    Object a2 = arg(args, 2);
    Object a3 = arg(args, 3);
    Object a4 = arg(args, 4);
    Object a5 = arg(args, 5);
    long token = in.enterBoxed(a0, a1, a2, a3, a4, a5);
    Object result;
    try {
      result = invocation.proceed();
    } catch (Throwable t) {
      in.exitBoxed(token, null, t, a0, a1, a2, a3, a4, a5);
      throw t;
    }
    in.exitBoxed(token, result, null, a0, a1, a2, a3, a4, a5);
    return result;
  }

  private static @Nullable Object arg(@Nullable Object @Nullable [] args, int i) {
    return args != null && i < args.length ? args[i] : null;
  }

  /** The current binding; for {@link GeneratedJoinPoint}. */
  static Engine engine() {
    return engine;
  }

  /** The instrument of a woven join point: what the generated advice calls (through ajc's accessor). */
  static JoinPointInstrument instrument(JoinPoint.StaticPart joinPoint) {
    return engine.instrument(joinPoint);
  }
}
