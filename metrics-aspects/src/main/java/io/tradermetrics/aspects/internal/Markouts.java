package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.catalog.MetricCatalog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The markouts of one engine: one {@link Book} per symbol, fed with fills by {@code @CountFill}
 * ({@link Sink#fill}) and with mid prices by {@code @MarketDataTick} ({@link Book#tick}).
 *
 * <p><b>The ring.</b> A book holds, per horizon, a ring of pending fills (price, due time, sink) of
 * the configured capacity, allocated when the book is made. Fills enter every horizon's ring in the
 * order they are recorded; as a horizon is the same for every fill, each ring's due times never go
 * down, so a tick takes out the due fills from the head of each ring and stops at the first one not
 * yet due. A fill that finds a ring full is not marked out at that horizon and is counted in
 * {@code trader_markout_overflow_total{symbol,horizon}}. No timer thread: a fill is marked out on
 * the first tick of its symbol at or after its due time, with that tick's mid.
 *
 * <p><b>Time.</b> Horizons run on the registry's monotonic clock (a fill's time is when it was
 * recorded), or, once a tick of the symbol gave a market time, on the market time of the ticks (a
 * fill's time is then the market time of the last tick of its symbol).
 *
 * <p><b>Cost.</b> Per fill: one lock, one write per horizon into primitive arrays; per tick: one
 * lock, a compare per horizon, and one histogram record per fill that came due. Nothing is
 * allocated once a label combination's histograms are registered (on its first markout). A fill
 * before the symbol's first tick with a mid is not marked out (there is nothing to compare with
 * yet, and no tick might ever come).
 *
 * <p>Thread-safe: fills and ticks may come from different threads; each book has its own lock.
 */
public final class Markouts {

  /** Observed magnitudes: index 0 for markouts of 0 or more, 1 for negative ones. */
  static final int FAVOURABLE = 0;
  static final int ADVERSE = 1;

  private final Meters meters;
  private final Clock clock;
  private final long[] horizonNanos;
  private final String[] horizonLabels;
  private final int capacity;
  private final double[] buckets;
  private final ConcurrentHashMap<String, Book> books = new ConcurrentHashMap<>();

  private Markouts(BindContext ctx) {
    this.meters = ctx.meters();
    this.clock = ctx.clock();
    List<Duration> horizons = ctx.settings().markoutHorizons();
    this.horizonNanos = horizons.stream().mapToLong(Duration::toNanos).toArray();
    this.horizonLabels = horizons.stream().map(Markouts::label).toArray(String[]::new);
    this.capacity = ctx.settings().markoutCapacity();
    this.buckets = ctx.settings().bpsBuckets().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The markouts of the engine {@code ctx} binds in, made with its first user. */
  public static Markouts of(BindContext ctx) {
    return ctx.shared(Markouts.class, () -> new Markouts(ctx));
  }

  /** The label of a horizon: whole seconds as {@code 10s}, else milliseconds as {@code 500ms}. */
  static String label(Duration horizon) {
    return horizon.toNanos() % 1_000_000_000L == 0 ? horizon.toSeconds() + "s" : horizon.toMillis() + "ms";
  }

  /** The book of {@code symbol}, made (with its rings) on first use. */
  public Book book(String symbol) {
    return books.computeIfAbsent(symbol, Book::new);
  }

  /**
   * The sink of the fills of one label combination ({@code venue}, {@code symbol}, {@code side}),
   * or null when its side is neither buy nor sell (a markout needs a sign).
   */
  public @Nullable Sink sink(Tags tags) {
    String side = value(tags, MetricCatalog.SIDE);
    int sign = MeasureSlippageInstrument.sign(side);
    return sign == 0 ? null : new Sink(book(value(tags, MetricCatalog.SYMBOL)), tags, sign);
  }

  /** The value of label {@code key} in {@code tags}, or {@code unknown}. */
  public static String value(Tags tags, String key) {
    for (Tag t : tags) {
      if (t.getKey().equals(key)) {
        return t.getValue();
      }
    }
    return MetricCatalog.UNKNOWN;
  }

  /** The markout in bps of a fill at {@code price} with {@code sign} (+1 buy, -1 sell) against {@code mid}. */
  static double markoutBps(int sign, double price, double mid) {
    return sign * (mid - price) / price * 10_000;
  }

  /** The fills of one label combination and their histograms, registered on first use. */
  public final class Sink {
    final Book book;
    final int sign;
    private final Tags tags;
    private final DistributionSummary[] histograms = new DistributionSummary[horizonNanos.length * 2];

    Sink(Book book, Tags tags, int sign) {
      this.book = book;
      this.tags = tags;
      this.sign = sign;
    }

    /** A fill at {@code price} (positive, finite), to be marked out at every horizon. */
    public void fill(double price) {
      book.fill(this, price);
    }

    /** Observes one markout; under the book's lock. */
    void record(int horizon, double bps) {
      int direction = bps >= 0 ? FAVOURABLE : ADVERSE;
      int i = horizon * 2 + direction;
      DistributionSummary h = histograms[i];
      if (h == null) {
        h = meters.histogram(MetricCatalog.MARKOUT_BPS, tags.and(MetricCatalog.HORIZON, horizonLabels[horizon])
            .and(MetricCatalog.DIRECTION, direction == FAVOURABLE ? "favourable" : "adverse"), buckets);
        histograms[i] = h;
      }
      h.record(Math.abs(bps));
    }
  }

  /** The pending fills and the last mid of one symbol. */
  public final class Book {
    private final String symbol;
    private final double[][] price;
    private final long[][] due;
    private final Sink[][] sinks;
    private final int[] head;
    private final int[] size;
    private final Counter[] overflow;
    private boolean marketTime;
    private boolean ticked;
    private long lastTickNanos;

    Book(String symbol) {
      this.symbol = symbol;
      int horizons = horizonNanos.length;
      this.price = new double[horizons][capacity];
      this.due = new long[horizons][capacity];
      this.sinks = new Sink[horizons][capacity];
      this.head = new int[horizons];
      this.size = new int[horizons];
      this.overflow = new Counter[horizons];
    }

    /**
     * A tick of this symbol at {@code timeNanos} (monotonic, or market time when {@code market}) with
     * a positive, finite {@code mid}: marks out every pending fill that came due at it.
     */
    public synchronized void tick(long timeNanos, boolean market, double mid) {
      if (market && !marketTime) {
        // the first market time: fills pending on the monotonic clock cannot be compared with it
        clear();
        marketTime = true;
      }
      ticked = true;
      lastTickNanos = timeNanos;
      for (int h = 0; h < head.length; h++) {
        double[] prices = price[h];
        long[] dues = due[h];
        Sink[] s = sinks[h];
        while (size[h] > 0 && dues[head[h]] - timeNanos <= 0) {
          int i = head[h];
          Sink sink = s[i];
          s[i] = null;
          // taken out before recording: a registry that throws loses this markout, never the ring
          head[h] = i + 1 == capacity ? 0 : i + 1;
          size[h]--;
          sink.record(h, markoutBps(sink.sign, prices[i], mid));
        }
      }
    }

    private void clear() {
      for (int h = 0; h < head.length; h++) {
        java.util.Arrays.fill(sinks[h], null);
        head[h] = 0;
        size[h] = 0;
      }
    }

    synchronized void fill(Sink sink, double fillPrice) {
      if (!ticked) {
        return;
      }
      long now = marketTime ? lastTickNanos : clock.monotonicTime();
      for (int h = 0; h < head.length; h++) {
        int n = size[h];
        if (n == capacity) {
          overflow(h).increment();
          continue;
        }
        int i = head[h] + n;
        if (i >= capacity) {
          i -= capacity;
        }
        price[h][i] = fillPrice;
        due[h][i] = now + horizonNanos[h];
        sinks[h][i] = sink;
        size[h] = n + 1;
      }
    }

    private Counter overflow(int h) {
      Counter c = overflow[h];
      if (c == null) {
        c = meters.counter(MetricCatalog.MARKOUT_OVERFLOW,
            Tags.of(MetricCatalog.SYMBOL, symbol, MetricCatalog.HORIZON, horizonLabels[h]));
        overflow[h] = c;
      }
      return c;
    }

    /** Fills pending at horizon index {@code h}; for tests. */
    synchronized int pending(int h) {
      return size[h];
    }
  }
}
