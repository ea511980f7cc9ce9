package io.tradermetrics.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradermetrics.examples.marketmaker.BitstampTrades;
import io.tradermetrics.examples.marketmaker.SimulatedVenue;
import io.tradermetrics.examples.marketmaker.Ledger;
import io.tradermetrics.examples.marketmaker.MarketMaker;
import io.tradermetrics.examples.marketmaker.Quote;
import io.tradermetrics.examples.marketmaker.Side;
import org.assertj.core.data.Offset;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The demo on the first 20,000 real trades, scraped over HTTP and checked against the maker's own ledger. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoReplayTest {

  private Demo demo;
  private Demo.Summary summary;
  private java.util.List<io.tradermetrics.examples.marketmaker.Trade> trades;
  private Exposition scrape;
  private String body;
  private String openMetrics;

  @BeforeAll
  void replayAndScrape() throws Exception {
    demo = Demo.start("127.0.0.1", 0);
    trades = BitstampTrades.load(20_000);
    summary = demo.replay(trades, Duration.ZERO, n -> {});
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(demo.metricsUri()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    body = response.body();
    scrape = Exposition.parse(body);
    openMetrics = http.send(HttpRequest.newBuilder(demo.metricsUri())
        .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @AfterAll
  void close() {
    demo.close();
  }

  @Test
  void replayedTheRealTradesAndTraded() {
    assertThat(summary.trades()).isEqualTo(20_000);
    assertThat(summary.ordersSent()).isPositive();
    assertThat(summary.fills()).isPositive();
  }

  @Test
  void fillCounterEqualsTheLedgerFillCount() {
    assertThat(scrape.sum("trader_orders_filled_total", "venue", "bitstamp", "symbol", "BTC/USD"))
        .isEqualTo((double) summary.fills());
  }

  @Test
  void positionGaugeEqualsTheLedgerNetPosition() {
    assertThat(scrape.find("trader_position", "symbol", "BTC/USD"))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(summary.position()));
  }

  @Test
  void submitLatencyHistogramCountEqualsOrdersSent() {
    assertThat(scrape.sum("trader_order_latency_seconds_count", "operation", "submit", "symbol", "BTC/USD"))
        .isEqualTo((double) summary.ordersSent());
    assertThat(scrape.sum("trader_order_latency_seconds_count", "operation", "cancel"))
        .isEqualTo((double) summary.cancels());
  }

  @Test
  void latencyHistogramHasTheCatalogBucketsInSeconds() {
    assertThat(scrape.find("trader_order_latency_seconds_bucket", "operation", "submit", "side", "buy"))
        .extracting(s -> s.labels().get("le"))
        .contains("1.0E-4", "0.001", "1.0", "+Inf");
  }

  @Test
  void fillVolumeEqualsTheFilledQuantityOfTheLedger() {
    double volume = scrape.sum("trader_fill_volume_total", "side", "buy") - scrape.sum("trader_fill_volume_total", "side", "sell");
    assertThat(volume).isCloseTo(summary.position(), org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void everyOrderSentWasAcknowledgedOrRejectedByTheSimulatedVenueAndTimed() {
    MarketMaker maker = demo.maker();
    assertThat(maker.acks()).isEqualTo(summary.ordersSent() - maker.rejects());
    assertThat(maker.rejectMessages()).isEqualTo(maker.rejects()).isPositive();
    assertThat(scrape.sum("trader_order_ack_latency_seconds_count", "venue", "bitstamp", "symbol", "BTC/USD",
        "outcome", "ack")).isEqualTo((double) maker.acks());
    assertThat(scrape.sum("trader_order_ack_latency_seconds_count", "venue", "bitstamp", "symbol", "BTC/USD",
        "outcome", "rejected")).isEqualTo((double) maker.rejects());
  }

  @Test
  void ackLatenciesAreRealRoundTripsNoShorterThanTheModelledMinimum() {
    // every modelled delay is at least 150 us, so no acknowledgement can fall into the 100 us bucket
    assertThat(scrape.sum("trader_order_ack_latency_seconds_bucket", "outcome", "ack", "le", "1.0E-4")).isZero();
    double count = scrape.sum("trader_order_ack_latency_seconds_count", "outcome", "ack");
    double sum = scrape.sum("trader_order_ack_latency_seconds_sum", "outcome", "ack");
    assertThat(sum / count).isGreaterThanOrEqualTo((SimulatedVenue.MIN_DELAY_NANOS + 0.0) / 1e9);
  }

  @Test
  void startedOrdersEqualFinishedPlusExpiredPlusInFlight() {
    double complete = scrape.sum("trader_order_fill_latency_seconds_count", "fill", "complete");
    double cancelled = scrape.sum("trader_order_cancel_latency_seconds_count", "outcome", "cancelled");
    double rejected = scrape.sum("trader_order_ack_latency_seconds_count", "outcome", "rejected");
    double expired = scrape.sum("trader_orders_expired_total");
    double inflight = scrape.sum("trader_orders_inflight");
    assertThat(complete).isEqualTo((double) demo.maker().completeFills()).isPositive();
    assertThat(cancelled).isEqualTo((double) demo.maker().cancelsConfirmed()).isEqualTo((double) summary.cancels());
    assertThat(complete + cancelled + rejected + expired + inflight).isEqualTo((double) summary.ordersSent());
    assertThat(inflight).as("the live quotes at the end of the replay").isBetween(0.0, 2.0);
    assertThat(scrape.find("trader_order_events_unmatched_total")).as("unmatched order events").allSatisfy(s -> assertThat(s.value()).isZero());
  }

  @Test
  void firstFillsAreCountedOncePerOrderFilled() {
    double first = scrape.sum("trader_order_fill_latency_seconds_count", "fill", "first");
    assertThat(first).isGreaterThanOrEqualTo(scrape.sum("trader_order_fill_latency_seconds_count", "fill", "complete"));
    assertThat(first).isLessThanOrEqualTo((double) summary.fills());
  }

  @Test
  void everyOrderIsSentWhileHandlingATickSoTickToTradeCountsThemAll() {
    assertThat(scrape.sum("trader_tick_to_trade_seconds_count", "symbol", "BTC/USD")).isEqualTo((double) summary.ordersSent());
  }

  @Test
  void everyTickHasAMarketDataDelayOrACountedClockSkew() {
    assertThat(scrape.sum("trader_market_data_delay_seconds_count", "symbol", "BTC/USD")
        + scrape.sum("trader_market_data_clock_skew_total", "symbol", "BTC/USD")).isEqualTo((double) summary.trades());
  }

  @Test
  void orderCountersEqualTheMakersSubmitsRejectsAndCancels() {
    MarketMaker maker = demo.maker();
    assertThat(maker.rejects()).as("the venue rate limit rejected some orders in the replay").isPositive();
    assertThat(scrape.sum("trader_orders_submitted_total", "venue", "bitstamp", "symbol", "BTC/USD"))
        .isEqualTo((double) (maker.ordersSent() - maker.rejects()));
    assertThat(scrape.sum("trader_orders_rejected_total", "venue", "bitstamp", "symbol", "BTC/USD"))
        .isEqualTo((double) maker.rejects());
    assertThat(scrape.sum("trader_orders_cancelled_total", "venue", "bitstamp", "symbol", "BTC/USD"))
        .isEqualTo((double) maker.cancels());
    assertThat(scrape.sum("trader_orders_failed_total")).isZero();
    assertThat(scrape.sum("trader_order_latency_seconds_count", "operation", "submit", "outcome", "rejected"))
        .isEqualTo((double) maker.rejects());
  }

  @Test
  void quoteCounterEqualsEveryQuotePostedAndGuardBlocksEqualTheMakersCount() {
    MarketMaker maker = demo.maker();
    assertThat(scrape.sum("trader_quotes_total", "symbol", "BTC/USD")).isEqualTo((double) maker.ordersSent());
    assertThat(scrape.sum("trader_guard_blocks_total", "guard", "inventory")).isEqualTo((double) maker.inventoryBlocks());
  }

  @Test
  void openOrdersGaugeEqualsTheLiveQuotesPerSide() {
    MarketMaker maker = demo.maker();
    for (Side side : Side.values()) {
      String label = side.name().toLowerCase(java.util.Locale.ROOT);
      assertThat(scrape.find("trader_orders_open", "symbol", "BTC/USD", "side", label))
          .singleElement()
          .satisfies(s -> assertThat(s.value()).isEqualTo(maker.quote(side) == null ? 0.0 : 1.0));
    }
  }

  @Test
  void pnlGaugesEqualTheLedgersRealizedAndUnrealizedPnl() {
    Ledger ledger = demo.maker().ledger();
    assertThat(ledger.realizedPnl()).isNotZero();
    assertThat(scrape.find("trader_pnl_realized", "symbol", "BTC/USD", "strategy", Ledger.STRATEGY))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(ledger.realizedPnl()));
    assertThat(scrape.find("trader_pnl_unrealized", "symbol", "BTC/USD", "strategy", Ledger.STRATEGY))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(ledger.unrealizedPnl()));
  }

  @Test
  void spreadSeriesShowTheLastPublishedQuoteAndCountEveryPublication() {
    MarketMaker maker = demo.maker();
    Quote last = maker.lastQuote();
    assertThat(last).isNotNull();
    assertThat(scrape.find("trader_spread", "symbol", "BTC/USD"))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(last.ask() - last.bid()));
    assertThat(scrape.sum("trader_spread_bps_count", "symbol", "BTC/USD")).isEqualTo((double) maker.quotesPublished());
    assertThat(scrape.find("trader_spread_bps_bucket", "symbol", "BTC/USD"))
        .extracting(s -> s.labels().get("le"))
        .containsExactly("1.0", "2.0", "5.0", "10.0", "20.0", "50.0", "100.0", "200.0", "+Inf");
    // quotes are 2 x halfSpreadBps apart around the last trade, give or take re-quote drift and rounding
    double halfSpread = maker.settings().halfSpreadBps();
    double requote = maker.settings().requoteBps();
    double mean = scrape.sum("trader_spread_bps_sum", "symbol", "BTC/USD") / maker.quotesPublished();
    assertThat(mean).isBetween(2 * (halfSpread - requote), 2 * (halfSpread + requote));
  }

  @Test
  void slippageHistogramMeasuresEveryFillAgainstTheTradeThatCrossedIt() {
    MarketMaker maker = demo.maker();
    assertThat(scrape.sum("trader_slippage_bps_count", "symbol", "BTC/USD")).isEqualTo((double) summary.fills());
    assertThat(scrape.sum("trader_slippage_bps_sum", "symbol", "BTC/USD"))
        .isCloseTo(maker.printThroughBpsSum(), Offset.offset(1e-6 * Math.max(1, maker.printThroughBpsSum())));
    assertThat(maker.printThroughBpsSum()).isPositive();
  }

  /**
   * Markouts computed here from the replayed trades alone: for each fill of the maker (its price,
   * side and the market second of the trade that caused it) and each horizon, the first replayed
   * trade at or after the fill's second plus the horizon gives the mid (the demo's mid is the last
   * trade price); the signed move in bps of the fill price, positive in the fill's favour. Fills
   * whose horizon the replay never reached are not marked out. The histograms served must hold
   * exactly those markouts: counts and sums per side, horizon and direction, and the 10 bps bucket.
   */
  @Test
  void markoutHistogramsHoldTheMarkoutsComputedIndependentlyFromTheReplayedTrades() {
    assertThat(scrape.find("trader_markout_overflow_total")).as("no fill past the ring").isEmpty();
    int checked = 0;
    for (long horizon : new long[] {1, 10, 60}) {
      java.util.Map<String, double[]> expected = new java.util.HashMap<>(); // side|direction -> count, sum, <=10
      for (MarketMaker.Execution e : demo.maker().executions()) {
        long due = e.epochSeconds() + horizon;
        io.tradermetrics.examples.marketmaker.Trade at = trades.stream().filter(t -> t.epochSeconds() >= due)
            .findFirst().orElse(null);
        if (at == null) {
          continue;
        }
        double sign = e.fill().side() == Side.BUY ? 1 : -1;
        double bps = sign * (at.price() - e.fill().price()) / e.fill().price() * 10_000;
        String key = e.fill().side().name().toLowerCase(java.util.Locale.ROOT) + "|" + (bps >= 0 ? "favourable" : "adverse");
        double[] acc = expected.computeIfAbsent(key, k -> new double[3]);
        acc[0]++;
        acc[1] += Math.abs(bps);
        acc[2] += Math.abs(bps) <= 10 ? 1 : 0;
      }
      assertThat(expected).as("markouts at %d s in both directions", horizon).hasSize(4);
      for (var entry : expected.entrySet()) {
        String[] parts = entry.getKey().split("\\|");
        String[] labels = {"horizon", horizon + "s", "side", parts[0], "direction", parts[1], "venue", "bitstamp",
            "symbol", "BTC/USD"};
        double[] acc = entry.getValue();
        assertThat(scrape.sum("trader_markout_bps_count", labels)).as(entry.getKey() + " at " + horizon + " s").isEqualTo(acc[0]);
        assertThat(scrape.sum("trader_markout_bps_sum", labels)).isCloseTo(acc[1], Offset.offset(1e-6 * Math.max(1, acc[1])));
        String[] bucket = java.util.Arrays.copyOf(labels, labels.length + 2);
        bucket[labels.length] = "le";
        bucket[labels.length + 1] = "10.0";
        assertThat(scrape.sum("trader_markout_bps_bucket", bucket)).isEqualTo(acc[2]);
        checked += (int) acc[0];
      }
    }
    assertThat(checked).as("markouts checked").isGreaterThan(3 * (int) summary.fills() / 2);
  }

  @Test
  void opportunitiesOfTheScannerAreCountedByVenuePairWithTheirNetSpread() {
    assertThat(demo.scanner().opportunities()).isPositive();
    assertThat(scrape.sum("trader_opportunity_net_spread_bps_count", "symbol", "BTC/USD"))
        .isEqualTo((double) demo.scanner().opportunities());
    assertThat(scrape.sum("trader_opportunity_net_spread_bps_count", "buy_venue", "bitstamp", "sell_venue", "laggard"))
        .isPositive();
    assertThat(scrape.sum("trader_opportunity_net_spread_bps_count", "buy_venue", "laggard", "sell_venue", "bitstamp"))
        .isPositive();
  }

  @Test
  void rejectsCarryTheVenuesReasonAndFillsTheirLiquidityAndRebate() {
    MarketMaker maker = demo.maker();
    assertThat(scrape.sum("trader_orders_rejected_total", "reason", "rate_limit")).isEqualTo((double) maker.rejects());
    assertThat(scrape.sum("trader_order_ack_latency_seconds_count", "outcome", "rejected", "reason", "rate_limit"))
        .isEqualTo((double) maker.rejects());
    assertThat(scrape.sum("trader_order_fill_latency_seconds_count", "fill", "first", "liquidity", "maker"))
        .isEqualTo(scrape.sum("trader_order_fill_latency_seconds_count", "fill", "first"));
    double notional = scrape.sum("trader_fill_notional_total", "currency", "USD");
    assertThat(notional).isPositive();
    assertThat(scrape.sum("trader_fill_rebates_total", "currency", "USD"))
        .isCloseTo(notional * io.tradermetrics.examples.marketmaker.Fill.MAKER_REBATE, Offset.offset(1e-6));
    assertThat(scrape.sum("trader_fill_fees_total")).isZero();
  }

  /**
   * The OpenMetrics exposition carries exemplars on the lifecycle latency histograms naming the
   * client order id; without a tracer the trace and span ids are empty.
   */
  @Test
  void lifecycleLatencyBucketsCarryExemplarsNamingClientOrderIdsInOpenMetrics() {
    java.util.regex.Pattern exemplar = java.util.regex.Pattern.compile(
        "^trader_order_ack_latency_seconds_bucket\\{.*\\} \\d+ # \\{(.*)\\} [0-9.eE+-]+ [0-9.]+$");
    java.util.List<String> ids = openMetrics.lines().map(exemplar::matcher).filter(java.util.regex.Matcher::matches)
        .map(m -> m.group(1)).toList();
    assertThat(ids).as("ack latency exemplars").isNotEmpty();
    for (String labels : ids) {
      java.util.regex.Matcher id = java.util.regex.Pattern.compile("order_id=\"(\\d+)\"").matcher(labels);
      assertThat(id.find()).as(labels).isTrue();
      assertThat(Long.parseLong(id.group(1))).as("a client order id the maker sent").isBetween(1L, summary.ordersSent());
    }
    assertThat(openMetrics.lines().filter(l -> l.startsWith("trader_order_latency_seconds_bucket{")
        && l.contains("operation=\"submit\"") && l.contains(" # {") && l.contains("order_id=\"")))
        .as("exemplars of the submit latency, @TimedOrder(orderId = \"result.id\")").isNotEmpty();
    assertThat(openMetrics.lines().filter(l -> l.startsWith("trader_spread_bps_bucket{") && l.contains(" # {")))
        .as("no exemplar where no order is being recorded").isEmpty();
    assertThat(body).as("the Prometheus text format has no exemplars").doesNotContain(" # {");
  }

  /**
   * The golden comparison: every counter, gauge and histogram count (not latency values) the demo
   * serves after these 20,000 trades is what main served before the instrumentation engine was
   * rebuilt (the file says how it was made). The replay is deterministic in orders, fills and
   * cancels, so any difference is a change in what the engine records. One split depends on
   * latency values and is compared as a sum: whether a tick's exchange timestamp (the demo stamps
   * it microseconds before the handler runs) reads as a delay or as clock skew depends on
   * microseconds of instrumentation and clock calibration; every tick is one or the other.
   */
  @Test
  void countersGaugesAndHistogramCountsEqualTheGoldenScrape() throws Exception {
    java.util.List<String> golden;
    try (var in = DemoReplayTest.class.getResourceAsStream("/golden/demo-20000-trades.txt")) {
      assertThat(in).as("golden/demo-20000-trades.txt on the test class path").isNotNull();
      golden = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    }
    java.util.List<String> served = body.lines()
        .filter(line -> line.startsWith("trader_") || line.startsWith("tradermetrics_"))
        .filter(line -> !line.matches(".*_seconds_(bucket|sum|max)[{ ].*") && !line.matches("^[a-z_]+_max[{ ].*"))
        .filter(line -> !line.startsWith("tradermetrics_scrape") && !line.startsWith("tradermetrics_exporter")
            && !line.startsWith("tradermetrics_health_status") && !line.startsWith("tradermetrics_build_info"))
        .filter(line -> !line.matches("^[a-z_]+_created[{ ].*"))
        .sorted().toList();
    assertThat(ticksWithTimestamp(served)).as("delays + clock skews").isEqualTo(ticksWithTimestamp(golden));
    assertThat(withoutTickSplit(served)).containsExactlyInAnyOrderElementsOf(withoutTickSplit(golden));
  }

  private static final String DELAY_COUNT = "trader_market_data_delay_seconds_count{";
  private static final String SKEW = "trader_market_data_clock_skew_total{";

  private static double ticksWithTimestamp(java.util.List<String> lines) {
    return lines.stream().filter(l -> l.startsWith(DELAY_COUNT) || l.startsWith(SKEW))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static java.util.List<String> withoutTickSplit(java.util.List<String> lines) {
    return lines.stream().filter(l -> !l.startsWith(DELAY_COUNT) && !l.startsWith(SKEW)).toList();
  }
}
