package io.tradermetrics.aspects.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tradermetrics.annotation.CancelSent;
import io.tradermetrics.annotation.MarketDataTick;
import io.tradermetrics.annotation.OrderAcked;
import io.tradermetrics.annotation.OrderCancelled;
import io.tradermetrics.annotation.OrderExpired;
import io.tradermetrics.annotation.OrderFilled;
import io.tradermetrics.annotation.OrderRejected;
import io.tradermetrics.annotation.OrderSent;
import io.tradermetrics.aspects.InstrumentationConfigException;
import io.tradermetrics.catalog.MetricCatalog;
import io.tradermetrics.catalog.MetricDefinition;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine's order lifecycle: the in-flight table ({@link OrderTable}), the meters of every
 * label group of orders, the market data tick of each thread, and the instruments of the lifecycle
 * join points ({@link OrderSent}, {@link CancelSent}, {@link OrderAcked}, {@link OrderRejected},
 * {@link OrderFilled}, {@link OrderCancelled}, {@link OrderExpired}, {@link MarketDataTick}).
 *
 * <p><b>Labels without allocation.</b> The {@code venue}, {@code symbol} and {@code side} of an
 * order are resolved at its send through the join point's {@link LabelTree} into an
 * {@link OrderGroup}, a set of lazily registered timers with a small integer index; the table keeps
 * that index in an {@code int} slot, and end points look the group up in an array.
 *
 * <p><b>Expiry.</b> No timer thread: orders older than the timeout are taken out (and counted in
 * {@code trader_orders_expired_total{reason="timeout"}}) at most two at a time on every send,
 * amortized on the order path, and all of them when a scrape reads {@code trader_orders_inflight}
 * or the expired counter (at most once per millisecond, so one scrape sees figures that add up), in
 * chunks of {@value #SWEEP_CHUNK} with the lock released between chunks, so that senders wait for one
 * chunk at most. A send into a full table takes out the oldest ({@code reason="capacity"}).
 *
 * <p>Thread-safe: the table is guarded by its lock, taken once per event, meters are recorded
 * outside it.
 */
public final class OrderLifecycle {

  /** The annotations of the points of an order's life, bound by {@code OrderLifecycleAspect}. */
  static final List<Class<? extends Annotation>> ORDER_POINTS = List.of(
      OrderSent.class, CancelSent.class, OrderAcked.class, OrderRejected.class, OrderFilled.class,
      OrderCancelled.class, OrderExpired.class);

  private static final List<String> SETTABLE = List.of(MetricCatalog.VENUE, MetricCatalog.SYMBOL, MetricCatalog.SIDE);
  private static final List<String> TICK_SETTABLE = List.of(MetricCatalog.SYMBOL);
  private static final long SCRAPE_SWEEP_INTERVAL_NANOS = 1_000_000L;
  /** Expired entries taken out per send, at most: more than one, so expiry keeps up with sends. */
  private static final int SWEEP_PER_SEND = 2;
  /**
   * Timed-out entries a scrape takes out per hold of the table's lock (a few microseconds): after a
   * venue disconnect a hundred thousand orders time out together, and the senders must not wait for
   * all of them at once.
   */
  static final int SWEEP_CHUNK = 256;
  private static final java.util.function.IntConsumer NO_PROBE = n -> { };

  private static final Logger LOG = LoggerFactory.getLogger("io.tradermetrics.instrumentation");

  private static volatile @Nullable OrderLifecycle last;

  final Engine engine;
  final Clock clock;
  final OrderTable table;
  final long timeoutNanos;
  private final ConcurrentHashMap<JoinPoint.StaticPart, Instrument> instruments = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<JoinPoint.StaticPart, TickInstrument> tickInstruments = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<JoinPoint.StaticPart, SentInstrument> sentInstruments = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<JoinPoint.StaticPart, CancelSentInstrument> cancelInstruments = new ConcurrentHashMap<>();
  private volatile OrderGroup[] groups = new OrderGroup[0];
  final ThreadLocal<TickState> ticks = ThreadLocal.withInitial(TickState::new);
  private final AtomicReferenceArray<Counter> unmatched =
      new AtomicReferenceArray<>(Event.values().length * Reason.values().length);
  private final Duration[] latencyBuckets;
  private final Duration[] fillBuckets;
  private long lastScrapeSweepNanos; // guarded by the table's lock
  volatile long wallOffsetNanos;
  /** Called, outside the lock, with the count of each chunk a scrape's sweep took out; for tests. */
  java.util.function.IntConsumer sweepChunkProbe = NO_PROBE;

  /** The points of an order's life, as the {@code event} label renders them. */
  enum Event {
    SENT("sent"), CANCEL_SENT("cancel_sent"), ACK("ack"), REJECT("reject"), FILL("fill"), CANCEL("cancel"),
    EXPIRE("expire");

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

  private OrderLifecycle(Engine engine) {
    this.engine = engine;
    this.clock = engine.clock;
    this.table = new OrderTable(engine.settings.ordersCapacity());
    this.timeoutNanos = engine.settings.ordersTimeout().toNanos();
    this.latencyBuckets = slos(engine.settings.latencyBucketsSeconds());
    this.fillBuckets = slos(MetricCatalog.DEFAULT_FILL_LATENCY_BUCKETS_SECONDS);
    calibrateWallClock();
    String inflight = engine.name(MetricCatalog.ORDERS_INFLIGHT);
    String expired = engine.name(MetricCatalog.ORDERS_EXPIRED);
    // a second engine on the same registry replaces the first one's figures instead of reading them
    removeExisting(inflight);
    removeExisting(expired);
    Gauge.builder(inflight, this, OrderLifecycle::inflightForScrape)
        .description(MetricCatalog.ORDERS_INFLIGHT.help())
        .strongReference(true)
        .register(engine.registry);
    FunctionCounter.builder(expired, this, OrderLifecycle::expiredTimeoutForScrape)
        .description(MetricCatalog.ORDERS_EXPIRED.help())
        .tag(MetricCatalog.REASON, "timeout")
        .register(engine.registry);
    FunctionCounter.builder(expired, this, OrderLifecycle::expiredCapacityForScrape)
        .description(MetricCatalog.ORDERS_EXPIRED.help())
        .tag(MetricCatalog.REASON, "capacity")
        .register(engine.registry);
  }

  private void removeExisting(String name) {
    for (Meter meter : engine.registry.find(name).meters()) {
      engine.registry.remove(meter);
    }
  }

  private static Duration[] slos(List<Double> seconds) {
    return seconds.stream().map(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
  }

  /** What an engine shares under {@code OrderLifecycle.class} when its lifecycle could not be created. */
  private static final Object UNAVAILABLE = new Object();

  /**
   * The lifecycle of an engine, created when its first lifecycle join point is bound; null if it
   * could not be created (a registry that refuses its meters, a heap too small for its table): that
   * is logged at ERROR and counted once, and the lifecycle join points of the engine then record
   * nothing (their instruments are the NOOPs) instead of throwing into trading code.
   */
  static @Nullable OrderLifecycle of(Engine engine) {
    OrderLifecycle l = last;
    if (l != null && l.engine == engine) {
      return l;
    }
    Object shared = engine.shared(OrderLifecycle.class, () -> create(engine));
    if (shared instanceof OrderLifecycle created) {
      last = created;
      return created;
    }
    return null;
  }

  private static Object create(Engine engine) {
    try {
      return new OrderLifecycle(engine);
    } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
      try {
        // the meters registered before the failure read a lifecycle nobody else will see
        for (MetricDefinition d : List.of(MetricCatalog.ORDERS_INFLIGHT, MetricCatalog.ORDERS_EXPIRED)) {
          for (Meter meter : engine.registry.find(engine.name(d)).meters()) {
            engine.registry.remove(meter);
          }
        }
      } catch (RuntimeException | LinkageError ignored) {
        // best effort: the failure itself is what gets reported
      }
      try {
        engine.errors.count("@OrderSent");
      } catch (RuntimeException | LinkageError ignored) {
        // a registry that refuses every meter: the log below still tells
      }
      LOG.error("tradermetrics: the order lifecycle could not be set up, so @OrderSent, @CancelSent, @OrderAcked,"
          + " @OrderRejected, @OrderFilled, @OrderCancelled, @OrderExpired and @MarketDataTick record nothing"
          + " on this registry; the annotated methods run as usual", e);
      return UNAVAILABLE;
    }
  }

  /**
   * The instrument of an order lifecycle join point of the current engine, bound on first use.
   * Never throws: a join point whose annotation is rejected gets {@link Instrument#NOOP}, and the
   * problem is logged at ERROR and counted.
   */
  public static Instrument instrument(JoinPoint.StaticPart joinPoint) {
    OrderLifecycle l = of(Engine.current());
    if (l == null) {
      return Instrument.NOOP;
    }
    Instrument instrument = l.instruments.get(joinPoint);
    return instrument != null ? instrument : l.bindSlow(joinPoint);
  }

  /** The instrument of a {@link MarketDataTick} join point of the current engine; same contract as {@link #instrument}. */
  public static TickInstrument tickInstrument(JoinPoint.StaticPart joinPoint) {
    OrderLifecycle l = of(Engine.current());
    if (l == null) {
      return TickInstrument.NOOP;
    }
    TickInstrument instrument = l.tickInstruments.get(joinPoint);
    return instrument != null ? instrument : l.bindTickSlow(joinPoint);
  }

  /** The instrument of an {@link OrderSent} join point of the current engine; same contract as {@link #instrument}. */
  public static SentInstrument sentInstrument(JoinPoint.StaticPart joinPoint) {
    OrderLifecycle l = of(Engine.current());
    if (l == null) {
      return SentInstrument.NOOP;
    }
    SentInstrument instrument = l.sentInstruments.get(joinPoint);
    return instrument != null ? instrument : l.bindSentSlow(joinPoint);
  }

  /** The instrument of a {@link CancelSent} join point of the current engine; same contract as {@link #instrument}. */
  public static CancelSentInstrument cancelSentInstrument(JoinPoint.StaticPart joinPoint) {
    OrderLifecycle l = of(Engine.current());
    if (l == null) {
      return CancelSentInstrument.NOOP;
    }
    CancelSentInstrument instrument = l.cancelInstruments.get(joinPoint);
    if (instrument != null) {
      return instrument;
    }
    return l.cancelInstruments.computeIfAbsent(joinPoint, jp -> {
      String where = String.valueOf(jp.getSignature());
      try {
        Method method = ((MethodSignature) jp.getSignature()).getMethod();
        where = method.getDeclaringClass().getName() + "." + method.getName();
        CancelSent cancel = Annotations.find(method, CancelSent.class);
        if (cancel == null) {
          throw new InstrumentationConfigException(method + " carries no @CancelSent");
        }
        JoinPointInfo info = new JoinPointInfo(method, cancel);
        checkSingle(info, lifecycleAnnotations(method));
        IdSource id = IdSource.of(info, cancel.orderId());
        if ((id.mask() & Instrument.RESULT) != 0) {
          throw info.error("orderId", "'" + cancel.orderId() + "' reads the return value; a cancel request is "
              + "remembered when the method starts, so read the id from a parameter, e.g. orderId = \"#0\"");
        }
        return new CancelSentInstrument(l, id, l.engine.errors.site(info));
      } catch (RuntimeException | LinkageError e) {
        l.engine.errors.bindingFailed("@CancelSent", where, e);
        return CancelSentInstrument.NOOP;
      }
    });
  }

  private SentInstrument bindSentSlow(JoinPoint.StaticPart joinPoint) {
    return sentInstruments.computeIfAbsent(joinPoint, jp -> {
      String where = String.valueOf(jp.getSignature());
      try {
        Method method = ((MethodSignature) jp.getSignature()).getMethod();
        where = method.getDeclaringClass().getName() + "." + method.getName();
        return bindSent(method);
      } catch (RuntimeException | LinkageError e) {
        engine.errors.bindingFailed("@OrderSent", where, e);
        return SentInstrument.NOOP;
      }
    });
  }

  /**
   * Binds an {@link OrderSent} join point's instrument.
   *
   * @throws InstrumentationConfigException if the annotation cannot be honoured
   */
  SentInstrument bindSent(Method method) {
    OrderSent sent = Annotations.find(method, OrderSent.class);
    if (sent == null) {
      throw new InstrumentationConfigException(method + " carries no @OrderSent");
    }
    JoinPointInfo jp = new JoinPointInfo(method, sent);
    checkSingle(jp, lifecycleAnnotations(method));
    LabelTree<OrderGroup> labels = engine.labels(jp, MetricCatalog.ORDER_ACK_LATENCY, SETTABLE,
        java.util.Map.of(MetricCatalog.VENUE, sent.venue(), MetricCatalog.SYMBOL, sent.symbol(),
            MetricCatalog.SIDE, sent.side()),
        Tags.empty(), this::group);
    return new SentInstrument(this, IdSource.of(jp, sent.orderId()), labels,
        engine.errors.site(jp));
  }

  private Instrument bindSlow(JoinPoint.StaticPart joinPoint) {
    return instruments.computeIfAbsent(joinPoint, jp -> {
      String where = String.valueOf(jp.getSignature());
      String annotation = "@OrderSent";
      try {
        Method method = ((MethodSignature) jp.getSignature()).getMethod();
        where = method.getDeclaringClass().getName() + "." + method.getName();
        Annotation found = single(method);
        annotation = found == null ? annotation : "@" + found.annotationType().getSimpleName();
        return bind(method);
      } catch (RuntimeException | LinkageError e) {
        engine.errors.bindingFailed(annotation, where, e);
        return Instrument.NOOP;
      }
    });
  }

  private TickInstrument bindTickSlow(JoinPoint.StaticPart joinPoint) {
    return tickInstruments.computeIfAbsent(joinPoint, jp -> {
      String where = String.valueOf(jp.getSignature());
      try {
        Method method = ((MethodSignature) jp.getSignature()).getMethod();
        where = method.getDeclaringClass().getName() + "." + method.getName();
        return bindTick(method);
      } catch (RuntimeException | LinkageError e) {
        engine.errors.bindingFailed("@MarketDataTick", where, e);
        return TickInstrument.NOOP;
      }
    });
  }

  /** The one lifecycle annotation of a method, or null; more than one is reported by {@link #bind}. */
  private static @Nullable Annotation single(Method method) {
    for (Class<? extends Annotation> type : ORDER_POINTS) {
      Annotation a = Annotations.find(method, type);
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  private static List<Annotation> lifecycleAnnotations(Method method) {
    List<Annotation> found = new ArrayList<>();
    for (Class<? extends Annotation> type : ORDER_POINTS) {
      Annotation a = Annotations.find(method, type);
      if (a != null) {
        found.add(a);
      }
    }
    Annotation tick = Annotations.find(method, MarketDataTick.class);
    if (tick != null) {
      found.add(tick);
    }
    return found;
  }

  private static void checkSingle(JoinPointInfo jp, List<Annotation> found) {
    if (found.size() > 1) {
      throw jp.error("(annotation)", "the method carries " + found.stream()
          .map(a -> "@" + a.annotationType().getSimpleName()).toList()
          + "; a method marks one point of an order's life: keep one, and put the others on the methods that"
          + " send, receive or handle those events");
    }
  }

  /**
   * Binds an order point's instrument.
   *
   * @throws InstrumentationConfigException if the annotation cannot be honoured
   */
  Instrument bind(Method method) {
    List<Annotation> found = lifecycleAnnotations(method);
    if (found.isEmpty()) {
      throw new InstrumentationConfigException(method + " carries no order lifecycle annotation");
    }
    Annotation annotation = found.get(0);
    JoinPointInfo jp = new JoinPointInfo(method, annotation);
    checkSingle(jp, found);
    InstrumentationErrors.Site errors = engine.errors.site(jp);
    if (annotation instanceof OrderFilled filled) {
      ValueSource complete = jp.source("complete", filled.complete());
      Class<?> type = complete.type();
      if (type != boolean.class && type != Boolean.class && type != Object.class) {
        throw jp.error("complete", "'" + filled.complete() + "' is a " + type.getName()
            + "; expected a boolean or Boolean (true when this fill completes the order)");
      }
      return new LifecycleInstrument.Filled(this, IdSource.of(jp, filled.orderId()), complete, errors);
    }
    String orderId;
    Event event;
    if (annotation instanceof CancelSent a) {
      orderId = a.orderId();
      event = Event.CANCEL_SENT;
    } else if (annotation instanceof OrderAcked a) {
      orderId = a.orderId();
      event = Event.ACK;
    } else if (annotation instanceof OrderRejected a) {
      orderId = a.orderId();
      event = Event.REJECT;
    } else if (annotation instanceof OrderCancelled a) {
      orderId = a.orderId();
      event = Event.CANCEL;
    } else if (annotation instanceof OrderExpired a) {
      orderId = a.orderId();
      event = Event.EXPIRE;
    } else {
      throw jp.error("(annotation)", "@OrderSent and @MarketDataTick are bound by their own aspects");
    }
    return new LifecycleInstrument.End(this, event, IdSource.of(jp, orderId), errors);
  }

  /**
   * Binds a {@link MarketDataTick} join point's instrument.
   *
   * @throws InstrumentationConfigException if the annotation cannot be honoured
   */
  TickInstrument bindTick(Method method) {
    MarketDataTick tick = Annotations.find(method, MarketDataTick.class);
    if (tick == null) {
      throw new InstrumentationConfigException(method + " carries no @MarketDataTick");
    }
    JoinPointInfo jp = new JoinPointInfo(method, tick);
    checkSingle(jp, lifecycleAnnotations(method));
    ValueSource exchangeTime = null;
    boolean instant = false;
    if (!tick.exchangeTime().isBlank()) {
      exchangeTime = jp.source("exchangeTime", tick.exchangeTime());
      Class<?> type = exchangeTime.type();
      instant = type == Instant.class;
      boolean integral = ValueSource.isIntegralPrimitive(type) || type == Long.class || type == Integer.class;
      if (!instant && !integral && type != Object.class) {
        throw jp.error("exchangeTime", "'" + tick.exchangeTime() + "' is a " + type.getName()
            + "; expected a long or int since the Unix epoch in exchangeTimeUnit, or a java.time.Instant");
      }
    }
    if (exchangeTime != null && (exchangeTime.mask() & Instrument.RESULT) != 0) {
      throw jp.error("exchangeTime", "'" + tick.exchangeTime() + "' reads the return value, which does not exist yet "
          + "when the tick arrives; read it from a parameter, e.g. exchangeTime = \"#0.timestamp\"");
    }
    LabelTree<TickMeters> labels = engine.labels(jp, MetricCatalog.TICK_TO_TRADE, TICK_SETTABLE,
        java.util.Map.of(MetricCatalog.SYMBOL, tick.symbol()), Tags.empty(),
        tags -> (TickMeters) engine.shared(List.of(TickMeters.class, tags), () -> new TickMeters(this, tags)));
    return new TickInstrument(this, labels, exchangeTime, tick.exchangeTimeUnit(),
        engine.errors.site(jp));
  }

  /**
   * Checks the order lifecycle annotations of a method against a throw-away engine.
   *
   * @param scratch the engine {@link Engine#validate} binds against
   * @param method  the method
   * @param problems where to add each problem's message
   */
  static void validate(Engine scratch, Method method, List<String> problems) {
    OrderLifecycle l = of(scratch);
    if (l == null) {
      return; // the registry refused the lifecycle's meters: reported when that happened
    }
    try {
      if (Annotations.find(method, OrderSent.class) != null) {
        l.bindSent(method);
      } else if (single(method) != null) {
        l.bind(method);
      } else if (Annotations.find(method, MarketDataTick.class) != null) {
        l.bindTick(method);
      }
    } catch (InstrumentationConfigException e) {
      problems.add(e.getMessage());
    }
  }

  private OrderGroup group(Tags tags) {
    return (OrderGroup) engine.shared(List.of(OrderGroup.class, tags), () -> {
      synchronized (this) {
        OrderGroup[] current = groups;
        OrderGroup g = new OrderGroup(this, current.length, tags);
        OrderGroup[] next = Arrays.copyOf(current, current.length + 1);
        next[g.index] = g;
        groups = next;
        return g;
      }
    });
  }

  OrderGroup group(int index) {
    return groups[index];
  }

  // ---- events; each takes the table lock once and records outside it ----

  /**
   * An order was sent at {@code nowNanos}.
   *
   * @return whether it entered the table (false for an id already in flight, which is counted)
   */
  boolean sent(long id, @Nullable Object object, long nowNanos, OrderGroup group) {
    int h = object == null ? OrderTable.hashOf(id) : OrderTable.hashOf(object);
    boolean duplicate;
    OutOfMemoryError growthFailure = null;
    table.lock();
    try {
      table.expire(nowNanos - timeoutNanos, SWEEP_PER_SEND);
      duplicate = table.find(id, object, h) != OrderTable.NONE;
      if (!duplicate) {
        table.insert(id, object, h, nowNanos, group.index);
        growthFailure = table.takeGrowthFailure();
      }
    } finally {
      table.unlock();
    }
    if (growthFailure != null) {
      tableGrowthFailed(growthFailure);
    }
    if (duplicate) {
      unmatched(Event.SENT, Reason.DUPLICATE).increment();
    }
    return !duplicate;
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
    try {
      engine.errors.count("@OrderSent");
      LOG.error("tradermetrics: the in-flight order table could not grow past {} orders ({}); it now holds at most {}"
          + " (configured {}), and a send beyond that takes out the oldest order, counted in"
          + " trader_orders_expired_total{reason=\"capacity\"}", held, e, held, engine.settings.ordersCapacity());
    } catch (RuntimeException | OutOfMemoryError ignored) {
      // short of heap, reporting may fail as well; the table itself is consistent
    }
  }

  /** A send entered with {@link #sent} at {@code sentAtNanos} threw: the order was not sent. */
  void unsent(long id, @Nullable Object object, long sentAtNanos) {
    int h = object == null ? OrderTable.hashOf(id) : OrderTable.hashOf(object);
    table.lock();
    try {
      int e = table.find(id, object, h);
      if (e != OrderTable.NONE && table.sentNanos(e) == sentAtNanos) {
        table.remove(e);
      }
    } finally {
      table.unlock();
    }
  }

  /** Records tick-to-trade at {@code nowNanos} if this thread is handling a tick. */
  void tickToTrade(long nowNanos) {
    TickState tick = ticks.get();
    if (tick.depth > 0 && tick.meters != null) {
      tick.meters.tickToTrade().record(Math.max(0L, nowNanos - tick.startNanos), TimeUnit.NANOSECONDS);
    }
  }

  /** A non-fill event for an order at {@code nowNanos}. */
  void event(Event event, long id, @Nullable Object object, long nowNanos) {
    int h = object == null ? OrderTable.hashOf(id) : OrderTable.hashOf(object);
    int groupIndex = OrderTable.NONE;
    long since = 0L;
    int timer = -1;
    Reason unmatchedReason = null;
    table.lock();
    try {
      int e = table.find(id, object, h);
      if (e == OrderTable.NONE) {
        unmatchedReason = Reason.UNKNOWN;
      } else {
        int flags = table.flags(e);
        groupIndex = table.group(e);
        switch (event) {
          case CANCEL_SENT -> {
            if ((flags & OrderTable.CANCEL_SENT) != 0) {
              unmatchedReason = Reason.DUPLICATE;
            } else {
              table.addFlags(e, OrderTable.CANCEL_SENT);
              table.cancelNanos(e, nowNanos);
            }
          }
          case ACK -> {
            if ((flags & OrderTable.ACKED) != 0) {
              unmatchedReason = Reason.DUPLICATE;
            } else {
              table.addFlags(e, OrderTable.ACKED);
              since = table.sentNanos(e);
              timer = OrderGroup.ACK;
            }
          }
          case REJECT -> {
            if ((flags & OrderTable.ACKED) != 0) {
              unmatchedReason = Reason.DUPLICATE;
            } else {
              since = table.sentNanos(e);
              timer = OrderGroup.REJECTED;
            }
            table.remove(e);
          }
          case CANCEL, EXPIRE -> {
            since = (flags & OrderTable.CANCEL_SENT) != 0 ? table.cancelNanos(e) : table.sentNanos(e);
            timer = event == Event.CANCEL ? OrderGroup.CANCELLED : OrderGroup.VENUE_EXPIRED;
            table.remove(e);
          }
          default -> throw new IllegalArgumentException(event.name());
        }
      }
    } finally {
      table.unlock();
    }
    if (unmatchedReason != null) {
      unmatched(event, unmatchedReason).increment();
    }
    if (timer >= 0) {
      groups[groupIndex].timer(timer).record(Math.max(0L, nowNanos - since), TimeUnit.NANOSECONDS);
    }
  }

  /** A fill of an order at {@code nowNanos}. */
  void filled(long id, @Nullable Object object, long nowNanos, boolean complete) {
    int h = object == null ? OrderTable.hashOf(id) : OrderTable.hashOf(object);
    int groupIndex = OrderTable.NONE;
    long since = 0L;
    boolean first = false;
    table.lock();
    try {
      int e = table.find(id, object, h);
      if (e != OrderTable.NONE) {
        groupIndex = table.group(e);
        since = table.sentNanos(e);
        first = (table.flags(e) & OrderTable.FILLED) == 0;
        if (complete) {
          table.remove(e);
        } else {
          table.addFlags(e, OrderTable.FILLED);
        }
      }
    } finally {
      table.unlock();
    }
    if (groupIndex == OrderTable.NONE) {
      unmatched(Event.FILL, Reason.UNKNOWN).increment();
      return;
    }
    long latencyNanos = Math.max(0L, nowNanos - since);
    OrderGroup g = groups[groupIndex];
    if (first) {
      g.timer(OrderGroup.FIRST_FILL).record(latencyNanos, TimeUnit.NANOSECONDS);
    }
    if (complete) {
      g.timer(OrderGroup.COMPLETE_FILL).record(latencyNanos, TimeUnit.NANOSECONDS);
    }
  }

  Counter unmatched(Event event, Reason reason) {
    int i = event.ordinal() * Reason.values().length + reason.ordinal();
    Counter c = unmatched.get(i);
    if (c == null) {
      c = Counter.builder(engine.name(MetricCatalog.ORDER_EVENTS_UNMATCHED))
          .description(MetricCatalog.ORDER_EVENTS_UNMATCHED.help())
          .tag(MetricCatalog.EVENT, event.label)
          .tag(MetricCatalog.REASON, reason.label)
          .register(engine.registry);
      unmatched.set(i, c);
    }
    return c;
  }

  // ---- scrape side ----

  /**
   * Takes out every order sent a timeout or more ago, at most once per millisecond, in chunks of
   * {@value #SWEEP_CHUNK} each under the table's lock (released between chunks). It returns when no
   * timed-out order is left, so the figures read after it add up; the millisecond starts when a sweep
   * ends, so two readers at once both sweep to the end (their chunks interleave harmlessly).
   */
  private void sweepForScrape() {
    long now = clock.monotonicTime();
    long deadline = now - timeoutNanos;
    int n;
    table.lock();
    try {
      if (lastScrapeSweepNanos != 0L && now - lastScrapeSweepNanos < SCRAPE_SWEEP_INTERVAL_NANOS) {
        return;
      }
      n = table.expire(deadline, SWEEP_CHUNK);
    } finally {
      table.unlock();
    }
    sweepChunkProbe.accept(n);
    while (n == SWEEP_CHUNK) {
      Thread.onSpinWait(); // a window for a spinning sender to take the lock
      table.lock();
      try {
        n = table.expire(deadline, SWEEP_CHUNK);
      } finally {
        table.unlock();
      }
      sweepChunkProbe.accept(n);
    }
    table.lock();
    try {
      lastScrapeSweepNanos = now;
    } finally {
      table.unlock();
    }
  }

  /** {@code trader_orders_inflight} at a scrape: timed-out orders taken out first. */
  double inflightForScrape() {
    sweepForScrape();
    calibrateWallClock();
    table.lock();
    try {
      return table.size();
    } finally {
      table.unlock();
    }
  }

  double expiredTimeoutForScrape() {
    sweepForScrape();
    table.lock();
    try {
      return table.expiredTimeout();
    } finally {
      table.unlock();
    }
  }

  double expiredCapacityForScrape() {
    table.lock();
    try {
      return table.expiredCapacity();
    } finally {
      table.unlock();
    }
  }

  /**
   * Relates the registry's monotonic clock to the wall clock, for the exchange-to-local delay of
   * ticks: with the system clock from {@link Instant#now()} (microseconds on Linux), else from the
   * registry clock's wall time (milliseconds; a {@code MockClock} moves both together). Redone at
   * every scrape, so that wall clock adjustments (NTP) are followed.
   */
  void calibrateWallClock() {
    if (clock == Clock.SYSTEM) {
      Instant now = Instant.now();
      long mono = clock.monotonicTime();
      wallOffsetNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - mono;
    } else {
      wallOffsetNanos = clock.wallTime() * 1_000_000L - clock.monotonicTime();
    }
  }

  /** Timers of one {@code venue}, {@code symbol}, {@code side} combination; each registered on first use. */
  static final class OrderGroup {
    static final int ACK = 0;
    static final int REJECTED = 1;
    static final int FIRST_FILL = 2;
    static final int COMPLETE_FILL = 3;
    static final int CANCELLED = 4;
    static final int VENUE_EXPIRED = 5;

    final int index;
    private final OrderLifecycle lifecycle;
    private final Tags tags;
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(6);

    OrderGroup(OrderLifecycle lifecycle, int index, Tags tags) {
      this.lifecycle = lifecycle;
      this.index = index;
      this.tags = tags;
    }

    Timer timer(int which) {
      Timer t = timers.get(which);
      if (t == null) {
        t = switch (which) {
          case ACK -> register(MetricCatalog.ORDER_ACK_LATENCY, MetricCatalog.OUTCOME, "ack", lifecycle.latencyBuckets);
          case REJECTED -> register(MetricCatalog.ORDER_ACK_LATENCY, MetricCatalog.OUTCOME, "rejected", lifecycle.latencyBuckets);
          case FIRST_FILL -> register(MetricCatalog.ORDER_FILL_LATENCY, MetricCatalog.FILL, "first", lifecycle.fillBuckets);
          case COMPLETE_FILL -> register(MetricCatalog.ORDER_FILL_LATENCY, MetricCatalog.FILL, "complete", lifecycle.fillBuckets);
          case CANCELLED -> register(MetricCatalog.ORDER_CANCEL_LATENCY, MetricCatalog.OUTCOME, "cancelled", lifecycle.latencyBuckets);
          default -> register(MetricCatalog.ORDER_CANCEL_LATENCY, MetricCatalog.OUTCOME, "expired", lifecycle.latencyBuckets);
        };
        timers.set(which, t);
      }
      return t;
    }

    private Timer register(MetricDefinition definition, String key, String value, Duration[] slos) {
      return newTimer(lifecycle, definition, tags.and(key, value), slos);
    }
  }

  static Timer newTimer(OrderLifecycle lifecycle, MetricDefinition definition, Tags tags, Duration[] slos) {
    return Timer.builder(lifecycle.engine.name(definition))
        .description(definition.help())
        .tags(tags)
        .serviceLevelObjectives(slos)
        .minimumExpectedValue(slos[0])
        .maximumExpectedValue(slos[slos.length - 1])
        .register(lifecycle.engine.registry);
  }

  /** The meters of one tick symbol; each registered on first use. */
  static final class TickMeters {
    private final OrderLifecycle lifecycle;
    private final Tags tags;
    private volatile @Nullable Timer tickToTrade;
    private volatile @Nullable Timer delay;
    private volatile @Nullable Counter skew;

    TickMeters(OrderLifecycle lifecycle, Tags tags) {
      this.lifecycle = lifecycle;
      this.tags = tags;
    }

    Timer tickToTrade() {
      Timer t = tickToTrade;
      if (t == null) {
        t = newTimer(lifecycle, MetricCatalog.TICK_TO_TRADE, tags, lifecycle.latencyBuckets);
        tickToTrade = t;
      }
      return t;
    }

    Timer delay() {
      Timer t = delay;
      if (t == null) {
        t = newTimer(lifecycle, MetricCatalog.MARKET_DATA_DELAY, tags, lifecycle.latencyBuckets);
        delay = t;
      }
      return t;
    }

    Counter skew() {
      Counter c = skew;
      if (c == null) {
        c = Counter.builder(lifecycle.engine.name(MetricCatalog.MARKET_DATA_CLOCK_SKEW))
            .description(MetricCatalog.MARKET_DATA_CLOCK_SKEW.help())
            .tags(tags)
            .register(lifecycle.engine.registry);
        skew = c;
      }
      return c;
    }
  }

  /** The tick a thread is handling: the outermost {@link MarketDataTick} handler running on it. */
  static final class TickState {
    int depth;
    long startNanos;
    @Nullable TickMeters meters;
  }
}
