package io.tradermetrics.examples.marketmaker;

import io.tradermetrics.annotation.CountOpportunity;
import io.tradermetrics.annotation.Label;
import java.util.ArrayDeque;

/**
 * The demo's arbitrage scanner between Bitstamp and a simulated second venue, {@link #SECOND_VENUE},
 * which quotes BTC/USD at the price Bitstamp traded {@link #LAG_SECONDS} seconds of market time
 * earlier (a slow venue: its book follows the market late). On every replayed trade it compares the
 * two prices; when the gap, less both venues' taker fees ({@link #TAKER_FEE_BPS} each), is
 * positive, an opportunity opens: buy at the cheaper venue, sell at the dearer one. Each opening is
 * reported once ({@link #onOpportunity}, counted with its net spread in
 * {@code trader_opportunity_net_spread_bps}); it closes when the net spread is no longer positive.
 * Deterministic: market time only. Not thread-safe: the replay's thread.
 */
public class ArbitrageScanner {

  /** The simulated second venue. */
  public static final String SECOND_VENUE = "laggard";
  /** How far the second venue's price lags Bitstamp's, market seconds. */
  public static final long LAG_SECONDS = 30;
  /** The taker fee of each leg, bps. */
  public static final double TAKER_FEE_BPS = 10;

  /**
   * An opportunity: buy at {@code buyVenue}, sell at {@code sellVenue}.
   *
   * @param symbol       the instrument
   * @param buyVenue     where the leg is bought (the lower price)
   * @param sellVenue    where it is sold (the higher price)
   * @param netSpreadBps the gap in bps of the lower price, less both taker fees
   */
  public record Opportunity(String symbol, String buyVenue, String sellVenue, double netSpreadBps) {}

  private final ArrayDeque<Trade> window = new ArrayDeque<>();
  private double laggedPrice = Double.NaN;
  private boolean open;
  private long opportunities;

  /** Compares the trade with the second venue's price, and reports an opportunity that opens. */
  public void onTrade(Trade trade) {
    window.addLast(trade);
    while (!window.isEmpty() && window.peekFirst().epochSeconds() <= trade.epochSeconds() - LAG_SECONDS) {
      laggedPrice = window.removeFirst().price();
    }
    if (Double.isNaN(laggedPrice)) {
      return;
    }
    double low = Math.min(trade.price(), laggedPrice);
    double net = Math.abs(trade.price() - laggedPrice) / low * 10_000 - 2 * TAKER_FEE_BPS;
    if (net > 0 && !open) {
      boolean buyHere = trade.price() < laggedPrice;
      onOpportunity(new Opportunity(BitstampTrades.SYMBOL, buyHere ? MarketMaker.VENUE : SECOND_VENUE,
          buyHere ? SECOND_VENUE : MarketMaker.VENUE, net));
    }
    open = net > 0;
  }

  /**
   * Reports an opportunity that opened, counted with its net spread by venue pair.
   *
   * @param opportunity the opportunity
   */
  @CountOpportunity(netSpreadBps = "opportunity.netSpreadBps")
  void onOpportunity(@Label(value = "symbol", path = "symbol") @Label(value = "buy_venue", path = "buyVenue")
      @Label(value = "sell_venue", path = "sellVenue") Opportunity opportunity) {
    opportunities++;
  }

  /** Opportunities reported so far. */
  public long opportunities() {
    return opportunities;
  }
}
