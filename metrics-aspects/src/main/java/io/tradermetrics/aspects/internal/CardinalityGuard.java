package io.tradermetrics.aspects.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The distinct values admitted for one label of one metric, shared by every join point that feeds
 * the metric. Past the limit, new values are refused and recorded as {@code other}. Thread-safe.
 */
final class CardinalityGuard {

  private final int limit;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  CardinalityGuard(int limit) {
    this.limit = limit;
  }

  /** Whether {@code value} is, or may become, one of the admitted values. */
  boolean admit(String value) {
    if (admitted.contains(value)) {
      return true;
    }
    synchronized (this) {
      if (admitted.size() >= limit) {
        return admitted.contains(value);
      }
      admitted.add(value);
      return true;
    }
  }
}
