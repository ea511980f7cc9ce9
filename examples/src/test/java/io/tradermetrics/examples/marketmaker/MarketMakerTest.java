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
  void theVenueRejectsSubmitsPastItsRateLimitAndTheSideIsQuotedAgainOnTheNextTrade() {
    int limit = MarketMaker.VENUE_SUBMITS_PER_SECOND;
    assertThat(limit % 2).as("each re-quote submits both sides").isZero();
    double[] prices = {1000.0, 1010.0}; // 1% apart: every trade re-quotes both sides
    for (int i = 0; i < limit / 2; i++) {
      maker.onMarketTrade(new Trade(0, prices[i % 2], 0.1)); // 2 submits each: the limit of second 0
    }
    assertThat(maker.rejects()).isZero();
    maker.onMarketTrade(new Trade(0, prices[(limit / 2) % 2], 0.1)); // 2 cancels, 2 rejected submits
    assertThat(maker.cancels()).isEqualTo(limit);
    assertThat(maker.rejects()).isEqualTo(2);
    assertThat(maker.quote(Side.BUY)).isNull();
    assertThat(maker.quote(Side.SELL)).isNull();
    maker.onMarketTrade(new Trade(1, 1010.0, 0.1));   // a new second: quoted again
    assertThat(maker.quote(Side.BUY).price()).isEqualTo(1008.99); // 1010 less 10 bps
    assertThat(maker.quote(Side.SELL).price()).isEqualTo(1011.01);
    assertThat(maker.ordersSent()).isEqualTo(limit + 4);
    assertThat(maker.lastQuote()).isEqualTo(new Quote("BTC/USD", 1008.99, 1011.01));
  }

  @Test
  void measuresHowFarTheCrossingTradePrintedThroughTheQuote() {
    maker.onMarketTrade(new Trade(0, 1000.0, 0.1));   // bid 999
    maker.onMarketTrade(new Trade(1, 998.0, 0.1));    // prints 1.00 through the bid
    assertThat(maker.printThroughBpsSum()).isEqualTo(1.0 / 998.0 * 10_000);
  }

  @Test
  void readsTheRealBitstampTrades() {
    var trades = BitstampTrades.load(Integer.MAX_VALUE);
    assertThat(trades).hasSizeGreaterThanOrEqualTo(99_999);
    assertThat(trades.get(0)).isEqualTo(new Trade(1385337600L, 800.01, 0.1));
  }
}
