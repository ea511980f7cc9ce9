package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TimedCall;

/** Woven fixtures for {@link TimedCall}: class-level, method-level override, and composed. */
final class ExchangeClients {

  private ExchangeClients() {}

  @TimedCall(target = "kraken")
  static class KrakenClient {
    public String balances() {
      return "ok";
    }

    @TimedCall(target = "kraken", operation = "place_order")
    public String placeOrder() {
      return "id";
    }

    String notPublic() {
      return "untimed";
    }
  }

  @BinanceCall
  static class BinanceClient {
    public int depth() {
      return 20;
    }
  }

  static class Scanner {
    @BinanceCall
    public void scan() {}
  }
}
