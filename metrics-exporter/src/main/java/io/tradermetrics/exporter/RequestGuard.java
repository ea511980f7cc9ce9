package io.tradermetrics.exporter;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor of the JDK server's exchanges, with a time limit on each one: what keeps slow and
 * stuck clients from starving the exporter.
 *
 * <p>The JDK server ({@code sun.net.httpserver.ServerImpl}) hands a connection to its executor as
 * soon as its first byte arrives, and the executor's thread then reads the request line and headers
 * in blocking mode, with no time limit unless the JVM-wide system property
 * {@code sun.net.httpserver.maxReqTime} is set. So each client that sends half a request holds a
 * thread for as long as it keeps the socket open. This class therefore:
 *
 * <ul>
 *   <li>runs each exchange on a thread of its own, from a pool of at most {@code maxRequests}
 *       daemon threads ({@code tradermetrics-exporter-N}, created on demand, gone after 30 s idle),
 *       so that slow clients take threads from that pool, not from the probes and scrapes;</li>
 *   <li>gives each exchange {@code requestTimeout} from its first byte until an endpoint starts to
 *       answer it ({@link #enter()}), and then {@code responseTimeout} to finish; a watchdog thread
 *       checks every 100 ms and interrupts the thread of an exchange past its deadline. The thread is
 *       then blocked in (or about to enter) a read or write of the connection's
 *       {@code SocketChannel}, an interruptible channel: the channel is closed and the JDK server
 *       drops the connection;</li>
 *   <li>when all {@code maxRequests} threads are busy, refuses the exchange: the JDK server closes
 *       that connection at once, instead of queueing it behind slow ones;</li>
 *   <li>runs scrapes on {@code threads} workers of their own ({@code tradermetrics-exporter-scrape-N})
 *       fed by a queue of {@value #SCRAPE_QUEUE} ({@link #handOff}): the request thread reads the
 *       request and hands it over, and a busy worker takes the next scrape without sleeping. The
 *       exchange keeps its deadline on the worker (a scrape still queued at its deadline is
 *       dropped);</li>
 *   <li>counts the requests being answered, so that {@link #drain} can refuse new ones and wait for
 *       those under way.</li>
 * </ul>
 *
 * <p>Thread-safe: the JDK dispatcher calls {@link #execute}, request threads call {@link #enter},
 * {@link #handOff} and {@link #exit}, scrape workers {@link #exit}, the watchdog calls {@link #sweep}. An exchange's thread is interrupted only
 * while that exchange runs (checked under the exchange's lock), and its interrupt status is cleared
 * before the thread takes the next one.
 */
final class RequestGuard implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  private static final ThreadLocal<@Nullable Tracked> CURRENT = new ThreadLocal<>();
  static final long SWEEP_PERIOD_MILLIS = 100;
  static final int SCRAPE_QUEUE = 1024;

  private final ThreadPoolExecutor pool;
  private final ThreadPoolExecutor scrapes;
  private final @Nullable ScheduledExecutorService watchdog;
  private final Clock clock;
  private final long requestTimeoutNanos;
  private final long responseTimeoutNanos;
  private final Set<Tracked> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean warnedTimeout = new AtomicBoolean();
  private final AtomicBoolean warnedBusy = new AtomicBoolean();
  private final Object lock = new Object();
  private int answering;
  private boolean closing;

  /**
   * @param startWatchdog false in tests that call {@link #sweep()} themselves
   */
  RequestGuard(int maxRequests, int scrapeThreads, Duration requestTimeout, Duration responseTimeout, Clock clock,
      boolean startWatchdog) {
    this.pool = new ThreadPoolExecutor(0, maxRequests, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        new NamedDaemonThreads("tradermetrics-exporter"));
    this.scrapes = new ThreadPoolExecutor(scrapeThreads, scrapeThreads, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(SCRAPE_QUEUE), new NamedDaemonThreads("tradermetrics-exporter-scrape"));
    this.clock = clock;
    this.requestTimeoutNanos = requestTimeout.toNanos();
    this.responseTimeoutNanos = responseTimeout.toNanos();
    if (startWatchdog) {
      ScheduledExecutorService w = Executors.newSingleThreadScheduledExecutor(
          new NamedDaemonThreads("tradermetrics-exporter-watchdog"));
      w.scheduleWithFixedDelay(this::sweep, SWEEP_PERIOD_MILLIS, SWEEP_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
      this.watchdog = w;
    } else {
      this.watchdog = null;
    }
  }

  /**
   * Runs one exchange of the JDK server.
   *
   * @throws RejectedExecutionException when every request thread is busy or the guard is shut down;
   *     the JDK server then closes the connection
   */
  @Override
  public void execute(Runnable exchange) {
    try {
      pool.execute(new Tracked(exchange));
    } catch (RejectedExecutionException e) {
      if (!pool.isShutdown()) {
        log(warnedBusy, "all {} exporter request threads are busy (slow clients?); a new connection was closed",
            pool.getMaximumPoolSize());
      }
      throw e;
    }
  }

  /**
   * Called by an endpoint on the exchange's thread when it starts to answer: the exchange now has
   * {@code responseTimeout} to finish.
   *
   * @return false once {@link #drain} began: answer 503 and do not call {@link #exit()}
   */
  boolean enter() {
    synchronized (lock) {
      if (closing) {
        return false;
      }
      answering++;
    }
    Tracked t = CURRENT.get();
    if (t != null) {
      t.deadlineNanos = clock.monotonicTime() + responseTimeoutNanos;
      t.answering = true;
    }
    return true;
  }

  /**
   * Hands the current exchange's answer to a scrape worker, keeping its deadline. The caller then
   * leaves the exchange alone: {@code work} (or, if the deadline passes while it is queued,
   * {@code abandon}) closes it and calls {@link #exit()}.
   *
   * @return false if the scrape queue is full (the caller answers and exits itself)
   */
  boolean handOff(Runnable work, Runnable abandon) {
    Tracked t = CURRENT.get();
    if (t == null) {
      throw new IllegalStateException("handOff outside an exchange");
    }
    t.join();
    try {
      scrapes.execute(() -> t.continueOnThisThread(work, abandon));
      return true;
    } catch (RejectedExecutionException e) {
      t.unjoin();
      return false;
    }
  }

  /** Called after a successful {@link #enter()}, when the answer is written. */
  void exit() {
    synchronized (lock) {
      if (--answering == 0) {
        lock.notifyAll();
      }
    }
  }

  /** Interrupts every exchange past its deadline. Called by the watchdog every 100 ms. */
  void sweep() {
    long now = clock.monotonicTime();
    for (Tracked t : running) {
      if (now - t.deadlineNanos >= 0 && t.expire()) {
        log(warnedTimeout, t.answering
                ? "an exporter response took longer than its timeout ({} ms; a client that does not read?); its connection was closed"
                : "an exporter client did not send its request within the request timeout ({} ms); its connection was closed",
            TimeUnit.NANOSECONDS.toMillis(t.answering ? responseTimeoutNanos : requestTimeoutNanos));
      }
    }
  }

  /** Exchanges running now (reading, waiting or answering). */
  int running() {
    return running.size();
  }

  /** Refuses further answers (503) and waits up to {@code timeout} for those under way. */
  void drain(Duration timeout) {
    synchronized (lock) {
      closing = true;
      long deadline = System.nanoTime() + timeout.toNanos();
      long left;
      while (answering > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Stops the threads; call after the JDK server stopped. */
  void shutdown() {
    pool.shutdownNow();
    scrapes.shutdownNow();
    if (watchdog != null) {
      watchdog.shutdownNow();
    }
  }

  /** The first occurrence of each kind at WARN (saying so), later ones at DEBUG. */
  private static void log(AtomicBoolean warned, String message, Object arg) {
    if (warned.compareAndSet(false, true)) {
      LOG.warn(message + " (further ones are logged at DEBUG)", arg);
    } else {
      LOG.debug(message, arg);
    }
  }

  /**
   * One exchange and the thread working on it now (none while a handed-off scrape is queued). The
   * exchange is over when every party (the request thread, then a scrape worker it handed off to)
   * has left it.
   */
  private final class Tracked implements Runnable {
    private final Runnable exchange;
    private @Nullable Thread thread;
    private int parties = 1;
    private boolean done;
    private boolean expired;
    volatile long deadlineNanos;
    volatile boolean answering;

    Tracked(Runnable exchange) {
      this.exchange = exchange;
    }

    @Override
    public void run() {
      synchronized (this) {
        thread = Thread.currentThread();
      }
      deadlineNanos = clock.monotonicTime() + requestTimeoutNanos;
      CURRENT.set(this);
      running.add(this);
      try {
        exchange.run();
      } finally {
        leave();
      }
    }

    /** Runs handed-off work on a scrape worker, or {@code abandon} if the deadline passed while queued. */
    void continueOnThisThread(Runnable work, Runnable abandon) {
      boolean late;
      synchronized (this) {
        late = expired;
        thread = Thread.currentThread();
      }
      CURRENT.set(this);
      try {
        (late ? abandon : work).run();
      } finally {
        leave();
      }
    }

    /** Another party (a scrape worker) will work on this exchange. */
    synchronized void join() {
      parties++;
    }

    /** The scrape worker will not after all (its queue was full). */
    synchronized void unjoin() {
      parties--;
    }

    /** The current thread stops working on this exchange; it is over when the last party left. */
    void leave() {
      boolean over;
      synchronized (this) {
        if (thread == Thread.currentThread()) {
          thread = null;
        }
        over = --parties == 0;
        done = over;
      }
      if (over) {
        running.remove(this);
      }
      if (CURRENT.get() == this) {
        CURRENT.remove();
      }
      Thread.interrupted(); // an interrupt of this exchange must not reach the next one
    }

    /** Interrupts the thread working on the exchange, or marks a queued one late; true if it did either. */
    synchronized boolean expire() {
      if (done || expired) {
        return false;
      }
      expired = true;
      if (thread != null) {
        thread.interrupt();
      }
      return true;
    }
  }
}
