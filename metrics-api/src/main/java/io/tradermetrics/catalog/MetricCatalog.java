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
  /** Label key: the trading strategy a PnL belongs to, e.g. {@code market-maker}. */
  public static final String STRATEGY = "strategy";
  /** Label key on the toolkit's own meters: the annotation that was being recorded. */
  public static final String ANNOTATION = "annotation";
  /** Label key on the overflow counter: the metric and label whose limit was reached. */
  public static final String METRIC = "metric";
  /** Label key on the overflow counter: the label key whose limit was reached. */
  public static final String LABEL = "label";
  /** Label key of {@link #JOIN_POINTS}: {@code woven}, {@code unwoven} or {@code fallback}. */
  public static final String STATE = "state";
  /** Label key on the event-alert counter: {@code critical}, {@code error}, {@code warning} or {@code info}. */
  public static final String SEVERITY = "severity";

  /** Label key of the fill latency: {@code first} or {@code complete}. */
  public static final String FILL = "fill";
  /** Label key of unmatched order events: the point of the order's life, e.g. {@code ack}. */
  public static final String EVENT = "event";
  /**
   * Label key of unmatched order events ({@code unknown}, {@code duplicate}), expired orders
   * ({@code timeout}, {@code capacity}), and of rejects and cancels: the venue's reason.
   */
  public static final String REASON = "reason";

  /** Label key of markouts: the horizon after the fill, e.g. {@code 1s}, {@code 10s}, {@code 60s}. */
  public static final String HORIZON = "horizon";
  /** Label key of markouts: {@code favourable} (the mid moved in the fill's favour, or not at all) or {@code adverse}. */
  public static final String DIRECTION = "direction";
  /** Label key of fills known at the fill: {@code maker} or {@code taker}, as the venue reports it. */
  public static final String LIQUIDITY = "liquidity";
  /** Label key of fees and of PnL and notional: the currency the amount is in, e.g. {@code USD}. */
  public static final String CURRENCY = "currency";

  /** Label key of arbitrage opportunities: the venue where the leg is bought, e.g. {@code kraken}. */
  public static final String BUY_VENUE = "buy_venue";
  /** Label key of arbitrage opportunities: the venue where the leg is sold, e.g. {@code bitstamp}. */
  public static final String SELL_VENUE = "sell_venue";

  /** Label value where no value was given. */
  public static final String UNKNOWN = "unknown";
  /** Label value that stands for all values past a label's cardinality limit. */
  public static final String OTHER = "other";
  /** {@code exception} label value of calls that did not throw. */
  public static final String NONE = "none";

  static final String SECONDS = "seconds";
  static final String BPS = "bps";
  static final String QUOTE_CURRENCY = "quote currency";

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
      "fill.notional", MetricType.COUNTER, "quote currency", List.of(VENUE, SYMBOL, SIDE, CURRENCY),
      "Filled notional (quantity times price), in quote currency (the currency label)", true);

  /** {@code trader_fill_fees_total}: fees paid on fills ({@code @CountFill(fee = ...)}). */
  public static final MetricDefinition FILL_FEES = new MetricDefinition(
      "fill.fees", MetricType.COUNTER, "fee currency", List.of(VENUE, SYMBOL, SIDE, CURRENCY),
      "Fees paid on fills, in the fee currency (the currency label); rebates are counted apart, in "
          + "trader_fill_rebates_total, so net fees are fees - rebates", true);

  /** {@code trader_fill_rebates_total}: rebates received on fills, as positive amounts. */
  public static final MetricDefinition FILL_REBATES = new MetricDefinition(
      "fill.rebates", MetricType.COUNTER, "fee currency", List.of(VENUE, SYMBOL, SIDE, CURRENCY),
      "Rebates received on fills (a negative fee, counted as a positive amount), in the fee currency", true);

  /** {@code trader_position}: signed net position in the base asset. */
  public static final MetricDefinition POSITION = new MetricDefinition(
      "position", MetricType.GAUGE, "base-asset quantity", List.of(VENUE, SYMBOL),
      "Signed net position, in base-asset units (long positive, short negative)", true);

  /** {@code trader_position_limit}: the limit of the position ({@code @TrackPosition(limit)}). */
  public static final MetricDefinition POSITION_LIMIT = new MetricDefinition(
      "position.limit", MetricType.GAUGE, "base-asset quantity", List.of(VENUE, SYMBOL),
      "The absolute position limit of trader_position with the same labels, in base-asset units (@TrackPosition(limit))", true);

  /** {@code trader_venue_connected}: 1 while the connection to a venue is up, 0 while it is down ({@code @VenueConnection}). */
  public static final MetricDefinition VENUE_CONNECTED = new MetricDefinition(
      "venue.connected", MetricType.GAUGE, "boolean", List.of(VENUE),
      "Whether the connection to the venue is up (1) or down, reconnecting (0), as the venue adapter last reported it "
          + "(@VenueConnection)", true);

  /** {@code trader_orders_submitted_total}: orders sent that the venue did not reject ({@code @CountOrder}). */
  public static final MetricDefinition ORDERS_SUBMITTED = new MetricDefinition(
      "orders.submitted", MetricType.COUNTER, "orders", List.of(VENUE, SYMBOL, SIDE),
      "Orders submitted and not rejected by the venue (rejected and failed submits are counted apart)", true);

  /** {@code trader_orders_cancelled_total}: orders cancelled ({@code @CountOrder}). */
  public static final MetricDefinition ORDERS_CANCELLED = new MetricDefinition(
      "orders.cancelled", MetricType.COUNTER, "orders", List.of(VENUE, SYMBOL, SIDE),
      "Orders cancelled", true);

  /** {@code trader_orders_rejected_total}: orders the venue refused ({@code @CountOrder}). */
  public static final MetricDefinition ORDERS_REJECTED = new MetricDefinition(
      "orders.rejected", MetricType.COUNTER, "orders", List.of(VENUE, SYMBOL, SIDE, REASON),
      "Orders rejected by the venue, by the venue's reason (@CountOrder(rejectReason); unknown without one)", true);

  /** {@code trader_orders_failed_total}: order requests whose method threw ({@code @CountOrder}). */
  public static final MetricDefinition ORDERS_FAILED = new MetricDefinition(
      "orders.failed", MetricType.COUNTER, "orders", List.of(VENUE, SYMBOL, SIDE),
      "Order requests that failed before the venue answered (the order method threw)", true);

  /** {@code trader_orders_open}: live orders at the venue ({@code @TrackOpenOrders}). */
  public static final MetricDefinition ORDERS_OPEN = new MetricDefinition(
      "orders.open", MetricType.GAUGE, "orders", List.of(VENUE, SYMBOL, SIDE),
      "Live (open) orders at the venue, last value recorded", true);

  /** {@code trader_pnl_realized}: realized PnL in quote currency ({@code @TrackPnl}). */
  public static final MetricDefinition PNL_REALIZED = new MetricDefinition(
      "pnl.realized", MetricType.GAUGE, QUOTE_CURRENCY, List.of(SYMBOL, STRATEGY, CURRENCY),
      "Realized PnL, in quote currency (profit positive), last value recorded", true);

  /** {@code trader_pnl_unrealized}: unrealized (mark-to-market) PnL in quote currency ({@code @TrackPnl}). */
  public static final MetricDefinition PNL_UNREALIZED = new MetricDefinition(
      "pnl.unrealized", MetricType.GAUGE, QUOTE_CURRENCY, List.of(SYMBOL, STRATEGY, CURRENCY),
      "Unrealized (mark-to-market) PnL of the open position, in quote currency (profit positive), last value recorded", true);

  /** {@code trader_spread}: the last bid/ask spread in quote currency ({@code @TrackSpread}). */
  public static final MetricDefinition SPREAD = new MetricDefinition(
      "spread", MetricType.GAUGE, QUOTE_CURRENCY, List.of(SYMBOL),
      "Bid/ask spread (ask - bid), in quote currency, last value recorded", true);

  /** {@code trader_spread_bps}: distribution of the bid/ask spread over the mid price, in bps ({@code @TrackSpread}). */
  public static final MetricDefinition SPREAD_BPS = new MetricDefinition(
      "spread.bps", MetricType.HISTOGRAM, BPS, List.of(SYMBOL),
      "Bid/ask spread over the mid price, (ask - bid) / ((ask + bid) / 2) * 10000, in basis points", true);

  /** {@code trader_slippage_bps}: distribution of adverse execution slippage, in bps ({@code @MeasureSlippage}). */
  public static final MetricDefinition SLIPPAGE_BPS = new MetricDefinition(
      "slippage.bps", MetricType.HISTOGRAM, BPS, List.of(SYMBOL, SIDE),
      "Execution slippage against the expected price, in basis points, worse positive: "
          + "(executed - expected) / expected * 10000, negated for sells; price improvement observed as 0", true);

  /** {@code trader_opportunity_net_spread_bps}: arbitrage opportunities and their net spread, by venue pair ({@code @CountOpportunity}). */
  public static final MetricDefinition OPPORTUNITY_NET_SPREAD_BPS = new MetricDefinition(
      "opportunity.net.spread.bps", MetricType.HISTOGRAM, BPS, List.of(SYMBOL, BUY_VENUE, SELL_VENUE),
      "Arbitrage opportunities found (the _count) and their net spread after costs, in basis points, by the venue "
          + "the leg is bought at and the one it is sold at; a net spread that is not positive is observed as 0", true);

  /** {@code trader_quotes_total}: quotes posted ({@code @CountQuote}). */
  public static final MetricDefinition QUOTES = new MetricDefinition(
      "quotes", MetricType.COUNTER, "quotes", List.of(SYMBOL, SIDE),
      "Quotes posted, one per side and price level", true);

  /** {@code tradermetrics_instrumentation_errors_total}: failures inside the instrumentation. */
  public static final MetricDefinition INSTRUMENTATION_ERRORS = new MetricDefinition(
      "tradermetrics.instrumentation.errors", MetricType.COUNTER, "errors", List.of(ANNOTATION),
      "Failures and bad values inside tradermetrics instrumentation; never thrown into trading code", false);

  /**
   * {@code tradermetrics_join_points}: the annotated methods of the classes checked at startup, by
   * whether their annotations are applied: {@code woven} (compile- or load-time), {@code fallback}
   * (an interceptor such as the Guice AOP fallback runs them), {@code unwoven} (nothing applies them:
   * they record nothing).
   */
  public static final MetricDefinition JOIN_POINTS = new MetricDefinition(
      "tradermetrics.join.points", MetricType.GAUGE, "methods", List.of(STATE),
      "Annotated methods of the classes checked at startup, by state: woven, fallback (an interceptor applies them) "
          + "or unwoven (nothing applies them: they record nothing)", false);

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
      "Event alerts not delivered to Alertmanager: the send queue was full, Alertmanager refused them for good (HTTP 4xx other than 408/429), they expired while Alertmanager was unreachable, or were still queued at close (they were logged)", false);

  /** {@code tradermetrics_alerts_sent_total}: event alerts accepted by Alertmanager. */
  public static final MetricDefinition ALERTS_SENT = new MetricDefinition(
      "tradermetrics.alerts.sent", MetricType.COUNTER, "alerts", List.of(),
      "Event alerts accepted by Alertmanager (HTTP 2xx from /api/v2/alerts)", false);

  /** {@code tradermetrics_alerts_send_failures_total}: failed posts to Alertmanager, retried with backoff unless refused for good. */
  public static final MetricDefinition ALERTS_SEND_FAILURES = new MetricDefinition(
      "tradermetrics.alerts.send.failures", MetricType.COUNTER, "posts", List.of(),
      "Posts of event alerts to Alertmanager that failed (connection error, timeout, non-2xx); retried with backoff, except refusals (HTTP 4xx other than 408/429), which are dropped", false);

  /**
   * {@code trader_markout_bps}: how the mid price moved after each fill, at fixed horizons, in bps
   * of the fill price, signed in the fill's favour.
   */
  public static final MetricDefinition MARKOUT_BPS = new MetricDefinition(
      "markout.bps", MetricType.HISTOGRAM, BPS, List.of(HORIZON, VENUE, SYMBOL, SIDE, DIRECTION),
      "Markout of each fill: the mid price at the first tick at or after the fill time plus the horizon, against the "
          + "fill price, in basis points of the fill price, signed in the fill's favour: (mid - fill price) / fill price "
          + "* 10000, negated for sells, so positive when the market moved the fill's way (a buy followed by a higher "
          + "mid) and negative when the fill was picked off. Micrometer histograms hold no negative values, so each "
          + "markout is observed as its magnitude under direction favourable (0 or more) or adverse (less than 0): the "
          + "mean signed markout is (sum{direction=\"favourable\"} - sum{direction=\"adverse\"}) / count over both", true);

  /** {@code trader_markout_overflow_total}: fills not marked out at a horizon because the symbol's ring was full. */
  public static final MetricDefinition MARKOUT_OVERFLOW = new MetricDefinition(
      "markout.overflow", MetricType.COUNTER, "fills", List.of(SYMBOL, HORIZON),
      "Fills not marked out at a horizon because the symbol's ring of pending fills (tradermetrics.markouts.capacity) "
          + "was full; raise the capacity when this grows", true);

  /** Default bucket upper bounds of latency histograms, in seconds (0.1 ms to 1 s). */
  public static final List<Double> DEFAULT_LATENCY_BUCKETS_SECONDS = List.of(
      0.0001, 0.0005, 0.001, 0.002, 0.005, 0.010, 0.025, 0.050, 0.100, 0.250, 0.500, 1.0);

  /** {@code trader_order_ack_latency_seconds}: from sending an order to the venue's acknowledgement or rejection. */
  public static final MetricDefinition ORDER_ACK_LATENCY = new MetricDefinition(
      "order.ack.latency", MetricType.HISTOGRAM, SECONDS, List.of(VENUE, SYMBOL, SIDE, OUTCOME, REASON),
      "Time from sending an order to the venue's acknowledgement (outcome ack, reason none) or rejection (outcome "
          + "rejected, reason from @OrderRejected(reason), unknown without one), in seconds; exemplars name the client "
          + "order id (order_id)", true);

  /** {@code trader_order_fill_latency_seconds}: from sending an order to its first and its complete fill. */
  public static final MetricDefinition ORDER_FILL_LATENCY = new MetricDefinition(
      "order.fill.latency", MetricType.HISTOGRAM, SECONDS, List.of(VENUE, SYMBOL, SIDE, FILL, LIQUIDITY),
      "Time from sending an order to its first fill (fill first) and to the fill that completes it (fill complete), "
          + "in seconds, by the fill's liquidity flag (maker, taker: @OrderFilled(liquidity); unknown without one); "
          + "exemplars name the client order id (order_id)", true);

  /** {@code trader_order_cancel_latency_seconds}: from the cancel request (else the send) to the cancel or expiry. */
  public static final MetricDefinition ORDER_CANCEL_LATENCY = new MetricDefinition(
      "order.cancel.latency", MetricType.HISTOGRAM, SECONDS, List.of(VENUE, SYMBOL, SIDE, OUTCOME, REASON),
      "Time from the cancel request (or, without one, from sending the order) to the venue's cancel confirmation "
          + "(outcome cancelled, reason from @OrderCancelled(reason), unknown without one) or expiry notice (outcome "
          + "expired, reason none), in seconds; exemplars name the client order id (order_id)", true);

  /** {@code trader_tick_to_trade_seconds}: from the start of a market data handler to an order it sends. */
  public static final MetricDefinition TICK_TO_TRADE = new MetricDefinition(
      "tick.to.trade", MetricType.HISTOGRAM, SECONDS, List.of(SYMBOL),
      "Time from the start of a market data tick's handler to each order sent while handling it, in seconds", true);

  /** {@code trader_market_data_delay_seconds}: from the exchange's timestamp of a tick to its local receipt. */
  public static final MetricDefinition MARKET_DATA_DELAY = new MetricDefinition(
      "market.data.delay", MetricType.HISTOGRAM, SECONDS, List.of(SYMBOL),
      "Time from the exchange's timestamp of a market data tick to its local receipt (local wall clock), in seconds", true);

  /** {@code trader_market_data_clock_skew_total}: ticks stamped later than the local clock. */
  public static final MetricDefinition MARKET_DATA_CLOCK_SKEW = new MetricDefinition(
      "market.data.clock.skew", MetricType.COUNTER, "ticks", List.of(SYMBOL),
      "Market data ticks whose exchange timestamp was later than their local receipt (clock skew); not recorded as a delay", true);

  /** {@code trader_orders_inflight}: orders sent and not yet finished. */
  public static final MetricDefinition ORDERS_INFLIGHT = new MetricDefinition(
      "orders.inflight", MetricType.GAUGE, "orders", List.of(),
      "Orders sent and not yet finished (rejected, completely filled, cancelled or expired at the venue), nor timed out", true);

  /** {@code trader_orders_expired_total}: orders tradermetrics stopped waiting for. */
  public static final MetricDefinition ORDERS_EXPIRED = new MetricDefinition(
      "orders.expired", MetricType.COUNTER, "orders", List.of(REASON),
      "Orders taken out of the in-flight table without an end: no end within the timeout (reason timeout), "
          + "or the oldest when the table was full (reason capacity)", true);

  /** {@code trader_order_events_unmatched_total}: order events whose order was not in flight, or repeated. */
  public static final MetricDefinition ORDER_EVENTS_UNMATCHED = new MetricDefinition(
      "order.events.unmatched", MetricType.COUNTER, "events", List.of(EVENT, REASON),
      "Order events for an id not in flight (reason unknown: never sent, already finished or timed out) "
          + "or repeated (reason duplicate); counted, never thrown", true);

  /** Default bucket upper bounds of the fill latency histogram, in seconds (0.5 ms to 5 min): resting orders fill late. */
  public static final List<Double> DEFAULT_FILL_LATENCY_BUCKETS_SECONDS = List.of(
      0.0005, 0.001, 0.005, 0.010, 0.050, 0.100, 0.500, 1.0, 5.0, 10.0, 30.0, 60.0, 300.0);

  /** Default bucket upper bounds of the spread and slippage histograms, in basis points. */
  public static final List<Double> DEFAULT_BPS_BUCKETS = List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0);

  /**
   * What an {@code @CountEvent} name must look like: lower-case words of letters and digits
   * separated by {@code .} or {@code _}, starting with a letter.
   */
  public static final java.util.regex.Pattern EVENT_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9]*([._][a-z0-9]+)*");

  private static final List<MetricDefinition> ALL = List.of(
      ORDER_LATENCY, CALL_LATENCY, ORDERS_FILLED, FILL_VOLUME, FILL_NOTIONAL, FILL_FEES, FILL_REBATES, POSITION, POSITION_LIMIT, VENUE_CONNECTED,
      INSTRUMENTATION_ERRORS, LABEL_OVERFLOW, JOIN_POINTS,
      ORDER_ACK_LATENCY, ORDER_FILL_LATENCY, ORDER_CANCEL_LATENCY, TICK_TO_TRADE, MARKET_DATA_DELAY,
      MARKET_DATA_CLOCK_SKEW, ORDERS_INFLIGHT, ORDERS_EXPIRED, ORDER_EVENTS_UNMATCHED,
      ORDERS_SUBMITTED, ORDERS_CANCELLED, ORDERS_REJECTED, ORDERS_FAILED, ORDERS_OPEN,
      PNL_REALIZED, PNL_UNREALIZED, SPREAD, SPREAD_BPS, SLIPPAGE_BPS, MARKOUT_BPS, MARKOUT_OVERFLOW, OPPORTUNITY_NET_SPREAD_BPS, QUOTES,
      ALERTS_RAISED, ALERTS_DROPPED, ALERTS_SENT, ALERTS_SEND_FAILURES);

  private MetricCatalog() {}

  /**
   * The entry of an {@code @CountEvent} counter: {@code <namespace>_<name>_total} with the declared
   * label keys. Such entries are made by the user's annotations and are not in {@link #all()}.
   *
   * @param name      the event name, matching {@link #EVENT_NAME}, e.g. {@code guard.blocks}
   * @param labelKeys the declared label keys
   * @param help      the {@code # HELP} text
   * @return the entry
   * @throws IllegalArgumentException if {@code name} does not match {@link #EVENT_NAME}
   */
  public static MetricDefinition event(String name, List<String> labelKeys, String help) {
    if (!EVENT_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("event name '" + name + "' does not match " + EVENT_NAME.pattern());
    }
    return new MetricDefinition(name.replace('_', '.'), MetricType.COUNTER, "events", labelKeys, help, true);
  }

  /** Every entry, in documentation order. */
  public static List<MetricDefinition> all() {
    return ALL;
  }
}
