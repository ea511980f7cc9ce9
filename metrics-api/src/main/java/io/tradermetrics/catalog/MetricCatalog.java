package io.tradermetrics.catalog;

import java.util.List;

/**
 * Every metric tradermetrics registers. Names are shown here with the default namespace
 * {@code trader}.
 *
 * <p>The label keys {@link #VENUE}, {@link #SYMBOL}, {@link #SIDE} and so on are the ones users name
 * in {@link io.tradermetrics.annotation.Label}. Label values the toolkit fills in itself:
 * {@link #UNKNOWN} where no value was given, {@link #OTHER} past the cardinality limit,
 * {@link #NONE} for the {@code exception} label of calls that did not throw.
 */
public final class MetricCatalog {

  /** Label key: the venue (exchange) an order goes to, e.g. {@code bitstamp}. */
  public static final String VENUE = "venue";
  /** Label key: the traded instrument, e.g. {@code BTC/USD}. */
  public static final String SYMBOL = "symbol";
  /** Label key: {@code buy} or {@code sell}. */
  public static final String SIDE = "side";
  /** Label key: the order operation, {@code submit}, {@code amend} or {@code cancel}. */
  public static final String OPERATION = "operation";
  /** Label key: {@code ok}, {@code rejected} or {@code error}. */
  public static final String OUTCOME = "outcome";
  /** Label key: the simple class name of the exception thrown, or {@code none}. */
  public static final String EXCEPTION = "exception";
  /** Label key: what a timed call calls, e.g. {@code binance}. */
  public static final String TARGET = "target";
  /** Label key on the toolkit's own meters: the annotation that was being recorded. */
  public static final String ANNOTATION = "annotation";
  /** Label key on the overflow counter: the metric and label whose limit was reached. */
  public static final String METRIC = "metric";
  /** Label key on the overflow counter: the label key whose limit was reached. */
  public static final String LABEL = "label";
  /** Label key on the event-alert counter: {@code critical}, {@code warning} or {@code info}. */
  public static final String SEVERITY = "severity";

  /** Label value where no value was given. */
  public static final String UNKNOWN = "unknown";
  /** Label value that stands for all values past a label's cardinality limit. */
  public static final String OTHER = "other";
  /** {@code exception} label value of calls that did not throw. */
  public static final String NONE = "none";

  static final String SECONDS = "seconds";

  /** {@code trader_order_latency_seconds}: how long order methods take. */
  public static final MetricDefinition ORDER_LATENCY = new MetricDefinition(
      "order.latency", MetricType.HISTOGRAM, SECONDS,
      List.of(OPERATION, VENUE, SYMBOL, SIDE, OUTCOME, EXCEPTION),
      "Time spent in order methods (submit, amend, cancel), in seconds", true);

  /** {@code trader_call_latency_seconds}: how long exchange API calls, scanners and handlers take. */
  public static final MetricDefinition CALL_LATENCY = new MetricDefinition(
      "call.latency", MetricType.HISTOGRAM, SECONDS, List.of(TARGET, OPERATION, OUTCOME, EXCEPTION),
      "Time spent in calls to venues, services and components (exchange API, scanners, handlers), in seconds", true);

  /** {@code trader_orders_filled_total}: fills received. */
  public static final MetricDefinition ORDERS_FILLED = new MetricDefinition(
      "orders.filled", MetricType.COUNTER, "fills", List.of(VENUE, SYMBOL, SIDE),
      "Fills received (partial and complete)", true);

  /** {@code trader_fill_volume_total}: filled quantity in the base asset. */
  public static final MetricDefinition FILL_VOLUME = new MetricDefinition(
      "fill.volume", MetricType.COUNTER, "base-asset quantity", List.of(VENUE, SYMBOL, SIDE),
      "Filled quantity, in base-asset units", true);

  /** {@code trader_fill_notional_total}: filled quantity times price, in quote currency. */
  public static final MetricDefinition FILL_NOTIONAL = new MetricDefinition(
      "fill.notional", MetricType.COUNTER, "quote currency", List.of(VENUE, SYMBOL, SIDE),
      "Filled notional (quantity times price), in quote currency", true);

  /** {@code trader_position}: signed net position in the base asset. */
  public static final MetricDefinition POSITION = new MetricDefinition(
      "position", MetricType.GAUGE, "base-asset quantity", List.of(SYMBOL),
      "Signed net position, in base-asset units (long positive, short negative)", true);

  /** {@code tradermetrics_instrumentation_errors_total}: failures inside the instrumentation. */
  public static final MetricDefinition INSTRUMENTATION_ERRORS = new MetricDefinition(
      "tradermetrics.instrumentation.errors", MetricType.COUNTER, "errors", List.of(ANNOTATION),
      "Failures and bad values inside tradermetrics instrumentation; never thrown into trading code", false);

  /** {@code tradermetrics_label_overflow_total}: label values recorded as {@code other}. */
  public static final MetricDefinition LABEL_OVERFLOW = new MetricDefinition(
      "tradermetrics.label.overflow", MetricType.COUNTER, "recordings", List.of(METRIC, LABEL),
      "Recordings whose label value was past the label's cardinality limit and was recorded as 'other'", false);

  /** {@code tradermetrics_alerts_raised_total}: event alerts raised from code ({@code @RaiseAlert} or the {@code Alerts} API). */
  public static final MetricDefinition ALERTS_RAISED = new MetricDefinition(
      "tradermetrics.alerts.raised", MetricType.COUNTER, "alerts", List.of(SEVERITY),
      "Event alerts raised from code (@RaiseAlert or the Alerts API), each also written to the log", false);

  /** {@code tradermetrics_alerts_dropped_total}: event alerts never delivered to Alertmanager. */
  public static final MetricDefinition ALERTS_DROPPED = new MetricDefinition(
      "tradermetrics.alerts.dropped", MetricType.COUNTER, "alerts", List.of(),
      "Event alerts not delivered to Alertmanager: the send queue was full, or the alert expired while Alertmanager was unreachable (they were logged)", false);

  /** {@code tradermetrics_alerts_sent_total}: event alerts accepted by Alertmanager. */
  public static final MetricDefinition ALERTS_SENT = new MetricDefinition(
      "tradermetrics.alerts.sent", MetricType.COUNTER, "alerts", List.of(),
      "Event alerts accepted by Alertmanager (HTTP 2xx from /api/v2/alerts)", false);

  /** {@code tradermetrics_alerts_send_failures_total}: failed posts to Alertmanager, each retried with backoff. */
  public static final MetricDefinition ALERTS_SEND_FAILURES = new MetricDefinition(
      "tradermetrics.alerts.send.failures", MetricType.COUNTER, "posts", List.of(),
      "Posts of event alerts to Alertmanager that failed (connection error, timeout, non-2xx); retried with backoff", false);

  /** Default bucket upper bounds of latency histograms, in seconds (0.1 ms to 1 s). */
  public static final List<Double> DEFAULT_LATENCY_BUCKETS_SECONDS = List.of(
      0.0001, 0.0005, 0.001, 0.002, 0.005, 0.010, 0.025, 0.050, 0.100, 0.250, 0.500, 1.0);

  private static final List<MetricDefinition> ALL = List.of(
      ORDER_LATENCY, CALL_LATENCY, ORDERS_FILLED, FILL_VOLUME, FILL_NOTIONAL, POSITION,
      INSTRUMENTATION_ERRORS, LABEL_OVERFLOW, ALERTS_RAISED, ALERTS_DROPPED, ALERTS_SENT, ALERTS_SEND_FAILURES);

  private MetricCatalog() {}

  /** Every entry, in documentation order. */
  public static List<MetricDefinition> all() {
    return ALL;
  }
}
