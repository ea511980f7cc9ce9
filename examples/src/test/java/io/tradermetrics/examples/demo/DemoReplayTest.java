package io.tradermetrics.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradermetrics.examples.marketmaker.BitstampTrades;
import io.tradermetrics.examples.marketmaker.SimulatedVenue;
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
  private Exposition scrape;
  private String body;

  @BeforeAll
  void replayAndScrape() throws Exception {
    demo = Demo.start("127.0.0.1", 0);
    summary = demo.replay(BitstampTrades.load(20_000), Duration.ZERO, n -> {});
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(demo.metricsUri()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    body = response.body();
    scrape = Exposition.parse(body);
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
  void everyOrderSentWasAcknowledgedByTheSimulatedVenueAndTimed() {
    assertThat(demo.maker().acks()).isEqualTo(summary.ordersSent());
    assertThat(scrape.sum("trader_order_ack_latency_seconds_count", "venue", "bitstamp", "symbol", "BTC/USD",
        "outcome", "ack")).isEqualTo((double) summary.ordersSent());
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
}
