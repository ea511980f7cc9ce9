package io.tradermetrics.examples.marketmaker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarketMakerTest {

  private final MarketMaker maker = new MarketMaker(new Ledger(), new MarketMaker.Settings("BTC/USD", 0.5, 10, 5, 1.0));

  @Test
  void quotesABidAndAnAskAroundTheLastTrade() {
    maker.onMarketTrade(new Trade(0, 1000.0, 0.1));
    assertThat(maker.quote(Side.BUY).price()).isEqualTo(999.0);
    assertThat(maker.quote(Side.SELL).price()).isEqualTo(1001.0);
    assertThat(maker.ordersSent()).isEqualTo(2);
  }

  @Test
  void isFilledPartiallyByASmallerTradeThatCrossesItsBid() {
    maker.onMarketTrade(new Trade(0, 1000.0, 0.1));
    maker.onMarketTrade(new Trade(1, 998.5, 0.2)); // crosses the 999 bid, 0.2 of 0.5
    assertThat(maker.ledger().fills()).isEqualTo(1);
    assertThat(maker.ledger().position()).isEqualTo(0.2);
    assertThat(maker.ledger().averagePrice()).isEqualTo(999.0);
  }

  @Test
  void stopsBiddingAtTheInventoryLimit() {
    maker.onMarketTrade(new Trade(0, 1000.0, 0.1));
    maker.onMarketTrade(new Trade(1, 990.0, 5));   // bid filled 0.5, re-quoted around 990
    maker.onMarketTrade(new Trade(2, 980.0, 5));   // bid filled again: position 1.0 = limit
    assertThat(maker.ledger().position()).isEqualTo(1.0);
    assertThat(maker.quote(Side.BUY)).isNull();
    assertThat(maker.quote(Side.SELL)).isNotNull();
  }

  @Test
  void readsTheRealBitstampTrades() {
    var trades = BitstampTrades.load(Integer.MAX_VALUE);
    assertThat(trades).hasSizeGreaterThanOrEqualTo(99_999);
    assertThat(trades.get(0)).isEqualTo(new Trade(1385337600L, 800.01, 0.1));
  }
}
