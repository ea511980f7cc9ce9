package io.tradermetrics.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradermetrics.examples.marketmaker.BitstampTrades;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A demo process started under a strategy name, as one member of a fleet. */
class DemoStrategyTest {

  @Test
  void everySeriesCarriesTheStrategyAndTheTickHandlerIsTimedOncePerTick() throws Exception {
    try (Demo demo = Demo.start("127.0.0.1", 0, null, "mm-7")) {
      demo.replay(BitstampTrades.load(1_000), Duration.ZERO, n -> {});
      String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(demo.metricsUri()).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Exposition scrape = Exposition.parse(body);

      assertThat(scrape.samples()).isNotEmpty().allSatisfy(sample ->
          assertThat(sample.labels()).as(sample.name()).containsEntry("strategy", "mm-7"));
      assertThat(scrape.find("trader_pnl_realized", "symbol", "BTC/USD")).singleElement()
          .satisfies(pnl -> assertThat(pnl.labels()).containsEntry("strategy", "mm-7"));
      assertThat(demo.ticksHandled()).isEqualTo(1_000);
      assertThat(scrape.sum("trader_call_latency_seconds_count", "target", "market-maker", "operation", "on_tick"))
          .isEqualTo(1_000.0);
    }
  }
}
