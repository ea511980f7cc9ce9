package io.tradermetrics.aspects.internal;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The instruments of one engine's join points, by the identity of their key (the woven class's
 * {@code JoinPoint.StaticPart}, a per-join-point constant): an open-addressing table read without a
 * lock or a volatile write, replaced whole (copy on write) when a join point is added, which happens
 * once per join point. Reading costs one volatile read, one identity hash and a probe or two.
 *
 * <p>Thread-safe: {@link #get} from any thread; {@link #computeIfAbsent} serializes writers and runs
 * the factory at most once per key.
 *
 * @param <K> the key, compared by identity
 * @param <V> the value
 */
final class JoinPointTable<K, V> {

  private volatile Object[] table = new Object[16]; // key, value, key, value, ...; load at most 1/2
  private int size; // guarded by this

  /** The value of {@code key}, or null. */
  @Nullable V get(K key) {
    Object[] t = table;
    int mask = (t.length >> 1) - 1;
    int i = System.identityHashCode(key) & mask;
    while (true) {
      Object k = t[i << 1];
      if (k == key) {
        @SuppressWarnings("unchecked")
        V v = (V) t[(i << 1) + 1];
        return v;
      }
      if (k == null) {
        return null;
      }
      i = (i + 1) & mask;
    }
  }

  /** The value of {@code key}, made by {@code create} if absent (at most once per key). */
  V computeIfAbsent(K key, Function<K, V> create) {
    V v = get(key);
    if (v != null) {
      return v;
    }
    synchronized (this) {
      v = get(key);
      if (v != null) {
        return v;
      }
      v = create.apply(key);
      Object[] t = table;
      int slots = t.length >> 1;
      if ((size + 1) * 2 > slots) {
        t = rehash(t, slots * 2);
      } else {
        t = t.clone();
      }
      insert(t, key, v);
      size++;
      table = t; // publishes the key and value written into the copy
      return v;
    }
  }

  /** Every value, for tests and reports; a snapshot. */
  java.util.List<V> values() {
    Object[] t = table;
    java.util.List<V> values = new java.util.ArrayList<>();
    for (int i = 1; i < t.length; i += 2) {
      if (t[i] != null) {
        @SuppressWarnings("unchecked")
        V v = (V) t[i];
        values.add(v);
      }
    }
    return values;
  }

  private static Object[] rehash(Object[] old, int slots) {
    Object[] t = new Object[slots * 2];
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != null) {
        insert(t, old[i], old[i + 1]);
      }
    }
    return t;
  }

  private static void insert(Object[] t, Object key, Object value) {
    int mask = (t.length >> 1) - 1;
    int i = System.identityHashCode(key) & mask;
    while (t[i << 1] != null) {
      i = (i + 1) & mask;
    }
    t[i << 1] = key;
    t[(i << 1) + 1] = value;
  }
}
