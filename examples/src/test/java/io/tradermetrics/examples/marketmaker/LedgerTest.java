package io.tradermetrics.examples.marketmaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LedgerTest {

  private final Ledger ledger = new Ledger();

  @Test
  void realizesPnlAgainstTheAverageEntryPrice() {
    ledger.apply(new Fill(1, "BTC/USD", Side.BUY, 800, 1.0));
    ledger.apply(new Fill(2, "BTC/USD", Side.BUY, 820, 1.0)); // long 2 @ 810
    assertThat(ledger.averagePrice()).isEqualTo(810.0);
    ledger.apply(new Fill(3, "BTC/USD", Side.SELL, 830, 0.5)); // realize 0.5 * 20
    assertThat(ledger.realizedPnl()).isCloseTo(10.0, within(1e-9));
    assertThat(ledger.position()).isEqualTo(1.5);
  }

  @Test
  void flipsThroughFlatAndOpensTheRestAtTheFillPrice() {
    ledger.apply(new Fill(1, "BTC/USD", Side.SELL, 800, 1.0)); // short 1 @ 800
    double position = ledger.apply(new Fill(2, "BTC/USD", Side.BUY, 790, 1.5)); // close 1 (+10), long 0.5 @ 790
    assertThat(position).isEqualTo(0.5);
    assertThat(ledger.realizedPnl()).isCloseTo(10.0, within(1e-9));
    assertThat(ledger.averagePrice()).isEqualTo(790.0);
    assertThat(ledger.fills()).isEqualTo(2);
  }

  @Test
  void marksTheOpenPositionToMarketForUnrealizedPnl() {
    ledger.apply(new Fill(1, "BTC/USD", Side.SELL, 800, 2.0)); // short 2 @ 800
    Pnl pnl = ledger.mark("BTC/USD", 790);
    assertThat(pnl.unrealized()).isEqualTo(20.0); // -2 * (790 - 800)
    assertThat(pnl.realized()).isZero();
    assertThat(ledger.unrealizedPnl()).isEqualTo(20.0);
    ledger.apply(new Fill(2, "BTC/USD", Side.BUY, 790, 2.0)); // flat: all realized
    assertThat(ledger.mark("BTC/USD", 700)).isEqualTo(new Pnl(Ledger.STRATEGY, 20.0, 0.0));
  }
}
