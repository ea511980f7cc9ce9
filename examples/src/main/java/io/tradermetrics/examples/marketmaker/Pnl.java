package io.tradermetrics.examples.marketmaker;

/**
 * The ledger's PnL at a mark price, quote currency, profit positive.
 *
 * @param realized   PnL of closed quantity (average-cost method)
 * @param unrealized PnL of the open position at the mark price: {@code position * (mark - averagePrice)}
 */
public record Pnl(double realized, double unrealized) {}
