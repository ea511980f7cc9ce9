package io.tradermetrics.examples.marketmaker;

import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The venue's side of the round trip, simulated: every order the market maker sends is acknowledged
 * (or rejected, past the rate limit the market maker applies for it), and every cancel request confirmed, on the venue's own thread ({@code simulated-venue}) after a
 * delay drawn from a seeded random generator: {@link #MIN_DELAY_NANOS} plus an exponential part with
 * mean {@link #MEAN_EXTRA_DELAY_NANOS}, capped at {@link #MAX_DELAY_NANOS}. The same seed gives the
 * same sequence of delays; what the measured latencies show on top of them is the JVM's own
 * scheduling of the venue thread.
 *
 * <p>Fills are not sent by this thread: the market maker matches its quotes against the replayed
 * trades itself (see {@link MarketMaker}). So that the venue's messages never overtake the market
 * (an ack after a fill of the same order), the replay calls {@link #awaitIdle()} before each trade:
 * it waits until every message already scheduled has been delivered. The market maker's decisions
 * therefore never depend on timing, and a replay of the same trades is deterministic in everything
 * but the measured latencies.
 *
 * <p>Thread-safe: {@link #orderSent} and {@link #cancelSent} are called by the market maker's thread,
 * messages are delivered on the venue thread, {@link #awaitIdle()} may be called from any thread.
 */
public final class SimulatedVenue implements AutoCloseable {

  /** The seed the demo uses. */
  public static final long DEFAULT_SEED = 20131125L;
  /** The least modelled delay of a venue message, nanoseconds (150 µs). */
  public static final long MIN_DELAY_NANOS = 150_000L;
  /** The mean of the exponential part of the modelled delay, nanoseconds (350 µs). */
  public static final long MEAN_EXTRA_DELAY_NANOS = 350_000L;
  /** The longest modelled delay, nanoseconds (5 ms). */
  public static final long MAX_DELAY_NANOS = 5_000_000L;

  private final MarketMaker maker;
  private final Random random;
  private final ScheduledThreadPoolExecutor thread;
  private final Object lock = new Object();
  private long pending;
  private volatile long slowNextNanos;
  private volatile long slowedOrderId;

  private SimulatedVenue(MarketMaker maker, long seed) {
    this.maker = maker;
    this.random = new Random(seed);
    this.thread = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "simulated-venue");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts a venue thread and connects it to the market maker, which from now on sends its orders
   * and cancel requests to it.
   *
   * @param maker the market maker
   * @param seed  the seed of the modelled delays
   * @return the venue; close it to stop its thread
   */
  public static SimulatedVenue connect(MarketMaker maker, long seed) {
    SimulatedVenue venue = new SimulatedVenue(maker, seed);
    maker.connect(venue);
    maker.venueConnection(MarketMaker.VENUE, true);
    return venue;
  }

  /** The modelled delay of the next message, nanoseconds. Called on the market maker's thread only. */
  private long nextDelayNanos() {
    double exponential = -Math.log(1 - random.nextDouble()) * MEAN_EXTRA_DELAY_NANOS;
    return Math.min(MAX_DELAY_NANOS, MIN_DELAY_NANOS + (long) exponential);
  }

  /**
   * An order was sent: after the modelled delay the venue acknowledges it, or, for an order past its
   * rate limit ({@code rejected}), sends a reject.
   */
  void orderSent(long orderId, boolean rejected) {
    if (rejected) {
      schedule(() -> maker.onReject(orderId, MarketMaker.REJECT_RATE_LIMIT), 0L);
    } else {
      long extra = slowNextNanos;
      if (extra > 0) {
        slowNextNanos = 0;
        slowedOrderId = orderId;
      }
      schedule(() -> maker.onAck(orderId), extra);
    }
  }

  /** Fault injection: the next order acknowledged is acknowledged {@code extraNanos} later than modelled. */
  public void slowNextOrder(long extraNanos) {
    slowNextNanos = extraNanos;
  }

  /** The client order id whose acknowledgement {@link #slowNextOrder} delayed, or 0. */
  public long slowedOrderId() {
    return slowedOrderId;
  }

  /** A cancel request was sent: the venue confirms it after the modelled delay. */
  void cancelSent(long orderId) {
    schedule(() -> maker.onCancelConfirmed(orderId), 0L);
  }

  private void schedule(Runnable message, long extraNanos) {
    long delayNanos = nextDelayNanos() + extraNanos;
    synchronized (lock) {
      pending++;
    }
    thread.schedule(() -> {
      try {
        message.run();
      } finally {
        synchronized (lock) {
          if (--pending == 0) {
            lock.notifyAll();
          }
        }
      }
    }, delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Waits until every message scheduled so far has been delivered.
   *
   * @throws IllegalStateException if interrupted (the interrupt flag is kept)
   */
  public void awaitIdle() {
    synchronized (lock) {
      while (pending > 0) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the simulated venue", e);
        }
      }
    }
  }

  /** Stops the venue thread; messages not yet delivered are dropped. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
