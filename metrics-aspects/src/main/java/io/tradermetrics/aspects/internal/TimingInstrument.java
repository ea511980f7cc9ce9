package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tradermetrics.catalog.MetricCatalog;
import io.tradermetrics.catalog.MetricDefinition;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TimedOrderInstrument} and {@link TimedCallInstrument} share: the call's time, from the
 * join point's clock reads before and after the body, into the timer of its labels and outcome
 * ({@code ok}, {@code rejected} when the rejection condition holds, {@code error} with the
 * exception's class). Per call: the label lookup, at most one condition read, one
 * {@code Timer.record}; no allocation once the label combination has been seen. A method returning
 * a {@link CompletionStage} is timed until the stage completes, with the completion's outcome (one
 * small object per call: asynchronous methods allocate).
 */
abstract class TimingInstrument extends Instrument {

  private final Clock clock;
  private final LabelTree<OutcomeTimers> labels;
  private final boolean async;
  private final @Nullable Condition rejectedIf;

  TimingInstrument(BindContext ctx, MetricDefinition definition, List<String> settable, Map<String, String> constants,
      Tags fixed, double[] annotationBuckets, @Nullable Condition rejectedIf) {
    double[] buckets = ctx.buckets(annotationBuckets, ctx.settings().latencyBucketsSeconds(),
        "values are in seconds, e.g. {0.001, 0.005, 0.020}");
    Duration[] slos = Arrays.stream(buckets).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    Meters meters = ctx.meters();
    boolean withRejected = rejectedIf != null;
    this.clock = ctx.clock();
    this.labels = ctx.labels(definition, settable, constants, fixed,
        tags -> new OutcomeTimers(meters, definition, tags, slos, withRejected));
    this.async = isAsync(ctx);
    this.rejectedIf = rejectedIf;
  }

  static boolean isAsync(BindContext ctx) {
    return CompletionStage.class.isAssignableFrom(ctx.method().getReturnType());
  }

  @Override
  protected boolean timesStart() {
    return true;
  }

  @Override
  protected boolean timesStop() {
    return true;
  }

  @Override
  protected void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
      @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    OutcomeTimers timers = labels.leaf(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (timers == null) {
      return; // the registry refused this label combination's timers (reported once)
    }
    if (async && error == null && r instanceof CompletionStage<?> stage) {
      // labels are read now, while the arguments are at hand; the time is taken at completion
      stage.whenComplete(new Completion(timers, startNanos));
      return;
    }
    Timer timer = error != null ? timers.error(error)
        : rejectedIf != null && rejectedIf.test(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5)
            ? timers.rejected : timers.ok;
    timer.record(stopNanos - startNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Records an asynchronous call when its stage completes, on the thread that completes it:
   * {@code ok} for a value ({@code rejected} when the rejection condition holds on it), {@code error}
   * with the cause's class for an exception (unwrapping {@link CompletionException}). Never throws:
   * a failure here has no join point to report to but is swallowed (it would otherwise surface in
   * the user's dependent stages).
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
            : rejectedIf != null && rejectedIf.test(value, 0L, null, 0L, null, 0L, null, 0L, null, 0L, null, 0L, null, 0L)
                ? timers.rejected : timers.ok;
        timer.record(elapsedNanos, TimeUnit.NANOSECONDS);
      } catch (Throwable t) {
        Fatal.rethrowIfFatal(t);
      }
    }
  }

  /**
   * The timers of one label combination: one for {@code ok}, one for {@code rejected} when the join
   * point has a rejection condition, one per exception class for {@code error}.
   */
  static final class OutcomeTimers {
    private final Meters meters;
    private final MetricDefinition definition;
    private final Tags tags;
    private final Duration[] slos;
    final Timer ok;
    final Timer rejected;
    private final ConcurrentHashMap<Class<?>, Timer> errors = new ConcurrentHashMap<>();

    OutcomeTimers(Meters meters, MetricDefinition definition, Tags tags, Duration[] slos, boolean withRejected) {
      this.meters = meters;
      this.definition = definition;
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
      return meters.timer(definition, tags.and(MetricCatalog.OUTCOME, outcome)
          .and(MetricCatalog.EXCEPTION, exception.isEmpty() ? "anonymous" : exception), slos);
    }
  }
}
