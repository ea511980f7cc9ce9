package io.tradermetrics.catalog;

/** The Prometheus type a catalog entry is exposed as. */
public enum MetricType {
  /** A monotonically increasing total; exposed with the suffix {@code _total}. */
  COUNTER,
  /** A value that goes up and down; the last recorded value. */
  GAUGE,
  /** A distribution with cumulative buckets ({@code _bucket}, {@code _count}, {@code _sum}). */
  HISTOGRAM
}
