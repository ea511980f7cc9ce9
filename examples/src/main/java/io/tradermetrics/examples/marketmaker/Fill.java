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
public record Fill(long orderId, String symbol, Side side, double price, double quantity) {}
