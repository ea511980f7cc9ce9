package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.CountEvent;
import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.CountOrder;
import io.tradermetrics.annotation.CountQuote;
import io.tradermetrics.annotation.MeasureSlippage;
import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.annotation.TimedCall;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.TrackOpenOrders;
import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.annotation.TrackPosition;
import io.tradermetrics.annotation.TrackSpread;
import io.tradermetrics.aspects.InstrumentationConfigException;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.catalog.MetricCatalog;
import io.tradermetrics.catalog.MetricDefinition;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * One registry's instrumentation: the instruments of every join point reached so far, and what they
 * share (clock, settings, cardinality guards, error counters). The aspects reach the current engine
 * through {@link #current()}; binding another registry installs a new engine, so no meter of the
 * old registry is recorded into again. Thread-safe.
 */
public final class Engine {

  private static volatile Engine current = new Engine(Metrics.globalRegistry, InstrumentationSettings.defaults());

  /** The kinds of annotation the engine binds; one instrument cache each. */
  public enum Kind {
    /** {@link TimedOrder}. */
    TIMED_ORDER(TimedOrder.class),
    /** {@link CountFill}. */
    COUNT_FILL(CountFill.class),
    /** {@link TrackPosition}. */
    TRACK_POSITION(TrackPosition.class),
    /** {@link TimedCall}, on the method or its class. */
    TIMED_CALL(TimedCall.class),
    /** {@link CountOrder}. */
    COUNT_ORDER(CountOrder.class),
    /** {@link TrackOpenOrders}. */
    TRACK_OPEN_ORDERS(TrackOpenOrders.class),
    /** {@link TrackPnl}. */
    TRACK_PNL(TrackPnl.class),
    /** {@link TrackSpread}. */
    TRACK_SPREAD(TrackSpread.class),
    /** {@link MeasureSlippage}. */
    MEASURE_SLIPPAGE(MeasureSlippage.class),
    /** {@link CountQuote}. */
    COUNT_QUOTE(CountQuote.class),
    /** {@link CountEvent}. */
    COUNT_EVENT(CountEvent.class),
    /** {@link RaiseAlert}. */
    RAISE_ALERT(RaiseAlert.class);

    final Class<? extends Annotation> annotationType;

    Kind(Class<? extends Annotation> annotationType) {
      this.annotationType = annotationType;
    }
  }

  final MeterRegistry registry;
  final InstrumentationSettings settings;
  final Clock clock;
  final InstrumentationErrors errors;
  private final ConcurrentHashMap<JoinPoint.StaticPart, Instrument>[] instruments;
  private final ConcurrentHashMap<String, CardinalityGuard> guards = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Object, Object> shared = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Method, Instrument>[] byMethod;
  /** {@link CountEvent} meter name -> the label keys and join point that declared it first. */
  private final ConcurrentHashMap<String, EventDeclaration> events = new ConcurrentHashMap<>();

  private record EventDeclaration(java.util.Set<String> keys, String where) {}

  @SuppressWarnings("unchecked")
  Engine(MeterRegistry registry, InstrumentationSettings settings) {
    this.registry = registry;
    this.settings = settings;
    this.clock = registry.config().clock();
    this.errors = new InstrumentationErrors(registry);
    this.instruments = new ConcurrentHashMap[Kind.values().length];
    this.byMethod = new ConcurrentHashMap[Kind.values().length];
    for (int i = 0; i < instruments.length; i++) {
      instruments[i] = new ConcurrentHashMap<>();
      byMethod[i] = new ConcurrentHashMap<>();
    }
  }

  /** The engine the aspects record into now. */
  public static Engine current() {
    return current;
  }

  /** Installs a new engine for {@code registry}; returns the registry it replaced. */
  public static synchronized MeterRegistry install(MeterRegistry registry, InstrumentationSettings settings) {
    MeterRegistry previous = current.registry;
    current = new Engine(registry, settings);
    return previous;
  }

  /** Reverts to {@link Metrics#globalRegistry} if {@code registry} is the one bound now. */
  public static synchronized boolean uninstall(MeterRegistry registry) {
    if (current.registry != registry) {
      return false;
    }
    current = new Engine(Metrics.globalRegistry, InstrumentationSettings.defaults());
    return true;
  }

  /** The registry this engine records into. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * The instrument of a join point, bound on first use. Never throws: a join point whose annotation
   * is rejected gets {@link Instrument#NOOP}, and the problem is logged at ERROR and counted.
   */
  public Instrument instrument(Kind kind, JoinPoint.StaticPart joinPoint) {
    Instrument instrument = instruments[kind.ordinal()].get(joinPoint);
    return instrument != null ? instrument : bindSlow(kind, joinPoint);
  }

  /**
   * The instrument of a method reached without weaving (the Guice interceptor fallback), bound on
   * first use; same contract as {@link #instrument(Kind, JoinPoint.StaticPart)}.
   */
  public Instrument instrument(Kind kind, Method method) {
    Instrument instrument = byMethod[kind.ordinal()].get(method);
    if (instrument != null) {
      return instrument;
    }
    return byMethod[kind.ordinal()].computeIfAbsent(method, m -> {
      try {
        return bind(kind, m);
      } catch (RuntimeException | LinkageError e) {
        errors.bindingFailed("@" + kind.annotationType.getSimpleName(), m.getDeclaringClass().getName() + "." + m.getName(), e);
        return Instrument.NOOP;
      }
    });
  }

  /** The annotation type a kind binds. */
  public Class<? extends Annotation> annotationType(Kind kind) {
    return kind.annotationType;
  }

  private Instrument bindSlow(Kind kind, JoinPoint.StaticPart joinPoint) {
    return instruments[kind.ordinal()].computeIfAbsent(joinPoint, jp -> {
      String where = String.valueOf(jp.getSignature());
      try {
        Method method = ((MethodSignature) jp.getSignature()).getMethod();
        where = method.getDeclaringClass().getName() + "." + method.getName();
        return bind(kind, method);
      } catch (RuntimeException | LinkageError e) {
        errors.bindingFailed("@" + kind.annotationType.getSimpleName(), where, e);
        return Instrument.NOOP;
      }
    });
  }

  /**
   * Binds the instrument of {@code kind} for {@code method}.
   *
   * @throws InstrumentationConfigException if the method's annotation cannot be honoured
   */
  Instrument bind(Kind kind, Method method) {
    Annotation annotation = Annotations.find(method, kind.annotationType);
    if (annotation == null) {
      throw new InstrumentationConfigException(method + " carries no @" + kind.annotationType.getSimpleName());
    }
    JoinPointInfo jp = new JoinPointInfo(method, annotation);
    return switch (kind) {
      case TIMED_ORDER -> TimedOrderInstrument.bind(this, jp, (TimedOrder) annotation);
      case COUNT_FILL -> CountFillInstrument.bind(this, jp, (CountFill) annotation);
      case TRACK_POSITION -> TrackPositionInstrument.bind(this, jp, (TrackPosition) annotation);
      case TIMED_CALL -> TimedOrderInstrument.bindCall(this, jp, (TimedCall) annotation);
      case COUNT_ORDER -> CountOrderInstrument.bind(this, jp, (CountOrder) annotation);
      case TRACK_OPEN_ORDERS -> GaugeInstruments.bindOpenOrders(this, jp, (TrackOpenOrders) annotation);
      case TRACK_PNL -> GaugeInstruments.bindPnl(this, jp, (TrackPnl) annotation);
      case TRACK_SPREAD -> TrackSpreadInstrument.bind(this, jp, (TrackSpread) annotation);
      case MEASURE_SLIPPAGE -> MeasureSlippageInstrument.bind(this, jp, (MeasureSlippage) annotation);
      case COUNT_QUOTE -> CountingInstrument.bind(this, jp, (CountQuote) annotation);
      case COUNT_EVENT -> CountingInstrument.bindEvent(this, jp, (CountEvent) annotation);
      case RAISE_ALERT -> RaiseAlertInstrument.bind(this, jp, (RaiseAlert) annotation);
    };
  }

  /**
   * Checks every tradermetrics annotation on the methods of {@code type} by binding it against a
   * throw-away engine, so that no meter is registered.
   *
   * @throws InstrumentationConfigException listing every problem found
   */
  public static void validate(Class<?> type) {
    validate(new Class<?>[] {type});
  }

  /**
   * Checks every tradermetrics annotation on the methods of {@code types} against one throw-away
   * engine, so that problems between classes (one {@link CountEvent} name with two label-key sets)
   * are found too, also against join points the current engine has bound already.
   *
   * @throws InstrumentationConfigException listing every problem found
   */
  public static void validate(Class<?>... types) {
    Engine scratch = new Engine(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
        current.settings);
    scratch.events.putAll(current.events);
    List<String> problems = new ArrayList<>();
    for (Class<?> type : types) {
      scratch.validateInto(type, problems);
    }
    if (!problems.isEmpty()) {
      throw new InstrumentationConfigException(String.join("\n", problems));
    }
  }

  private void validateInto(Class<?> type, List<String> problems) {
    Engine scratch = this;
    Method[] methods = type.getDeclaredMethods();
    // a stable order, so that which of two conflicting join points is named first does not vary
    java.util.Arrays.sort(methods, java.util.Comparator.comparing(Method::toGenericString));
    for (Method method : methods) {
      for (Kind kind : Kind.values()) {
        boolean classLevel = kind == Kind.TIMED_CALL && java.lang.reflect.Modifier.isPublic(method.getModifiers())
            && !method.isSynthetic();
        if (Annotations.find(method, kind.annotationType) != null
            || (classLevel && Annotations.find(type, kind.annotationType) != null)) {
          try {
            scratch.bind(kind, method);
          } catch (InstrumentationConfigException e) {
            problems.add(e.getMessage());
          }
        }
      }
      OrderLifecycle.validate(scratch, method, problems);
    }
  }

  /**
   * Records that the join point counts {@link CountEvent} meter {@code meterName} with {@code keys}.
   *
   * @throws InstrumentationConfigException if another join point declared other keys for that name
   */
  void declareEvent(JoinPointInfo jp, String meterName, java.util.Set<String> keys) {
    EventDeclaration mine = new EventDeclaration(java.util.Set.copyOf(keys), jp.where());
    EventDeclaration first = events.putIfAbsent(meterName, mine);
    if (first != null && !first.keys().equals(mine.keys())) {
      throw jp.error("labels", "event '" + meterName + "' is declared with label keys " + new java.util.TreeSet<>(keys)
          + ", but " + first.where() + " declares it with " + new java.util.TreeSet<>(first.keys())
          + "; one name always has the same label keys: use the same keys or another name");
    }
  }

  /** Metric name under this engine's namespace. */
  String name(MetricDefinition definition) {
    return definition.meterName(settings.namespace());
  }

  /**
   * Builds the label tree of a join point: the labels of {@code definition} that users may set
   * ({@code settable}) come from {@code @Label} parameters, else from {@code constants}, else are
   * {@code unknown}; {@code fixed} tags (operation, ...) are added as they are.
   */
  <L> LabelTree<L> labels(JoinPointInfo jp, MetricDefinition definition, List<String> settable,
      java.util.Map<String, String> constants, Tags fixed, java.util.function.Function<Tags, L> leafFactory) {
    java.util.Map<String, ValueSource> dynamic = Labels.fromParameters(jp, settable);
    List<String> keys = new ArrayList<>();
    List<ValueSource> sources = new ArrayList<>();
    List<CardinalityGuard> levelGuards = new ArrayList<>();
    List<Counter> overflow = new ArrayList<>();
    Tags constant = fixed;
    String metric = name(definition);
    for (String key : settable) {
      ValueSource source = dynamic.get(key);
      if (source != null) {
        keys.add(key);
        sources.add(source);
        levelGuards.add(guards.computeIfAbsent(metric + '\u0000' + key,
            k -> new CardinalityGuard(settings.labelValueLimit())));
        overflow.add(Counter.builder(MetricCatalog.LABEL_OVERFLOW.meterName(""))
            .description(MetricCatalog.LABEL_OVERFLOW.help())
            .tags(MetricCatalog.METRIC, definition.prometheusName(settings.namespace()), MetricCatalog.LABEL, key)
            .register(registry));
      } else {
        String value = constants.getOrDefault(key, "");
        constant = constant.and(key, LabelTree.render(value));
      }
    }
    return new LabelTree<>(keys, sources, levelGuards, overflow, constant, leafFactory);
  }

  /** State shared by every join point of this engine under one key, e.g. the cell behind one gauge series. */
  Object shared(Object key, java.util.function.Supplier<Object> create) {
    return shared.computeIfAbsent(key, k -> create.get());
  }
}
