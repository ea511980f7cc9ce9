package io.tradermetrics.examples.marketmaker;

/**
 * The ledger's PnL at a mark price, quote currency, profit positive.
 *
 * @param strategy   the strategy whose book this is, the {@code strategy} label of the PnL gauges
 * @param realized   PnL of closed quantity (average-cost method)
 * @param unrealized PnL of the open position at the mark price: {@code position * (mark - averagePrice)}
 */
public record Pnl(String strategy, double realized, double unrealized) {}
