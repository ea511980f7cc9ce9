package io.tradermetrics.aspects.internal.lifecycle;

import io.micrometer.core.instrument.Tags;
import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.aspects.internal.BindContext;
import io.tradermetrics.aspects.internal.Fatal;
import io.tradermetrics.aspects.internal.Instrument;
import io.tradermetrics.aspects.internal.LabelTree;
import io.tradermetrics.aspects.internal.Markouts;
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
  private final @Nullable ValueSource mid;
  private final @Nullable ValueSource bid;
  private final @Nullable ValueSource ask;
  private final @Nullable ValueSource marketTime;

  private MarketDataTickInstrument(OrderLifecycle lifecycle, BindContext ctx, LabelTree<TickMeters> labels,
      @Nullable ValueSource exchangeTime, TimeUnit unit, @Nullable ValueSource mid, @Nullable ValueSource bid,
      @Nullable ValueSource ask, @Nullable ValueSource marketTime) {
    super(lifecycle, ctx.site());
    this.labels = labels;
    this.exchangeTime = exchangeTime;
    this.nanosPerUnit = unit.toNanos(1);
    this.mid = mid;
    this.bid = bid;
    this.ask = ask;
    this.marketTime = marketTime;
  }

  /** The binder of {@link MarketDataTick}. */
  public static Instrument bind(BindContext ctx, MarketDataTick annotation) {
    OrderLifecycle lifecycle = lifecycleOf(ctx);
    ValueSource exchangeTime = time(ctx, "exchangeTime", annotation.exchangeTime());
    ValueSource marketTime = time(ctx, "marketTime", annotation.marketTime());
    ValueSource mid = price(ctx, "mid", annotation.mid());
    ValueSource bid = price(ctx, "bid", annotation.bid());
    ValueSource ask = price(ctx, "ask", annotation.ask());
    if (mid != null && (bid != null || ask != null)) {
      throw ctx.error("mid", "is given with bid/ask; give either mid, or both bid and ask (the mid is their mean)");
    }
    if ((bid == null) != (ask == null)) {
      throw ctx.error(bid == null ? "bid" : "ask", "is missing; the mid of a tick needs both bid and ask (or give mid)");
    }
    boolean marksOut = mid != null || bid != null;
    if (marketTime != null && !marksOut) {
      throw ctx.error("marketTime", "is given without a mid price (mid, or bid and ask); it only times markouts");
    }
    Markouts markouts = marksOut ? Markouts.of(ctx) : null;
    LabelTree<TickMeters> labels = ctx.labels(MetricCatalog.TICK_TO_TRADE, SETTABLE,
        Map.of(MetricCatalog.SYMBOL, annotation.symbol()), Tags.empty(),
        tags -> {
          if (lifecycle == null) {
            return null;
          }
          TickMeters meters = ctx.shared(List.of(TickMeters.class, tags), () -> lifecycle.meters.new TickMeters(tags));
          if (markouts != null && meters.markouts == null) {
            meters.markouts = markouts.book(Markouts.value(tags, MetricCatalog.SYMBOL));
          }
          return meters;
        });
    return lifecycle == null ? Instrument.NONE
        : new MarketDataTickInstrument(lifecycle, ctx, labels, exchangeTime, annotation.exchangeTimeUnit(), mid, bid,
            ask, marketTime);
  }

  private static @Nullable ValueSource time(BindContext ctx, String attribute, String expression) {
    if (expression.isBlank()) {
      return null;
    }
    ValueSource source = ctx.source(attribute, expression);
    Class<?> type = source.type();
    boolean integral = type == long.class || type == int.class || type == Long.class || type == Integer.class;
    if (type != Instant.class && !integral && type != Object.class) {
      throw ctx.error(attribute, "'" + expression + "' is a " + type.getName()
          + "; expected a long or int since the Unix epoch in exchangeTimeUnit, or a java.time.Instant");
    }
    if (source.readsResult()) {
      throw ctx.error(attribute, "'" + expression + "' reads the return value, which does not "
          + "exist yet when the tick arrives; read it from a parameter, e.g. " + attribute + " = \"#0.timestamp\"");
    }
    return source;
  }

  private static @Nullable ValueSource price(BindContext ctx, String attribute, String expression) {
    if (expression.isBlank()) {
      return null;
    }
    ValueSource source = ctx.numeric(attribute, expression);
    if (source.readsResult()) {
      throw ctx.error(attribute, "'" + expression + "' reads the return value; the tick's price is read before the "
          + "handler runs, so read it from a parameter, e.g. " + attribute + " = \"#0." + attribute + "\"");
    }
    return source;
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
      if (meters != null && (mid != null || bid != null)) {
        markOut(meters, startNanos, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      }
      if (exchangeTime != null && meters != null) {
        long stampNanos = exchangeNanos(exchangeTime, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
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

  /** Hands the tick's mid and time to the symbol's markout book; a bad mid or time is counted, not used. */
  private void markOut(TickMeters meters, long startNanos, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5,
      long p5) throws Throwable {
    Markouts.Book book = meters.markouts;
    if (book == null) {
      return;
    }
    double m;
    if (mid != null) {
      m = mid.getDouble(null, 0L, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    } else {
      m = (bid.getDouble(null, 0L, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5)
          + ask.getDouble(null, 0L, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5)) / 2;
    }
    if (!(m > 0) || m == Double.POSITIVE_INFINITY) {
      site.badValue(mid != null ? "mid" : "bid/ask", m);
      return;
    }
    long time = startNanos;
    if (marketTime != null) {
      time = exchangeNanos(marketTime, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
      if (time == ValueSource.ABSENT_LONG) {
        site.missing("marketTime");
        return;
      }
    }
    book.tick(time, marketTime != null, m);
  }

  private long exchangeNanos(ValueSource source, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4, @Nullable Object a5,
      long p5) throws Throwable {
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
