package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tradermetrics.annotation.TimedCall;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.catalog.MetricCatalog;
import io.tradermetrics.catalog.MetricDefinition;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@link TimedOrder} and {@link TimedCall}: times the call with the registry's monotonic clock and records it into the
 * timer of its labels and outcome. Per call: two clock reads, the label lookup, one
 * {@code Timer.record}; no allocation once the label combination has been seen. A method returning a
 * {@link CompletionStage} is timed until the stage completes, with the completion's outcome.
 */
final class TimedOrderInstrument implements Instrument {

  private static final List<String> SETTABLE = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);

  private final io.micrometer.core.instrument.Clock clock;
  private final LabelTree<OutcomeTimers> labels;
  private final InstrumentationErrors.Site errors;
  private final boolean async;
  private final @Nullable Condition rejectedIf;

  private TimedOrderInstrument(Engine engine, LabelTree<OutcomeTimers> labels, InstrumentationErrors.Site errors,
      boolean async, @Nullable Condition rejectedIf) {
    this.clock = engine.clock;
    this.labels = labels;
    this.errors = errors;
    this.async = async;
    this.rejectedIf = rejectedIf;
  }

  static TimedOrderInstrument bind(Engine engine, JoinPointInfo jp, TimedOrder annotation) {
    Condition rejectedIf = null;
    if (!annotation.rejectedIf().isBlank()) {
      boolean async = CompletionStage.class.isAssignableFrom(jp.method.getReturnType());
      rejectedIf = Condition.parse(jp, "rejectedIf", annotation.rejectedIf(), async ? completionType(jp) : null);
      if (async && (rejectedIf.mask() & ~RESULT) != 0) {
        throw jp.error("rejectedIf", "'" + annotation.rejectedIf() + "' reads a parameter, but on a method returning "
            + jp.method.getReturnType().getSimpleName() + " it is tested when the stage completes and may read only "
            + "'result', the completion value");
      }
    }
    return bind(engine, jp, MetricCatalog.ORDER_LATENCY, SETTABLE,
        Map.of(MetricCatalog.VENUE, annotation.venue(), MetricCatalog.SYMBOL, annotation.symbol(),
            MetricCatalog.SIDE, annotation.side()),
        Tags.of(MetricCatalog.OPERATION, annotation.operation().name().toLowerCase(Locale.ROOT)),
        annotation.buckets(), rejectedIf);
  }

  /** The value type of a {@code CompletionStage<T>} return type, or Object when it is not declared. */
  private static java.lang.reflect.Type completionType(JoinPointInfo jp) {
    java.lang.reflect.Type type = jp.method.getGenericReturnType();
    if (type instanceof java.lang.reflect.ParameterizedType p && p.getActualTypeArguments().length == 1) {
      java.lang.reflect.Type arg = p.getActualTypeArguments()[0];
      return arg instanceof java.lang.reflect.WildcardType w ? w.getUpperBounds()[0] : arg;
    }
    return Object.class;
  }

  /** {@link TimedCall}: the same timing into {@code call.latency}, with target and operation fixed per join point. */
  static TimedOrderInstrument bindCall(Engine engine, JoinPointInfo jp, TimedCall annotation) {
    if (annotation.target().isBlank()) {
      throw jp.error("target", "is blank; name what is called, e.g. target = \"binance\"");
    }
    String operation = annotation.operation().isBlank() ? jp.method.getName() : annotation.operation();
    return bind(engine, jp, MetricCatalog.CALL_LATENCY, List.of(), Map.of(),
        Tags.of(MetricCatalog.TARGET, annotation.target(), MetricCatalog.OPERATION, operation), annotation.buckets(),
        null);
  }

  private static TimedOrderInstrument bind(Engine engine, JoinPointInfo jp, MetricDefinition definition,
      List<String> settable, Map<String, String> constants, Tags fixed, double[] annotationBuckets,
      @Nullable Condition rejectedIf) {
    double[] buckets = annotationBuckets.length > 0
        ? annotationBuckets
        : engine.settings.latencyBucketsSeconds().stream().mapToDouble(Double::doubleValue).toArray();
    String problem = InstrumentationSettings.bucketProblem(buckets);
    if (problem != null) {
      throw jp.error("buckets", Arrays.toString(annotationBuckets) + " is not valid: " + problem
          + " (values are in seconds, e.g. {0.001, 0.005, 0.020})");
    }
    Duration[] slos = Arrays.stream(buckets).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    String name = engine.name(definition);
    LabelTree<OutcomeTimers> labels = engine.labels(jp, definition, settable, constants,
        fixed, tags -> new OutcomeTimers(engine, name, definition.help(), tags, slos, rejectedIf != null));
    boolean async = CompletionStage.class.isAssignableFrom(jp.method.getReturnType());
    return new TimedOrderInstrument(engine, labels, engine.errors.site(jp), async,
        rejectedIf);
  }

  @Override
  public int mask() {
    return labels.mask() | (async ? RESULT : 0) | (rejectedIf == null ? 0 : rejectedIf.mask());
  }

  @Override
  public long start() {
    return clock.monotonicTime();
  }

  @Override
  public void stop(long startNanos, @Nullable Object result, @Nullable Throwable error,
      @Nullable Object a0, @Nullable Object a1, @Nullable Object a2,
      @Nullable Object a3, @Nullable Object a4, @Nullable Object a5) {
    try {
      if (async && error == null && result instanceof CompletionStage<?> stage) {
        // labels are read now, while the arguments are at hand; the time is taken at completion
        stage.whenComplete(new Completion(labels.leaf(result, a0, a1, a2, a3, a4, a5), startNanos));
        return;
      }
      long elapsedNanos = clock.monotonicTime() - startNanos;
      OutcomeTimers timers = labels.leaf(result, a0, a1, a2, a3, a4, a5);
      Timer timer = error != null ? timers.error(error)
          : rejectedIf != null && rejectedIf.test(result, a0, a1, a2, a3, a4, a5) ? timers.rejected : timers.ok;
      timer.record(elapsedNanos, TimeUnit.NANOSECONDS);
    } catch (Throwable t) {
      errors.failure(t);
    }
  }

  /**
   * Records an asynchronous order operation when its stage completes, on the thread that completes
   * it: {@code ok} for a value ({@code rejected} when the rejection condition holds on it), {@code error} with the cause's class for an exception (unwrapping
   * {@link CompletionException}). One object per call: asynchronous order methods allocate.
   */
  private final class Completion implements BiConsumer<Object, Throwable> {
    private final OutcomeTimers timers;
    private final long startNanos;

    Completion(OutcomeTimers timers, long startNanos) {
      this.timers = timers;
      this.startNanos = startNanos;
    }

    @Override
    public void accept(@Nullable Object value, @Nullable Throwable failure) {
      try {
        long elapsedNanos = clock.monotonicTime() - startNanos;
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Timer timer = cause != null ? timers.error(cause)
            : rejectedIf != null && rejectedIf.test(value, null, null, null, null, null, null) ? timers.rejected : timers.ok;
        timer.record(elapsedNanos, TimeUnit.NANOSECONDS);
      } catch (Throwable t) {
        errors.failure(t);
      }
    }
  }

  /**
   * The timers of one label combination: one for {@code ok}, one for {@code rejected} when the join
   * point has a rejection condition, one per exception class for {@code error}.
   */
  static final class OutcomeTimers {
    private final Engine engine;
    private final String name;
    private final String help;
    private final Tags tags;
    private final Duration[] slos;
    final Timer ok;
    final Timer rejected;
    private final ConcurrentHashMap<Class<?>, Timer> errors = new ConcurrentHashMap<>();

    OutcomeTimers(Engine engine, String name, String help, Tags tags, Duration[] slos, boolean withRejected) {
      this.engine = engine;
      this.name = name;
      this.help = help;
      this.tags = tags;
      this.slos = slos;
      this.ok = timer("ok", MetricCatalog.NONE);
      this.rejected = withRejected ? timer("rejected", MetricCatalog.NONE) : ok;
    }

    Timer error(Throwable t) {
      Timer timer = errors.get(t.getClass());
      return timer != null ? timer : errors.computeIfAbsent(t.getClass(), c -> timer("error", c.getSimpleName()));
    }

    private Timer timer(String outcome, String exception) {
      return Timer.builder(name)
          .description(help)
          .tags(tags)
          .tag(MetricCatalog.OUTCOME, outcome)
          .tag(MetricCatalog.EXCEPTION, exception.isEmpty() ? "anonymous" : exception)
          .serviceLevelObjectives(slos)
          .minimumExpectedValue(slos[0])
          .maximumExpectedValue(slos[slos.length - 1])
          .register(engine.registry);
    }
  }
}
