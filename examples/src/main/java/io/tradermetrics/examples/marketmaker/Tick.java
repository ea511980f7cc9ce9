package io.tradermetrics.examples.marketmaker;

/**
 * A market data tick as the feed hands it to the market maker: one trade printed by the venue, with
 * the time the feed stamped it.
 *
 * @param symbol            the instrument, e.g. {@code BTC/USD}
 * @param trade             the trade
 * @param exchangeTimeNanos when the venue published it, nanoseconds since the Unix epoch (UTC)
 */
public record Tick(String symbol, Trade trade, long exchangeTimeNanos) {}
