package io.tradermetrics.aspects.internal.lifecycle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The orders in flight: client order id to send time, cancel-request time, label group and state,
 * in primitive arrays, with no allocation per order once the arrays have grown to the working set.
 *
 * <p><b>Layout.</b> Entries live in parallel arrays indexed by entry number ({@code long} id or
 * object id, hash, send time, cancel time, group index, flags), recycled through a free list. An
 * open-addressing index (linear probing, load at most 1/2, deletion by backward shift, so no
 * tombstones) maps an id to its entry. {@code long} ids are compared as primitives; object ids
 * ({@code String} or any type with {@code equals}/{@code hashCode}) by {@code equals}, and are the
 * only reference the table keeps (cleared when the entry is freed). The arrays start at
 * {@code min(capacity, 1024)} entries and double up to {@code capacity}: growth allocates, steady
 * state does not. Growth allocates every new array before it replaces any, so the arrays always
 * have one length and the index always has at least twice as many slots as there are entries
 * (load at most 1/2, so a probe always reaches an empty slot). If the heap cannot hold the larger
 * arrays ({@link OutOfMemoryError}), the table keeps the arrays it has and their length becomes its
 * capacity from then on: a send into the full table takes out the oldest, as at the configured
 * capacity. The failure is handed out once by {@link #takeGrowthFailure()} for reporting.
 *
 * <p><b>Age order.</b> Live entries are also linked in send order (a doubly linked list through
 * {@code int} arrays), so the oldest is found in O(1): {@link #expire} takes out entries sent before
 * a deadline from the old end, and {@link #insert} into a full table takes out the oldest first.
 *
 * <p><b>Thread-safety.</b> Not thread-safe by itself: every method except {@link #lock()} must be
 * called between {@link #lock()} and {@link #unlock()}. The lock is a test-and-test-and-set spin lock
 * (critical sections are a few dozen nanoseconds: one probe, a few array writes), which spins
 * briefly and then yields, so a preempted holder does not burn the waiter's core.
 */
final class OrderTable {

  /** No entry. */
  static final int NONE = -1;
  /** Flag: the venue acknowledged the order. */
  static final int ACKED = 1;
  /** Flag: the order has had a fill. */
  static final int FILLED = 2;
  /** Flag: a cancel request was sent. */
  static final int CANCEL_SENT = 4;

  private static final int INITIAL_ENTRIES = 1024;
  /** The largest capacity: the index has a power of two of at least twice as many slots, below 2^31. */
  static final int MAX_CAPACITY = 1 << 29;
  private static final IntConsumer NO_PROBE = step -> { };
  private static final VarHandle LOCK;

  static {
    try {
      LOCK = MethodHandles.lookup().findVarHandle(OrderTable.class, "locked", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through LOCK
  private volatile int locked;

  private int capacity;
  private @Nullable OutOfMemoryError growthFailure;
  /** Called with 0, 1, ... before each array a growth allocates; tests throw from it to fail like a full heap. */
  IntConsumer allocationProbe = NO_PROBE;
  private int size;
  private long expiredTimeout;
  private long expiredCapacity;

  private long[] idLong;
  private @Nullable Object[] idObject;
  private int[] hash;
  private long[] sentNanos;
  private long[] cancelNanos;
  private int[] group;
  private byte[] flags;
  private int[] older;
  private int[] newer;
  private int oldest = NONE;
  private int newest = NONE;
  private int freeList = NONE;
  private int used;

  private int[] index;
  private int mask;

  /**
   * @param capacity the most entries held at once, from 1 to {@link #MAX_CAPACITY}
   * @throws IllegalArgumentException if the capacity is out of that range
   * @throws OutOfMemoryError if the heap cannot hold the first arrays
   */
  OrderTable(int capacity) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException("capacity " + capacity + " is not valid: expected from 1 to " + MAX_CAPACITY);
    }
    this.capacity = capacity;
    allocate(Math.min(capacity, INITIAL_ENTRIES));
  }

  /** Takes the lock; spins briefly, then yields. */
  void lock() {
    if (!LOCK.compareAndSet(this, 0, 1)) {
      lockSlow();
    }
  }

  private void lockSlow() {
    int spins = 0;
    while ((int) LOCK.getOpaque(this) != 0 || !LOCK.compareAndSet(this, 0, 1)) {
      if (++spins < 64) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  /** Releases the lock. */
  void unlock() {
    LOCK.setRelease(this, 0);
  }

  /** The hash of a {@code long} id. */
  static int hashOf(long id) {
    long h = id * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The hash of an object id. */
  static int hashOf(Object id) {
    return hashOf((long) id.hashCode());
  }

  /**
   * The entry of an id, or {@link #NONE}.
   *
   * @param id     the id when {@code object} is null
   * @param object the object id, or null for a {@code long} id
   * @param h      {@link #hashOf} the id
   */
  int find(long id, @Nullable Object object, int h) {
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int e = index[slot] - 1;
      if (e < 0) {
        return NONE;
      }
      if (hash[e] == h && matches(e, id, object)) {
        return e;
      }
    }
  }

  private boolean matches(int e, long id, @Nullable Object object) {
    Object held = idObject[e];
    if (object == null) {
      return held == null && idLong[e] == id;
    }
    return held != null && (held == object || held.equals(object));
  }

  /**
   * Adds an order that {@link #find} does not know. In a full table the oldest entry is taken out
   * first and counted as expired for capacity; so it is when the arrays are full and the heap cannot
   * hold larger ones (the capacity then shrinks to the arrays' length, see {@link #takeGrowthFailure()}).
   */
  void insert(long id, @Nullable Object object, int h, long sentAtNanos, int groupIndex) {
    if (size == capacity) {
      remove(oldest);
      expiredCapacity++;
    }
    if (freeList == NONE && used == idLong.length && !grow()) {
      remove(oldest); // every allocated entry is live (size == used == length >= 1): the oldest exists
      expiredCapacity++;
    }
    int e = freeList;
    if (e != NONE) {
      freeList = newer[e];
    } else {
      e = used++;
    }
    idLong[e] = id;
    idObject[e] = object;
    hash[e] = h;
    sentNanos[e] = sentAtNanos;
    cancelNanos[e] = 0L;
    group[e] = groupIndex;
    flags[e] = 0;
    older[e] = newest;
    newer[e] = NONE;
    if (newest != NONE) {
      newer[newest] = e;
    } else {
      oldest = e;
    }
    newest = e;
    int slot = h & mask;
    while (index[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    index[slot] = e + 1;
    size++;
  }

  /** Takes an entry out and frees it. */
  void remove(int e) {
    int o = older[e];
    int n = newer[e];
    if (o != NONE) {
      newer[o] = n;
    } else {
      oldest = n;
    }
    if (n != NONE) {
      older[n] = o;
    } else {
      newest = o;
    }
    int slot = hash[e] & mask;
    while (index[slot] != e + 1) {
      slot = (slot + 1) & mask;
    }
    deleteSlot(slot);
    idObject[e] = null;
    newer[e] = freeList;
    freeList = e;
    size--;
  }

  /** Backward-shift deletion: moves later entries of the probe run into the hole, so no tombstone is left. */
  private void deleteSlot(int hole) {
    int i = hole;
    int j = hole;
    while (true) {
      j = (j + 1) & mask;
      int v = index[j];
      if (v == 0) {
        break;
      }
      int home = hash[v - 1] & mask;
      boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!stays) {
        index[i] = v;
        i = j;
      }
    }
    index[i] = 0;
  }

  /**
   * Takes out, oldest first, at most {@code max} entries sent at or before {@code deadlineNanos},
   * counting them as expired for timeout.
   *
   * @return how many were taken out
   */
  int expire(long deadlineNanos, int max) {
    int n = 0;
    while (n < max && oldest != NONE && sentNanos[oldest] - deadlineNanos <= 0) {
      remove(oldest);
      expiredTimeout++;
      n++;
    }
    return n;
  }

  long sentNanos(int e) {
    return sentNanos[e];
  }

  long cancelNanos(int e) {
    return cancelNanos[e];
  }

  void cancelNanos(int e, long nanos) {
    cancelNanos[e] = nanos;
  }

  int group(int e) {
    return group[e];
  }

  int flags(int e) {
    return flags[e];
  }

  void addFlags(int e, int f) {
    flags[e] = (byte) (flags[e] | f);
  }

  /** Orders in flight. */
  int size() {
    return size;
  }

  /** The most orders held at once: the configured capacity, or less once growing failed for want of heap. */
  int capacity() {
    return capacity;
  }

  /**
   * The {@link OutOfMemoryError} of the growth that failed, once: later calls return null until
   * another growth fails (none does, as the capacity is then the arrays' length).
   */
  @Nullable OutOfMemoryError takeGrowthFailure() {
    OutOfMemoryError e = growthFailure;
    growthFailure = null;
    return e;
  }

  /** Orders taken out by {@link #expire} so far. */
  long expiredTimeout() {
    return expiredTimeout;
  }

  /** Orders taken out by {@link #insert} into a full table so far. */
  long expiredCapacity() {
    return expiredCapacity;
  }

  /** Entries the arrays hold now; grows by doubling up to the capacity. */
  int allocatedEntries() {
    return idLong.length;
  }

  /** Index slots for {@code entries} entries: a power of two, at least twice the entries (load at most 1/2). */
  private static int slotsFor(int entries) {
    return Integer.highestOneBit(Math.max(2, entries) * 2 - 1) << 1;
  }

  private void allocate(int entries) {
    idLong = new long[entries];
    idObject = new Object[entries];
    hash = new int[entries];
    sentNanos = new long[entries];
    cancelNanos = new long[entries];
    group = new int[entries];
    flags = new byte[entries];
    older = new int[entries];
    newer = new int[entries];
    int slots = slotsFor(entries);
    index = new int[slots];
    mask = slots - 1;
  }

  /**
   * Doubles the arrays (up to the capacity). Every new array is allocated before any field is
   * replaced, so a failed allocation leaves the table as it was.
   *
   * @return false if the heap could not hold the new arrays: the capacity is then the current length
   */
  private boolean grow() {
    int entries = (int) Math.min(capacity, 2L * idLong.length);
    int slots = slotsFor(entries);
    long[] newIdLong;
    @Nullable Object[] newIdObject;
    int[] newHash;
    long[] newSentNanos;
    long[] newCancelNanos;
    int[] newGroup;
    byte[] newFlags;
    int[] newOlder;
    int[] newNewer;
    int[] newIndex;
    try {
      IntConsumer probe = allocationProbe;
      probe.accept(0);
      newIdLong = Arrays.copyOf(idLong, entries);
      probe.accept(1);
      newIdObject = Arrays.copyOf(idObject, entries);
      probe.accept(2);
      newHash = Arrays.copyOf(hash, entries);
      probe.accept(3);
      newSentNanos = Arrays.copyOf(sentNanos, entries);
      probe.accept(4);
      newCancelNanos = Arrays.copyOf(cancelNanos, entries);
      probe.accept(5);
      newGroup = Arrays.copyOf(group, entries);
      probe.accept(6);
      newFlags = Arrays.copyOf(flags, entries);
      probe.accept(7);
      newOlder = Arrays.copyOf(older, entries);
      probe.accept(8);
      newNewer = Arrays.copyOf(newer, entries);
      probe.accept(9);
      newIndex = new int[slots];
    } catch (OutOfMemoryError e) {
      capacity = idLong.length;
      growthFailure = e;
      return false;
    }
    idLong = newIdLong;
    idObject = newIdObject;
    hash = newHash;
    sentNanos = newSentNanos;
    cancelNanos = newCancelNanos;
    group = newGroup;
    flags = newFlags;
    older = newOlder;
    newer = newNewer;
    index = newIndex;
    mask = slots - 1;
    for (int e = oldest; e != NONE; e = newer[e]) {
      int slot = hash[e] & mask;
      while (index[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      index[slot] = e + 1;
    }
    return true;
  }
}
