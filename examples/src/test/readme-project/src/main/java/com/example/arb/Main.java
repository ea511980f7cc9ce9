package com.example.arb;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.tradermetrics.guice.TraderMetricsModule;
import io.tradermetrics.guice.TraderMetricsService;

/**
 * Starts the bot with the exporter on a free port, trades a little, prints {@code metrics=<url>} and
 * serves until standard input is closed.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    Injector injector = Guice.createInjector(TraderMetricsModule.builder().port(0).build(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(ArbBot.class);
      }
    });
    ArbBot bot = injector.getInstance(ArbBot.class);
    bot.submit("kraken", "BTC/USD", "buy", 0.5);
    bot.onFill(new Fill("kraken", "BTC/USD", "buy", 0.5, 30000.0));
    bot.onFill(new Fill("bitstamp", "BTC/USD", "sell", 0.25, 30010.0));
    TraderMetricsService service = injector.getInstance(TraderMetricsService.class);
    System.out.println("metrics=" + service.metricsUri());
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the test closes our standard input
    }
    service.close();
  }
}
