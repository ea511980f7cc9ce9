package io.tradermetrics.examples.marketmaker;

/**
 * One trade printed by the venue.
 *
 * @param epochSeconds when it printed, Unix seconds (UTC)
 * @param price        price in quote currency (USD) per base-asset unit (BTC)
 * @param amount       traded quantity in base-asset units (BTC)
 */
public record Trade(long epochSeconds, double price, double amount) {

  /** When it printed, nanoseconds since the Unix epoch (UTC): the market time of the replay. */
  public long epochNanos() {
    return epochSeconds * 1_000_000_000L;
  }
}
