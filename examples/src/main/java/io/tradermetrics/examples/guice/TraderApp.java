package io.tradermetrics.examples.guice;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.tradermetrics.examples.marketmaker.BitstampTrades;
import io.tradermetrics.examples.marketmaker.MarketMaker;
import io.tradermetrics.examples.marketmaker.Trade;
import io.tradermetrics.guice.TraderMetricsModule;

/**
 * A complete trading application's {@code main} with tradermetrics: create the injector with
 * {@link TraderMetricsModule} and the settings file {@code tradermetrics.conf} from the class path,
 * then use the trader. The injector starts the exporter on 127.0.0.1:9464; the shutdown hook the
 * file asks for stops it. {@code docs/guice.md} shows the region between the tag comments verbatim
 * (checked by {@code TraderAppDocTest}).
 */
public final class TraderApp {

  private TraderApp() {}

  /**
   * Replays the first 10,000 real Bitstamp trades into the market maker.
   *
   * @param args none
   */
  // tag::main[]
  public static void main(String[] args) {
    Injector injector = Guice.createInjector(
        TraderMetricsModule.builder().configResource("tradermetrics.conf").build());

    MarketMaker maker = injector.getInstance(MarketMaker.class);
    for (Trade trade : BitstampTrades.load(10_000)) {
      maker.onMarketTrade(trade);
    }
  }
  // end::main[]
}
