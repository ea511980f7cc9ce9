package io.tradermetrics.aspects.internal.lifecycle;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Tags;
import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.aspects.internal.Engine;
import io.tradermetrics.aspects.internal.Fatal;
import io.tradermetrics.aspects.internal.InstrumentationErrors;
import io.tradermetrics.aspects.internal.Meters;
import io.tradermetrics.catalog.MetricCatalog;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine's order lifecycle: the in-flight table ({@link OrderTable}), the label groups of
 * orders with their timers ({@link LifecycleMeters}), and the tick each thread is handling. The
 * lifecycle instruments ({@code @OrderSent} ... {@code @MarketDataTick}) report the points of an
 * order's life here; each event takes the table's lock once and records its timers outside it.
 *
 * <p><b>Labels without allocation.</b> The {@code venue}, {@code symbol} and {@code side} of an
 * order are resolved at its send into an {@link OrderGroup} with a small integer index; the table
 * keeps the index in an {@code int} slot, and end points look the group up in an array.
 *
 * <p><b>Expiry.</b> No timer thread: orders older than the timeout are taken out (and counted in
 * {@code trader_orders_expired_total{reason="timeout"}}) at most {@value #SWEEP_PER_SEND} at a time
 * on every send, and all of them when a scrape reads the figures ({@link ScrapeSweep}). A send into
 * a full table takes out the oldest ({@code reason="capacity"}).
 *
 * <p>Thread-safe: any thread may report any event (typically one sends, another receives the
 * venue's messages).
 */
public final class OrderLifecycle {

  /** Expired entries taken out per send, at most: more than one, so expiry keeps up with sends. */
  static final int SWEEP_PER_SEND = 2;
  /** Timed-out entries a scrape takes out per hold of the table's lock; see {@link ScrapeSweep}. */
  static final int SWEEP_CHUNK = ScrapeSweep.CHUNK;

  static final Logger LOG = LoggerFactory.getLogger("io.tradermetrics.instrumentation");

  final Engine engine;
  final Clock clock;
  final OrderTable table;
  final long timeoutNanos;
  final int configuredCapacity;
  final LifecycleMeters meters;
  final ScrapeSweep sweep;
  final ThreadLocal<TickState> ticks = ThreadLocal.withInitial(TickState::new);
  private final ConcurrentHashMap<Tags, OrderGroup> groupsByTags = new ConcurrentHashMap<>();
  private volatile OrderGroup[] groups = new OrderGroup[0];

  /** The points of an order's life, as the {@code event} label renders them. */
  enum Event {
    SENT("sent"), CANCEL_SENT("cancel_sent"), ACK("ack"), REJECT("reject"), FILL("fill"), CANCEL("cancel"),
    EXPIRE("expire"),
    /** A send that threw: its order leaves the table again (never counted as unmatched). */
    UNSENT("unsent");

    final String label;

    Event(String label) {
      this.label = label;
    }
  }

  /** Why an order event matched nothing. */
  enum Reason {
    UNKNOWN("unknown"), DUPLICATE("duplicate");

    final String label;

    Reason(String label) {
      this.label = label;
    }
  }

  private OrderLifecycle(Engine engine, Meters meters, InstrumentationSettings settings, Clock clock) {
    this.engine = engine;
    this.clock = clock;
    this.configuredCapacity = settings.ordersCapacity();
    this.table = new OrderTable(configuredCapacity);
    this.timeoutNanos = settings.ordersTimeout().toNanos();
    this.meters = new LifecycleMeters(meters, settings);
    this.sweep = new ScrapeSweep(this);
    this.sweep.register(meters);
  }

  /**
   * The lifecycle of {@code engine}; null if it cannot be created (a registry that refuses its
   * meters, a heap too small for its table): that is logged at ERROR and counted once in
   * {@code tradermetrics_instrumentation_errors_total{annotation="@OrderSent"}}, the meters it
   * registered are removed, and the lifecycle annotations then record nothing. Never throws (but
   * {@link Fatal}).
   */
  public static @Nullable OrderLifecycle create(Engine engine, Meters meters, InstrumentationSettings settings,
      Clock clock) {
    try {
      return new OrderLifecycle(engine, meters, settings, clock);
    } catch (Throwable e) {
      Fatal.rethrowIfFatal(e);
      try {
        // the meters registered before the failure read a lifecycle nobody else will see
        meters.removeAll(MetricCatalog.ORDERS_INFLIGHT);
        meters.removeAll(MetricCatalog.ORDERS_EXPIRED);
      } catch (Throwable ignored) {
        Fatal.rethrowIfFatal(ignored);
      }
      engine.countError("@OrderSent");
      try {
        LOG.error("tradermetrics: the order lifecycle could not be set up, so @OrderSent, @CancelSent, @OrderAcked,"
            + " @OrderRejected, @OrderFilled, @OrderCancelled, @OrderExpired and @MarketDataTick record nothing"
            + " on this registry; the annotated methods run as usual", e);
      } catch (Throwable ignored) {
        Fatal.rethrowIfFatal(ignored);
      }
      return null;
    }
  }

  /** The group of orders with {@code tags} (venue, symbol, side), made on first use; shared by every send. */
  OrderGroup group(Tags tags) {
    OrderGroup g = groupsByTags.get(tags);
    if (g != null) {
      return g;
    }
    synchronized (this) {
      return groupsByTags.computeIfAbsent(tags, t -> {
        OrderGroup[] current = groups;
        OrderGroup created = new OrderGroup(meters, current.length, t);
        OrderGroup[] next = Arrays.copyOf(current, current.length + 1);
        next[created.index] = created;
        groups = next;
        return created;
      });
    }
  }

  // ---- events: the id is read once, the table's lock taken once, the timers recorded outside it ----

  /**
   * A point of the life of the order read from the call: reads its id and {@link #apply applies}
   * the event. A call without an id (null along the path) is counted and logged through
   * {@code site}.
   *
   * @param nowNanos the time of the event (for {@link Event#UNSENT}: the time the order entered)
   * @param group    the order's group, for {@link Event#SENT}
   * @param complete for {@link Event#FILL}: whether the fill completes the order
   * @return for {@link Event#SENT}: whether the order entered the table
   */
  boolean onOrder(Event event, OrderIds ids, long nowNanos, @Nullable OrderGroup group, boolean complete,
      InstrumentationErrors.Site site, @Nullable Object r, long rb, @Nullable Object a0, long p0,
      @Nullable Object a1, long p1, @Nullable Object a2, long p2, @Nullable Object a3, long p3,
      @Nullable Object a4, long p4, @Nullable Object a5, long p5) throws Throwable {
    return onOrder(event, ids, nowNanos, group, complete, null, site, r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4,
        a5, p5);
  }

  /**
   * As {@link #onOrder(Event, OrderIds, long, OrderGroup, boolean, InstrumentationErrors.Site, Object, long,
   * Object, long, Object, long, Object, long, Object, long, Object, long, Object, long)}, with the
   * end label the end point read (the reject or cancel {@code reason}, the fill's
   * {@code liquidity}; rendered and bounded by its label tree), or null for the default.
   */
  boolean onOrder(Event event, OrderIds ids, long nowNanos, @Nullable OrderGroup group, boolean complete,
      @Nullable String endLabel, InstrumentationErrors.Site site, @Nullable Object r, long rb, @Nullable Object a0,
      long p0, @Nullable Object a1, long p1, @Nullable Object a2, long p2, @Nullable Object a3, long p3,
      @Nullable Object a4, long p4, @Nullable Object a5, long p5) throws Throwable {
    Object object = ids.objectId(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    long id = object == null ? ids.longId(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5) : 0L;
    if (object == null && id == OrderIds.ABSENT) {
      if (event != Event.UNSENT) {
        site.missing("orderId");
      }
      return false;
    }
    return apply(event, id, object, nowNanos, group, complete, endLabel);
  }

  /** An order was sent at {@code nowNanos}; whether it entered the table (false for an id in flight, counted). */
  boolean sent(long id, @Nullable Object object, long nowNanos, OrderGroup group) {
    return apply(Event.SENT, id, object, nowNanos, group, false, null);
  }

  /**
   * Applies an event to the table under its lock, then records what it measured outside the lock:
   * a send enters the order (after taking out up to {@value #SWEEP_PER_SEND} timed-out ones); a send
   * that threw takes it out again (if it is still the entry of that send); an ack, reject, cancel
   * request or confirmation, venue expiry or fill matches the order, or is counted as unmatched.
   */
  private boolean apply(Event event, long id, @Nullable Object object, long nowNanos, @Nullable OrderGroup group,
      boolean complete, @Nullable String endLabel) {
    int h = object == null ? OrderTable.hashOf(id) : OrderTable.hashOf(object);
    int groupIndex = OrderTable.NONE;
    long since = 0L;
    int timer = -1;
    int secondTimer = -1;
    boolean entered = false;
    Reason unmatchedReason = null;
    OutOfMemoryError growthFailure = null;
    table.lock();
    try {
      if (event == Event.SENT) {
        table.expire(nowNanos - timeoutNanos, SWEEP_PER_SEND);
      }
      int e = table.find(id, object, h);
      int flags = e == OrderTable.NONE ? 0 : table.flags(e);
      if (e != OrderTable.NONE) {
        groupIndex = table.group(e);
      }
      switch (event) {
        case SENT -> {
          if (e != OrderTable.NONE) {
            unmatchedReason = Reason.DUPLICATE;
          } else if (group != null) {
            table.insert(id, object, h, nowNanos, group.index);
            growthFailure = table.takeGrowthFailure();
            entered = true;
          }
        }
        case UNSENT -> {
          if (e != OrderTable.NONE && table.sentNanos(e) == nowNanos) {
            table.remove(e);
          }
        }
        case CANCEL_SENT -> {
          if (e == OrderTable.NONE) {
            unmatchedReason = Reason.UNKNOWN;
          } else if ((flags & OrderTable.CANCEL_SENT) != 0) {
            unmatchedReason = Reason.DUPLICATE;
          } else {
            table.addFlags(e, OrderTable.CANCEL_SENT);
            table.cancelNanos(e, nowNanos);
          }
        }
        case ACK -> {
          if (e == OrderTable.NONE) {
            unmatchedReason = Reason.UNKNOWN;
          } else if ((flags & OrderTable.ACKED) != 0) {
            unmatchedReason = Reason.DUPLICATE;
          } else {
            table.addFlags(e, OrderTable.ACKED);
            since = table.sentNanos(e);
            timer = OrderGroup.ACK;
          }
        }
        case REJECT -> {
          if (e == OrderTable.NONE) {
            unmatchedReason = Reason.UNKNOWN;
          } else {
            if ((flags & OrderTable.ACKED) != 0) {
              unmatchedReason = Reason.DUPLICATE;
            } else {
              since = table.sentNanos(e);
              timer = OrderGroup.REJECTED;
            }
            table.remove(e);
          }
        }
        case CANCEL, EXPIRE -> {
          if (e == OrderTable.NONE) {
            unmatchedReason = Reason.UNKNOWN;
          } else {
            since = (flags & OrderTable.CANCEL_SENT) != 0 ? table.cancelNanos(e) : table.sentNanos(e);
            timer = event == Event.CANCEL ? OrderGroup.CANCELLED : OrderGroup.VENUE_EXPIRED;
            table.remove(e);
          }
        }
        case FILL -> {
          if (e == OrderTable.NONE) {
            unmatchedReason = Reason.UNKNOWN;
          } else {
            since = table.sentNanos(e);
            timer = (flags & OrderTable.FILLED) == 0 ? OrderGroup.FIRST_FILL : -1;
            secondTimer = complete ? OrderGroup.COMPLETE_FILL : -1;
            if (complete) {
              table.remove(e);
            } else {
              table.addFlags(e, OrderTable.FILLED);
            }
          }
        }
        default -> throw new IllegalArgumentException(event.name());
      }
    } finally {
      table.unlock();
    }
    if (growthFailure != null) {
      tableGrowthFailed(growthFailure);
    }
    if (unmatchedReason != null) {
      meters.unmatched(event, unmatchedReason).increment();
    }
    if (timer >= 0 || secondTimer >= 0) {
      long latencyNanos = Math.max(0L, nowNanos - since);
      OrderGroup g = groups[groupIndex];
      // the order's id is the current one while its latency is recorded: an exemplar sampler reads it
      CurrentOrder current = CurrentOrder.enter(id, object);
      try {
        if (timer >= 0) {
          g.timer(timer, endLabel).record(latencyNanos, TimeUnit.NANOSECONDS);
        }
        if (secondTimer >= 0) {
          g.timer(secondTimer, endLabel).record(latencyNanos, TimeUnit.NANOSECONDS);
        }
      } finally {
        current.exit();
      }
    }
    return entered;
  }

  /**
   * Reports, once (the table hands the failure out once, and never grows again), that the in-flight
   * table could not grow for want of heap: logged at ERROR and counted in
   * {@code tradermetrics_instrumentation_errors_total{annotation="@OrderSent"}}.
   */
  private void tableGrowthFailed(OutOfMemoryError e) {
    int held;
    table.lock();
    try {
      held = table.capacity();
    } finally {
      table.unlock();
    }
    engine.countError("@OrderSent");
    try {
      LOG.error("tradermetrics: the in-flight order table could not grow past {} orders ({}); it now holds at most {}"
          + " (configured {}), and a send beyond that takes out the oldest order, counted in"
          + " trader_orders_expired_total{reason=\"capacity\"}", held, e, held, configuredCapacity);
    } catch (Throwable ignored) {
      Fatal.rethrowIfFatal(ignored);
    }
  }

  /** Records tick-to-trade at {@code nowNanos} if this thread is handling a tick. */
  void tickToTrade(long nowNanos) {
    TickState tick = ticks.get();
    if (tick.depth > 0 && tick.meters != null) {
      tick.meters.tickToTrade().record(Math.max(0L, nowNanos - tick.startNanos), TimeUnit.NANOSECONDS);
    }
  }

  /** The tick a thread is handling: the outermost {@code @MarketDataTick} handler running on it. */
  static final class TickState {
    int depth;
    long startNanos;
    LifecycleMeters.@Nullable TickMeters meters;
  }
}
