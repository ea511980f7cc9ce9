package io.tradermetrics.guice;

import static io.tradermetrics.guice.ConfigKey.duration;
import static io.tradermetrics.guice.ConfigKey.integer;
import static io.tradermetrics.guice.ConfigKey.map;
import static io.tradermetrics.guice.ConfigKey.optional;
import static io.tradermetrics.guice.ConfigKey.string;

import io.tradermetrics.aspects.InstrumentationSettings;
import io.tradermetrics.catalog.MetricCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The keys of what the aspects record and how meters are shaped ({@code namespace},
 * {@code common-tags}, {@code labels.*}, {@code histograms.*}, {@code orders.*}). Defaults and
 * ranges are {@link InstrumentationSettings}'s, written there once; the values are checked again
 * by its builder. Immutable.
 */
final class InstrumentationProperties {

  static final Pattern TAG_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  static final String TAG_KEY_RULE = "letters, digits and '_', not starting with a digit";
  private static final String BUCKETS = "positive and strictly increasing, e.g. ";

  static final ConfigKey NAMESPACE = string("namespace", InstrumentationSettings.DEFAULT_NAMESPACE,
      InstrumentationSettings.NAMESPACE_RULE + ", e.g. trader");
  static final ConfigKey COMMON_TAGS = map("common-tags", "tag keys (" + TAG_KEY_RULE + ") to strings");
  static final ConfigKey LABEL_VALUE_LIMIT = integer("labels.value-limit", InstrumentationSettings.DEFAULT_LABEL_VALUE_LIMIT,
      1, Integer.MAX_VALUE);
  static final ConfigKey LATENCY_BUCKETS = optional("histograms.latency-buckets",
      "a list of seconds, " + BUCKETS + "[0.001, 0.01, 0.1]");
  static final ConfigKey BPS_BUCKETS = optional("histograms.bps-buckets", "a list of basis points, " + BUCKETS + "[1, 5, 10, 50]");
  static final ConfigKey HISTOGRAM_BUCKETS = map("histograms.buckets",
      "a list of positive, strictly increasing numbers (seconds for timers), e.g. [0.001, 0.01, 0.1]");
  static final ConfigKey ORDERS_TIMEOUT = duration("orders.timeout", InstrumentationSettings.DEFAULT_ORDERS_TIMEOUT,
      InstrumentationSettings.MIN_ORDERS_TIMEOUT, InstrumentationSettings.MAX_ORDERS_TIMEOUT);
  static final ConfigKey ORDERS_CAPACITY = integer("orders.capacity", InstrumentationSettings.DEFAULT_ORDERS_CAPACITY,
      1, InstrumentationSettings.MAX_ORDERS_CAPACITY);

  static final ConfigKey MARKOUT_HORIZONS = optional("markouts.horizons",
      "a list of durations, strictly increasing, each from 1ms to 1d, e.g. [1s, 10s, 60s]");
  static final ConfigKey MARKOUT_CAPACITY = integer("markouts.capacity", InstrumentationSettings.DEFAULT_MARKOUT_CAPACITY,
      1, InstrumentationSettings.MAX_MARKOUT_CAPACITY);

  static final List<ConfigKey> KEYS = List.of(NAMESPACE, COMMON_TAGS, LABEL_VALUE_LIMIT, LATENCY_BUCKETS, BPS_BUCKETS,
      HISTOGRAM_BUCKETS, ORDERS_TIMEOUT, ORDERS_CAPACITY, MARKOUT_HORIZONS, MARKOUT_CAPACITY);

  final String namespace;
  final Map<String, String> commonTags;
  final int labelValueLimit;
  final @Nullable List<Double> latencyBucketsSeconds;
  final @Nullable List<Double> bpsBuckets;
  final Map<String, List<Double>> histogramBuckets;
  final Duration ordersTimeout;
  final int ordersCapacity;
  final List<Duration> markoutHorizons;
  final int markoutCapacity;

  private InstrumentationProperties(ConfigReader r) {
    namespace = r.string(NAMESPACE, InstrumentationProperties::validNamespace);
    commonTags = r.stringMap(COMMON_TAGS, TAG_KEY, "a tag key: " + TAG_KEY_RULE);
    labelValueLimit = r.integer(LABEL_VALUE_LIMIT);
    latencyBucketsSeconds = r.optionalBuckets(LATENCY_BUCKETS);
    bpsBuckets = r.optionalBuckets(BPS_BUCKETS);
    histogramBuckets = r.bucketMap(HISTOGRAM_BUCKETS);
    ordersTimeout = r.duration(ORDERS_TIMEOUT);
    ordersCapacity = r.integer(ORDERS_CAPACITY);
    markoutHorizons = r.value(MARKOUT_HORIZONS.path()) == null ? InstrumentationSettings.DEFAULT_MARKOUT_HORIZONS
        : r.durations(MARKOUT_HORIZONS, InstrumentationProperties::validHorizons);
    markoutCapacity = r.integer(MARKOUT_CAPACITY);
  }

  private static boolean validHorizons(List<Duration> horizons) {
    try {
      InstrumentationSettings.builder().markoutHorizons(horizons);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static InstrumentationProperties load(ConfigReader reader) {
    return new InstrumentationProperties(reader);
  }

  private static boolean validNamespace(String namespace) {
    try {
      InstrumentationSettings.builder().namespace(namespace);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  List<Double> latencyBuckets() {
    return latencyBucketsSeconds != null ? latencyBucketsSeconds : MetricCatalog.DEFAULT_LATENCY_BUCKETS_SECONDS;
  }

  List<Double> bps() {
    return bpsBuckets != null ? bpsBuckets : MetricCatalog.DEFAULT_BPS_BUCKETS;
  }

  InstrumentationSettings settings() {
    return InstrumentationSettings.builder()
        .namespace(namespace)
        .labelValueLimit(labelValueLimit)
        .latencyBucketsSeconds(latencyBuckets())
        .ordersTimeout(ordersTimeout)
        .ordersCapacity(ordersCapacity)
        .bpsBuckets(bps())
        .markoutHorizons(markoutHorizons)
        .markoutCapacity(markoutCapacity)
        .build();
  }
}
