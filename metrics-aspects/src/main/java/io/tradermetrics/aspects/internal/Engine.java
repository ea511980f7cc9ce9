package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradermetrics.alerts.AlertChannel;
import io.tradermetrics.alerts.AlertDispatcher;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.aspects.InstrumentationConfigException;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.aspects.JoinPointReport;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;

/**
 * One binding's instrumentation: a registry with its clock and settings, the instruments of every
 * join point bound so far, what they share (cardinality guards, gauge cells, the order lifecycle's
 * in-flight table), and the alert channel. {@code TraderMetrics} holds the current engine and swaps
 * it whole when another registry is bound, so no meter of the old registry is recorded into again.
 *
 * <p>A join point is bound once (on first use, or eagerly): each of its annotations through the
 * binder table ({@link Binders}); an annotation that cannot be bound is logged once at ERROR,
 * counted, and left out, and the others still record. Thread-safe.
 *
 * <p>{@link #prepare} binds the join points of given classes at once (so the first call does not
 * bind them; it still creates the meter of its label values), validates them, and records which are woven: served as
 * {@code tradermetrics_join_points{state}}.
 */
public final class Engine {

  final MeterRegistry registry;
  final InstrumentationSettings settings;
  final Clock clock;
  final long epochNanos;
  final Meters meters;
  final InstrumentationErrors errors;
  final AlertChannel alerts;
  private final JoinPointTable<JoinPoint.StaticPart, JoinPointInstrument> joinPoints = new JoinPointTable<>();
  private final ConcurrentHashMap<Method, JoinPointInstrument> methods = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CardinalityGuard> guards = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Object, Object> shared = new ConcurrentHashMap<>();
  /** Exception classes of failed reads logged at WARN already (a handful in practice: one per kind of accessor bug). */
  private final java.util.Set<Class<?>> readFailuresSeen = ConcurrentHashMap.newKeySet();
  /** {@code @CountEvent} meter name -> the label keys and join point that declared it first. */
  private final ConcurrentHashMap<String, EventDeclaration> events = new ConcurrentHashMap<>();
  /** The annotated methods {@link #prepare} found, and whether they are applied. */
  private final JoinPointStates prepared = new JoinPointStates();
  private final Object lifecycleLock = new Object();
  private volatile @Nullable Object lifecycle; // an OrderLifecycle, or UNAVAILABLE

  private static final Object UNAVAILABLE = new Object();

  private record EventDeclaration(Set<String> keys, String where) {}

  private Engine(MeterRegistry registry, InstrumentationSettings settings, @Nullable AlertDispatcher dispatcher) {
    this.registry = registry;
    this.settings = settings;
    this.clock = registry.config().clock();
    this.epochNanos = clock.monotonicTime();
    this.meters = new Meters(registry, settings.namespace());
    this.errors = new InstrumentationErrors(meters);
    this.alerts = AlertChannel.create(registry, clock, dispatcher);
  }

  /**
   * An engine recording into {@code registry}.
   *
   * @param dispatcher where event alerts are delivered, or null for the log and the counters only
   */
  public static Engine create(MeterRegistry registry, InstrumentationSettings settings,
      @Nullable AlertDispatcher dispatcher) {
    return new Engine(registry, settings, dispatcher);
  }

  /** The registry this engine records into. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The alert channel of this engine. */
  public AlertChannel alerts() {
    return alerts;
  }

  /** The settings this engine was created with. */
  public InstrumentationSettings settings() {
    return settings;
  }

  /**
   * The instrument of a woven join point, bound on first use. Never throws (but {@link Fatal}).
   *
   * @param joinPoint the woven class's constant for the join point
   */
  public JoinPointInstrument instrument(JoinPoint.StaticPart joinPoint) {
    JoinPointInstrument instrument = joinPoints.get(joinPoint);
    return instrument != null ? instrument : joinPoints.computeIfAbsent(joinPoint, this::bindWoven);
  }

  /**
   * The instrument of a method reached without weaving (an interceptor), bound on first use; the
   * same instrument as the method's woven join point would get. Never throws (but {@link Fatal}).
   */
  public JoinPointInstrument instrument(Method method) {
    JoinPointInstrument instrument = methods.get(method);
    return instrument != null ? instrument : methods.computeIfAbsent(method, this::bind);
  }

  /**
   * The instrument of a join point of generated advice, whose values arrive in {@code layout}'s
   * slots; the caller caches it. Never throws (but {@link Fatal}).
   */
  public JoinPointInstrument instrument(Method method, Layout layout) {
    return bind(method, layout);
  }

  /** Reports a join point that cannot be bound at all (its method not found), once; the caller caches NOOP. */
  public JoinPointInstrument unbindable(String where, Throwable problem) {
    errors.bindingFailed(errors.site("(tradermetrics)", where), problem);
    return JoinPointInstrument.NOOP;
  }

  /**
   * Counts a value that could not be read because a user's accessor threw (on either advice: the
   * generic one walks the path with method handles, generated code calls the accessor itself) and
   * logs it: at WARN the first time for its exception class, then at DEBUG. The value is then read as
   * absent, as a null along the path is. Never throws (but {@link Fatal}).
   *
   * @param where the method, as {@code Class.method}
   */
  public void readFailed(String where, Throwable problem) {
    Fatal.rethrowIfFatal(problem);
    try {
      errors.count("(read)");
      if (readFailuresSeen.add(problem.getClass())) {
        InstrumentationErrors.LOG.warn("tradermetrics: reading a value at {} failed; it is recorded as absent and the "
            + "call itself was not affected (further failures of this kind are logged at DEBUG)", where, problem);
      } else if (InstrumentationErrors.LOG.isDebugEnabled()) {
        InstrumentationErrors.LOG.debug("tradermetrics: reading a value at {} failed", where, problem);
      }
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
    }
  }

  private JoinPointInstrument bindWoven(JoinPoint.StaticPart joinPoint) {
    Method method;
    try {
      method = ((MethodSignature) joinPoint.getSignature()).getMethod();
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      errors.bindingFailed(errors.site("(tradermetrics)", String.valueOf(joinPoint)), t);
      return JoinPointInstrument.NOOP;
    }
    return instrument(method);
  }

  /**
   * Binds every tradermetrics annotation of {@code method}. Never throws (but {@link Fatal}): an
   * annotation that cannot be bound is reported once and left out.
   */
  JoinPointInstrument bind(Method method) {
    return bind(method, null);
  }

  private JoinPointInstrument bind(Method method, @Nullable Layout layout) {
    List<Instrument> parts = new ArrayList<>();
    List<InstrumentationErrors.Site> sites = new ArrayList<>();
    try {
      List<Annotation> annotations = annotationsOf(method);
      InstrumentationConfigException labels = PlacementChecks.labelProblem(method, annotations);
      if (labels != null) {
        errors.bindingFailed(errors.site("@Label", BindContext.where(method)), labels);
      }
      for (int i = 0; i < annotations.size(); i++) {
        BindContext ctx = new BindContext(this, method, annotations.get(i), annotations, layout);
        InstrumentationErrors.Site site = ctx.site();
        try {
          Instrument part = binder(annotations.get(i)).bind(ctx, annotations.get(i));
          if (part != Instrument.NONE) {
            parts.add(part);
            sites.add(site);
          }
        } catch (Throwable t) {
          Fatal.rethrowIfFatal(t);
          errors.bindingFailed(site, t);
        }
      }
      if (parts.isEmpty()) {
        return JoinPointInstrument.NOOP;
      }
      if (parts.size() == 1) {
        // the instrument is the join point: the advice's call is monomorphic at each woven method
        parts.get(0).attachAlone(this, method, sites.get(0));
        return parts.get(0);
      }
      CompositeInstrument composite = new CompositeInstrument(parts, sites);
      composite.attach(this, method);
      return composite;
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      errors.bindingFailed(errors.site("(tradermetrics)", BindContext.where(method)), t);
      return JoinPointInstrument.NOOP;
    }
  }

  /** Whether any tradermetrics annotation applies to {@code method}. */
  public static boolean isInstrumented(Method method) {
    for (Binder<?> binder : Binders.ALL) {
      if (binder.find(method) != null) {
        return true;
      }
    }
    return false;
  }

  /** The tradermetrics annotations that apply to {@code method}, in the order of the binder table. */
  static List<Annotation> annotationsOf(Method method) {
    List<Annotation> found = new ArrayList<>();
    for (Binder<?> binder : Binders.ALL) {
      Annotation a = binder.find(method);
      if (a != null) {
        found.add(a);
      }
    }
    return found;
  }

  static Binder<?> binder(Annotation annotation) {
    for (Binder<?> binder : Binders.ALL) {
      if (binder.type() == annotation.annotationType()) {
        return binder;
      }
    }
    throw new IllegalStateException("no binder for " + annotation.annotationType());
  }

  /**
   * Checks every tradermetrics annotation on the declared methods of {@code types} by binding them
   * into a throw-away engine (a {@link SimpleMeterRegistry}, so no meter of this one is registered),
   * through the same binders as weaving. Conflicts between classes, and with join points this
   * engine has bound, are found too; so are annotations on abstract methods (an interface's), which
   * nothing applies.
   *
   * @throws InstrumentationConfigException listing every problem found
   */
  public void validate(Class<?>... types) {
    List<String> problems = problems(Arrays.asList(types));
    if (!problems.isEmpty()) {
      throw new InstrumentationConfigException(String.join("\n", problems));
    }
  }

  /** What {@link #validate} would report, one message per problem, in a stable order. */
  List<String> problems(Collection<? extends Class<?>> types) {
    Engine scratch = new Engine(new SimpleMeterRegistry(), settings, null);
    scratch.events.putAll(events);
    Set<String> problems = new LinkedHashSet<>();
    // the label check below gives one line per stray @Label, the binders one per annotation
    for (Class<?> type : types) {
      Method[] declared = type.getDeclaredMethods();
      // a stable order, so that which of two conflicting join points is named first does not vary
      Arrays.sort(declared, Comparator.comparing(Method::toGenericString));
      for (Method method : declared) {
        List<Annotation> annotations = method.isSynthetic() || method.isBridge() ? List.of() : annotationsOf(method);
        if (annotations.isEmpty()) {
          continue;
        }
        if (Modifier.isAbstract(method.getModifiers())) {
          problems.add(PlacementChecks.abstractProblem(method, annotations, type));
          continue;
        }
        InstrumentationConfigException labels = PlacementChecks.labelProblem(method, annotations);
        if (labels != null) {
          problems.addAll(labels.getMessage().lines().toList());
        }
        for (Annotation annotation : annotations) {
          try {
            binder(annotation).bind(new BindContext(scratch, method, annotation, annotations, null), annotation);
          } catch (InstrumentationConfigException e) {
            problems.add(e.getMessage());
          } catch (RuntimeException | LinkageError e) {
            problems.add("@" + annotation.annotationType().getSimpleName() + " on " + BindContext.where(method)
                + ": cannot be bound: " + e);
          }
        }
      }
      for (Method inherited : PlacementChecks.abstractAnnotatedSupertypeMethods(type)) {
        problems.add(PlacementChecks.abstractProblem(inherited, annotationsOf(inherited), type));
      }
    }
    return List.copyOf(problems);
  }

  /**
   * Validates the annotated methods of {@code types}, binds them eagerly where something will call
   * them (woven methods through their join point constants, intercepted ones by method), and records
   * which are woven, intercepted or not applied at all.
   *
   * @param intercepted  which un-woven methods an interceptor will run through this engine
   * @param failOnError  whether a problem throws; else the problems are returned (and logged)
   * @return the states of the methods found and the problems
   * @throws InstrumentationConfigException with {@code failOnError}, listing every problem
   */
  public Prepared prepare(Collection<? extends Class<?>> types, Predicate<? super Method> intercepted,
      boolean failOnError) {
    prepared.registerGauges(meters, errors);
    Set<Class<?>> distinct = new LinkedHashSet<>(types);
    List<String> problems = problems(distinct);
    if (failOnError && !problems.isEmpty()) {
      throw new InstrumentationConfigException(String.join("\n", problems));
    }
    Map<Method, JoinPointReport.State> states = new LinkedHashMap<>();
    for (Class<?> type : distinct) {
      Map<Method, JoinPoint.StaticPart> woven = Weaving.genericJoinPoints(type);
      Method[] declared = type.getDeclaredMethods();
      Arrays.sort(declared, Comparator.comparing(Method::toGenericString));
      for (Method method : declared) {
        if (method.isSynthetic() || method.isBridge() || Modifier.isAbstract(method.getModifiers())
            || !isInstrumented(method)) {
          continue;
        }
        JoinPoint.StaticPart joinPoint = woven.get(method);
        JoinPointReport.State state;
        if (method.isAnnotationPresent(io.tradermetrics.aspects.GeneratedAdvice.class)) {
          // woven by the advice generated for it: bound through its generated join point, in this binding
          io.tradermetrics.aspects.GeneratedJoinPoint.bindNow(method);
          state = JoinPointReport.State.WOVEN;
        } else if (joinPoint != null) {
          instrument(joinPoint);
          state = JoinPointReport.State.WOVEN;
        } else if (woven.containsKey(null)) {
          state = JoinPointReport.State.WOVEN; // woven, but its join point constants cannot be read here
        } else if (intercepted.test(method)) {
          instrument(method);
          state = JoinPointReport.State.FALLBACK;
        } else {
          state = JoinPointReport.State.UNWOVEN;
        }
        states.put(method, state);
        prepared.put(method, state);
      }
    }
    return new Prepared(states, problems);
  }

  /** What {@link #prepare} found: each annotated method's state, and the problems. */
  public record Prepared(Map<Method, JoinPointReport.State> states, List<String> problems) {}

  /** Every method prepared under this engine so far, with its state. */
  public Map<Method, JoinPointReport.State> preparedStates() {
    return prepared.snapshot();
  }

  /**
   * Records that a join point counts {@code @CountEvent} meter {@code meterName} with {@code keys}.
   *
   * @throws InstrumentationConfigException if another join point declared other keys for that name
   */
  void declareEvent(BindContext ctx, String meterName, Set<String> keys) {
    EventDeclaration mine = new EventDeclaration(Set.copyOf(keys), ctx.where());
    EventDeclaration first = events.putIfAbsent(meterName, mine);
    if (first != null && !first.keys().equals(mine.keys())) {
      throw ctx.error("labels", "event '" + meterName + "' is declared with label keys " + new TreeSet<>(keys)
          + ", but " + first.where() + " declares it with " + new TreeSet<>(first.keys())
          + "; one name always has the same label keys: use the same keys or another name");
    }
  }

  /** The cardinality guard of one label of one metric, shared by every join point that feeds it. */
  CardinalityGuard guard(String metric, String key) {
    return guards.computeIfAbsent(metric + '\u0000' + key, k -> new CardinalityGuard(settings.labelValueLimit()));
  }

  /** State shared by every join point of this engine under one key. */
  @SuppressWarnings("unchecked")
  <T> T shared(Object key, Supplier<T> create) {
    return (T) shared.computeIfAbsent(key, k -> create.get());
  }

  /**
   * The order lifecycle of this engine, created with the first lifecycle join point; null if it
   * could not be created (a registry that refuses its meters, a heap too small for its table): that
   * is logged at ERROR and counted once, and the lifecycle join points then record nothing.
   */
  public @Nullable OrderLifecycle lifecycle() {
    Object l = lifecycle;
    if (l == null) {
      synchronized (lifecycleLock) {
        l = lifecycle;
        if (l == null) {
          l = OrderLifecycle.create(this, meters, settings, clock);
          if (l == null) {
            l = UNAVAILABLE;
          }
          lifecycle = l;
        }
      }
    }
    return l instanceof OrderLifecycle ol ? ol : null;
  }

  /** Counts one failure of {@code annotation} that has no join point of its own; never throws. */
  public void countError(String annotation) {
    errors.count(annotation);
  }
}
