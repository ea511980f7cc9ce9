package io.tradermetrics.examples.marketmaker;

/**
 * A live limit order of the market maker. Its remaining quantity goes down as it is filled. Not
 * thread-safe: owned by the market maker's thread.
 */
public final class Order {

  private final long id;
  private final String symbol;
  private final Side side;
  private final double price;
  private final boolean rejected;
  private double remaining;

  Order(long id, String symbol, Side side, double price, double quantity) {
    this(id, symbol, side, price, quantity, false);
  }

  Order(long id, String symbol, Side side, double price, double quantity, boolean rejected) {
    this.id = id;
    this.symbol = symbol;
    this.side = side;
    this.price = price;
    this.remaining = rejected ? 0 : quantity;
    this.rejected = rejected;
  }

  /** The venue's order id. */
  public long id() {
    return id;
  }

  /** The instrument, e.g. {@code BTC/USD}. */
  public String symbol() {
    return symbol;
  }

  /** Buy (bid) or sell (ask). */
  public Side side() {
    return side;
  }

  /** Limit price, quote currency per base-asset unit. */
  public double price() {
    return price;
  }

  /** Whether the venue refused the order; a rejected order is not live and has nothing remaining. */
  public boolean rejected() {
    return rejected;
  }

  /** Why the venue refused the order ({@link MarketMaker#REJECT_RATE_LIMIT}), or null if it did not. */
  public @org.jspecify.annotations.Nullable String rejectReason() {
    return rejected ? MarketMaker.REJECT_RATE_LIMIT : null;
  }

  /** Quantity not yet filled, base-asset units. */
  public double remaining() {
    return remaining;
  }

  void reduce(double quantity) {
    remaining -= quantity;
  }
}
