package io.tradermetrics.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradermetrics.examples.marketmaker.BitstampTrades;
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
}
