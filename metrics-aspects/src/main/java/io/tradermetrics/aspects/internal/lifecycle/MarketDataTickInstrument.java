package io.tradermetrics.aspects.internal.lifecycle;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Fatal;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.LabelTree;
import io.tradermetrics.aspects.internal.ValueSource;
import io.tradermetrics.aspects.internal.lifecycle.LifecycleMeters.TickMeters;
import io.tradermetrics.aspects.internal.lifecycle.OrderLifecycle.TickState;
import io.tradermetrics.catalog.MetricCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@link MarketDataTick}: marks the thread as handling a tick from the start of the handler to its
 * end (however it ends), so that orders sent meanwhile on the thread record tick-to-trade; nested
 * handlers count as one tick, from the outermost start. With an exchange timestamp, records the
 * exchange-to-local delay, or counts clock skew for a timestamp ahead of the local clock. Per call:
 * a thread-local read, the label lookup, with a timestamp one read and one record; no allocation
 * once the symbol has been seen.
 */
public final class MarketDataTickInstrument extends LifecycleInstrument {

  /** The label keys a {@code @Label} may set (the binder table's entry names them too). */
  public static final List<String> SETTABLE = List.of(MetricCatalog.SYMBOL);

  private final LabelTree<TickMeters> labels;
  private final @Nullable ValueSource exchangeTime;
  private final long nanosPerUnit;

  private MarketDataTickInstrument(OrderLifecycle lifecycle, BindContext ctx, LabelTree<TickMeters> labels,
      @Nullable ValueSource exchangeTime, TimeUnit unit) {
    super(lifecycle, ctx.site());
    this.labels = labels;
    this.exchangeTime = exchangeTime;
    this.nanosPerUnit = unit.toNanos(1);
  }

  /** The binder of {@link MarketDataTick}. */
  public static Instrument bind(BindContext ctx, MarketDataTick annotation) {
    OrderLifecycle lifecycle = lifecycleOf(ctx);
    ValueSource exchangeTime = null;
    if (!annotation.exchangeTime().isBlank()) {
      exchangeTime = ctx.source("exchangeTime", annotation.exchangeTime());
      Class<?> type = exchangeTime.type();
      boolean integral = type == long.class || type == int.class || type == Long.class || type == Integer.class;
      if (type != Instant.class && !integral && type != Object.class) {
        throw ctx.error("exchangeTime", "'" + annotation.exchangeTime() + "' is a " + type.getName()
            + "; expected a long or int since the Unix epoch in exchangeTimeUnit, or a java.time.Instant");
      }
      if (exchangeTime.readsResult()) {
        throw ctx.error("exchangeTime", "'" + annotation.exchangeTime() + "' reads the return value, which does not "
            + "exist yet when the tick arrives; read it from a parameter, e.g. exchangeTime = \"#0.timestamp\"");
      }
    }
    LabelTree<TickMeters> labels = ctx.labels(MetricCatalog.TICK_TO_TRADE, SETTABLE,
        Map.of(MetricCatalog.SYMBOL, annotation.symbol()), Tags.empty(),
        tags -> lifecycle == null ? null : ctx.shared(List.of(TickMeters.class, tags), () -> lifecycle.meters.new TickMeters(tags)));
    return lifecycle == null ? Instrument.NONE
        : new MarketDataTickInstrument(lifecycle, ctx, labels, exchangeTime, annotation.exchangeTimeUnit());
  }

  @Override
  protected boolean arms() {
    return true;
  }

  /** Opens the tick of this thread (or nests in the one open); whether it did, so that the end closes it. */
  @Override
  protected boolean start(long startNanos, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    TickState tick = lifecycle.ticks.get();
    if (tick.depth++ > 0) {
      return true; // a nested handler: the outermost tick holds
    }
    try {
      // past here the tick is open: it must reach stop armed, so a failure is reported here, not thrown
      tick.startNanos = startNanos;
      tick.meters = null;
      TickMeters meters = labels.leaf(null, 0L, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      tick.meters = meters;
      if (exchangeTime != null && meters != null) {
        long stampNanos = exchangeNanos(a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
        if (stampNanos == ValueSource.ABSENT_LONG) {
          site.missing("exchangeTime");
          return true;
        }
        long delayNanos = startNanos + lifecycle.sweep.wallOffsetNanos - stampNanos;
        if (delayNanos < 0) {
          meters.skew().increment();
        } else {
          meters.delay().record(delayNanos, TimeUnit.NANOSECONDS);
        }
      }
    } catch (Throwable t) {
      Fatal.rethrowIfFatal(t);
      site.failure(t);
    }
    return true;
  }

  private long exchangeNanos(@Nullable Object a0, long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2,
      @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5, long p5) throws Throwable {
    ValueSource source = exchangeTime;
    if (source == null) {
      return ValueSource.ABSENT_LONG;
    }
    if (source.type() == Instant.class || source.type() == Object.class) {
      Object value = source.get(null, 0L, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      if (value instanceof Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
      }
      if (!(value instanceof Long || value instanceof Integer)) {
        return ValueSource.ABSENT_LONG;
      }
      return ((Number) value).longValue() * nanosPerUnit;
    }
    long value = source.getLong(null, 0L, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    return value == ValueSource.ABSENT_LONG ? value : value * nanosPerUnit;
  }

  /** Closes the tick this call opened, however the handler ended. */
  @Override
  protected void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
      @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) {
    if (!armed) {
      return;
    }
    TickState tick = lifecycle.ticks.get();
    if (tick.depth > 0 && --tick.depth == 0) {
      tick.meters = null;
    }
  }
}
