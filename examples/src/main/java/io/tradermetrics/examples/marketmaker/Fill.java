package io.tradermetrics.examples.marketmaker;

/**
 * A (partial) fill of one of the market maker's orders.
 *
 * @param orderId  the order filled
 * @param symbol   the instrument, e.g. {@code BTC/USD}
 * @param side     the side of the filled order
 * @param price    execution price, quote currency per base-asset unit
 * @param quantity filled quantity, base-asset units, positive
 */
public record Fill(long orderId, String symbol, Side side, double price, double quantity) {

  /** The venue's maker rebate, as a fraction of the notional: 0.02 %. */
  public static final double MAKER_REBATE = 0.0002;

  /** The market maker's fills are passive: its resting quotes are taken, so each is a {@code maker} fill. */
  public String liquidity() {
    return "maker";
  }

  /** The fee of this fill, quote currency (USD): the maker rebate, so negative. */
  public double fee() {
    return -MAKER_REBATE * price * quantity;
  }
}
