package io.tradermetrics.examples.marketmaker;

/**
 * The market maker's two-sided quote: its live bid and ask.
 *
 * @param symbol the instrument, e.g. {@code BTC/USD}
 * @param bid    bid price, quote currency per base-asset unit
 * @param ask    ask price, quote currency per base-asset unit
 */
public record Quote(String symbol, double bid, double ask) {}
