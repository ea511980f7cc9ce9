package io.tradermetrics.aspects;

import io.tradermetrics.catalog.MetricCatalog;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the engine names and shapes meters. Immutable and thread-safe; build with {@link #builder()}.
 */
public final class InstrumentationSettings {

  /** The default meter name prefix. */
  public static final String DEFAULT_NAMESPACE = "trader";
  /** What a namespace must look like, completing "expected ...". */
  public static final String NAMESPACE_RULE = "lower-case letters, digits and '_', starting with a letter";
  /** The default distinct values per label and metric. */
  public static final int DEFAULT_LABEL_VALUE_LIMIT = 100;
  /** The default time an order may stay in flight. */
  public static final java.time.Duration DEFAULT_ORDERS_TIMEOUT = java.time.Duration.ofSeconds(60);
  /** The shortest valid orders timeout. */
  public static final java.time.Duration MIN_ORDERS_TIMEOUT = java.time.Duration.ofMillis(1);
  /** The longest valid orders timeout. */
  public static final java.time.Duration MAX_ORDERS_TIMEOUT = java.time.Duration.ofDays(1);
  /** The default most orders in flight. */
  public static final int DEFAULT_ORDERS_CAPACITY = 100_000;
  /** The largest valid orders capacity. */
  public static final int MAX_ORDERS_CAPACITY = 100_000_000;

  /** The default markout horizons: 1 s, 10 s and 60 s. */
  public static final List<java.time.Duration> DEFAULT_MARKOUT_HORIZONS = List.of(
      java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(60));
  /** The longest valid markout horizon. */
  public static final java.time.Duration MAX_MARKOUT_HORIZON = java.time.Duration.ofDays(1);
  /** The default most fills pending per symbol and horizon. */
  public static final int DEFAULT_MARKOUT_CAPACITY = 4096;
  /** The largest valid markout capacity. */
  public static final int MAX_MARKOUT_CAPACITY = 1_000_000;

  private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final InstrumentationSettings DEFAULTS = builder().build();

  private final String namespace;
  private final int labelValueLimit;
  private final List<Double> latencyBucketsSeconds;
  private final java.time.Duration ordersTimeout;
  private final int ordersCapacity;
  private final List<Double> bpsBuckets;
  private final List<java.time.Duration> markoutHorizons;
  private final int markoutCapacity;

  private InstrumentationSettings(Builder b) {
    this.namespace = b.namespace;
    this.labelValueLimit = b.labelValueLimit;
    this.latencyBucketsSeconds = b.latencyBucketsSeconds;
    this.ordersTimeout = b.ordersTimeout;
    this.ordersCapacity = b.ordersCapacity;
    this.bpsBuckets = b.bpsBuckets;
    this.markoutHorizons = b.markoutHorizons;
    this.markoutCapacity = b.markoutCapacity;
  }

  /**
   * The defaults: namespace {@code trader}, 100 values per label, the catalog's latency and bps
   * buckets, orders time out after 60 s, at most 100,000 orders in flight.
   */
  public static InstrumentationSettings defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The prefix of every trading meter name, e.g. {@code trader} for {@code trader_position}. */
  public String namespace() {
    return namespace;
  }

  /** The most distinct values one label of one metric takes before further values become {@code other}. */
  public int labelValueLimit() {
    return labelValueLimit;
  }

  /** Default bucket upper bounds of latency histograms, in seconds, strictly increasing. */
  public List<Double> latencyBucketsSeconds() {
    return latencyBucketsSeconds;
  }

  /**
   * How long an order sent ({@code @OrderSent}) may stay in flight without an end before it is taken
   * out of the in-flight table and counted in {@code trader_orders_expired_total{reason="timeout"}}.
   */
  public java.time.Duration ordersTimeout() {
    return ordersTimeout;
  }

  /**
   * The most orders the in-flight table holds; past it the oldest is taken out and counted in
   * {@code trader_orders_expired_total{reason="capacity"}}.
   */
  public int ordersCapacity() {
    return ordersCapacity;
  }

  /**
   * Default bucket upper bounds of the basis-point histograms ({@code trader_spread_bps},
   * {@code trader_slippage_bps}), in bps, strictly increasing.
   */
  public List<Double> bpsBuckets() {
    return bpsBuckets;
  }

  /**
   * The horizons after a fill at which {@code trader_markout_bps} observes the mid's move, strictly
   * increasing; see {@link io.tradermetrics.annotation.MarketDataTick#mid()}.
   */
  public List<java.time.Duration> markoutHorizons() {
    return markoutHorizons;
  }

  /**
   * The most fills one symbol holds pending per horizon (memory: about 24 bytes per fill and
   * horizon); a fill past it is not marked out at that horizon and is counted in
   * {@code trader_markout_overflow_total}.
   */
  public int markoutCapacity() {
    return markoutCapacity;
  }

  /** Builds {@link InstrumentationSettings}. Not thread-safe. */
  public static final class Builder {
    private String namespace = DEFAULT_NAMESPACE;
    private int labelValueLimit = DEFAULT_LABEL_VALUE_LIMIT;
    private List<Double> latencyBucketsSeconds = MetricCatalog.DEFAULT_LATENCY_BUCKETS_SECONDS;
    private java.time.Duration ordersTimeout = DEFAULT_ORDERS_TIMEOUT;
    private int ordersCapacity = DEFAULT_ORDERS_CAPACITY;
    private List<Double> bpsBuckets = MetricCatalog.DEFAULT_BPS_BUCKETS;
    private List<java.time.Duration> markoutHorizons = DEFAULT_MARKOUT_HORIZONS;
    private int markoutCapacity = DEFAULT_MARKOUT_CAPACITY;

    private Builder() {}

    /**
     * Optional: the markout horizons. Default is 1 s, 10 s and 60 s.
     *
     * @throws IllegalArgumentException unless non-empty, strictly increasing, each from 1 ms to 1 day
     */
    public Builder markoutHorizons(List<java.time.Duration> horizons) {
      if (horizons.isEmpty()) {
        throw new IllegalArgumentException("markoutHorizons " + horizons + " is not valid: expected at least one horizon");
      }
      for (int i = 0; i < horizons.size(); i++) {
        java.time.Duration h = horizons.get(i);
        if (h.compareTo(MIN_ORDERS_TIMEOUT) < 0 || h.compareTo(MAX_MARKOUT_HORIZON) > 0) {
          throw new IllegalArgumentException("markoutHorizons " + horizons + " is not valid: " + h
              + " is not from 1ms to 1d");
        }
        if (i > 0 && h.compareTo(horizons.get(i - 1)) <= 0) {
          throw new IllegalArgumentException("markoutHorizons " + horizons + " is not valid: expected strictly "
              + "increasing, but " + h + " follows " + horizons.get(i - 1));
        }
      }
      this.markoutHorizons = List.copyOf(horizons);
      return this;
    }

    /**
     * Optional: the most fills pending per symbol and horizon (see
     * {@link InstrumentationSettings#markoutCapacity()}). Default is 4096.
     *
     * @throws IllegalArgumentException unless from 1 to 1,000,000
     */
    public Builder markoutCapacity(int capacity) {
      if (capacity < 1 || capacity > MAX_MARKOUT_CAPACITY) {
        throw new IllegalArgumentException("markoutCapacity " + capacity + " is not valid: expected from 1 to "
            + MAX_MARKOUT_CAPACITY);
      }
      this.markoutCapacity = capacity;
      return this;
    }

    /**
     * Optional: the meter name prefix. Default is {@code trader}.
     *
     * @throws IllegalArgumentException unless it matches {@code [a-z][a-z0-9_]*}
     */
    public Builder namespace(String namespace) {
      if (!NAMESPACE.matcher(namespace).matches()) {
        throw new IllegalArgumentException("namespace '" + namespace + "' is not valid: expected " + NAMESPACE_RULE);
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * Optional: distinct values per label and metric. Default is 100.
     *
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    public Builder labelValueLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("labelValueLimit " + limit + " is not valid: expected 1 or more");
      }
      this.labelValueLimit = limit;
      return this;
    }

    /**
     * Optional: default latency buckets in seconds. Default is 0.1 ms to 1 s, see
     * {@link MetricCatalog#DEFAULT_LATENCY_BUCKETS_SECONDS}.
     *
     * @throws IllegalArgumentException unless the list is non-empty, finite, positive and strictly increasing
     */
    public Builder latencyBucketsSeconds(List<Double> buckets) {
      String problem = bucketProblem(buckets.stream().mapToDouble(Double::doubleValue).toArray());
      if (problem != null) {
        throw new IllegalArgumentException("latencyBucketsSeconds " + buckets + " is not valid: " + problem);
      }
      this.latencyBucketsSeconds = List.copyOf(buckets);
      return this;
    }

    /**
     * Optional: how long an order may stay in flight without an end (see
     * {@link InstrumentationSettings#ordersTimeout()}). Default is 60 s.
     *
     * @throws IllegalArgumentException unless from 1 ms to 1 day
     */
    public Builder ordersTimeout(java.time.Duration timeout) {
      if (timeout.compareTo(MIN_ORDERS_TIMEOUT) < 0 || timeout.compareTo(MAX_ORDERS_TIMEOUT) > 0) {
        throw new IllegalArgumentException("ordersTimeout " + timeout + " is not valid: expected from 1ms to 1d");
      }
      this.ordersTimeout = timeout;
      return this;
    }

    /**
     * Optional: the most orders in flight at once (see {@link InstrumentationSettings#ordersCapacity()}).
     * Default is 100,000.
     *
     * @throws IllegalArgumentException unless from 1 to 100,000,000
     */
    public Builder ordersCapacity(int capacity) {
      if (capacity < 1 || capacity > MAX_ORDERS_CAPACITY) {
        throw new IllegalArgumentException("ordersCapacity " + capacity + " is not valid: expected from 1 to " + MAX_ORDERS_CAPACITY);
      }
      this.ordersCapacity = capacity;
      return this;
    }

    /**
     * Optional: default buckets of the spread and slippage histograms, in basis points. Default is
     * 1, 2, 5, 10, 20, 50, 100, 200, see {@link MetricCatalog#DEFAULT_BPS_BUCKETS}. An annotation's own
     * {@code buckets} attribute wins over these.
     *
     * @throws IllegalArgumentException unless the list is non-empty, finite, positive and strictly increasing
     */
    public Builder bpsBuckets(List<Double> buckets) {
      String problem = bucketProblem(buckets.stream().mapToDouble(Double::doubleValue).toArray());
      if (problem != null) {
        throw new IllegalArgumentException("bpsBuckets " + buckets + " is not valid: " + problem);
      }
      this.bpsBuckets = List.copyOf(buckets);
      return this;
    }

    /** The settings. */
    public InstrumentationSettings build() {
      return new InstrumentationSettings(this);
    }
  }

  /**
   * What is wrong with a bucket list, or {@code null} if nothing is.
   *
   * @param buckets upper bounds
   * @return a sentence saying what would be valid, or null
   */
  public static @org.jspecify.annotations.Nullable String bucketProblem(double[] buckets) {
    if (buckets.length == 0) {
      return "expected at least one bucket";
    }
    for (int i = 0; i < buckets.length; i++) {
      if (!(buckets[i] > 0) || Double.isInfinite(buckets[i])) {
        return "bucket " + buckets[i] + " must be a positive finite number";
      }
      if (i > 0 && buckets[i] <= buckets[i - 1]) {
        return "buckets must be strictly increasing, but " + buckets[i] + " follows " + buckets[i - 1];
      }
    }
    return null;
  }
}
