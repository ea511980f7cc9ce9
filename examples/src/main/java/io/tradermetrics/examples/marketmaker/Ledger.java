package io.tradermetrics.examples.marketmaker;

import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.TrackPnl;
import io.tradermetrics.annotation.TrackPosition;

/**
 * The market maker's own books: net position, average entry price, realized PnL (average-cost
 * method) and unrealized PnL at the last mark price, kept independently of any metric so that the
 * metrics can be checked against it. Not thread-safe: owned by the market maker's thread.
 */
public final class Ledger {

  /** The position limit published as {@code trader_position_limit}, BTC: the market maker's inventory limit. */
  public static final double POSITION_LIMIT = 5;

  /** The default {@code strategy} label of the PnL gauges. */
  public static final String STRATEGY = "market-maker";

  private final String strategy;
  private double position;
  private double averagePrice;
  private double realizedPnl;
  private long fills;
  private double markPrice;

  /** A ledger whose PnL is labelled {@link #STRATEGY}. */
  public Ledger() {
    this(STRATEGY);
  }

  /**
   * A ledger whose PnL gauges carry {@code strategy}: in a fleet, the name the process runs under
   * (the demo's {@code --strategy}), so that PnL is labelled like every other series of the process.
   *
   * @param strategy the {@code strategy} label, e.g. {@code mm-btc-1}
   */
  public Ledger(String strategy) {
    this.strategy = strategy;
  }

  /**
   * Books a fill.
   *
   * @param fill the fill
   * @return the net position after it, base-asset units (long positive, short negative)
   */
  @TrackPosition(venue = MarketMaker.VENUE, limit = POSITION_LIMIT)
  public double apply(@Label(value = "symbol", path = "symbol") Fill fill) {
    fills++;
    double signed = fill.side().sign() * fill.quantity();
    if (position == 0 || Math.signum(position) == Math.signum(signed)) {
      double size = Math.abs(position) + fill.quantity();
      averagePrice = (averagePrice * Math.abs(position) + fill.price() * fill.quantity()) / size;
      position += signed;
      return position;
    }
    double closing = Math.min(fill.quantity(), Math.abs(position));
    realizedPnl += closing * (fill.price() - averagePrice) * Math.signum(position);
    position += signed;
    if (Math.abs(position) < 1e-12) {
      position = 0;
      averagePrice = 0;
    } else if (fill.quantity() > closing) {
      averagePrice = fill.price(); // the position flipped: what is left was opened at this price
    }
    return position;
  }

  /**
   * Marks the open position to a market price and reports PnL into {@code trader_pnl_realized} and
   * {@code trader_pnl_unrealized} (quote currency).
   *
   * @param symbol    the instrument, the {@code symbol} label
   * @param markPrice the price to value the open position at, quote currency, e.g. the last trade
   * @return the ledger's strategy, realized PnL, and unrealized PnL at {@code markPrice}
   */
  @TrackPnl(realized = "result.realized", unrealized = "result.unrealized", currency = MarketMaker.CURRENCY)
  @Label(value = "strategy", path = "strategy")
  public Pnl mark(@Label("symbol") String symbol, double markPrice) {
    this.markPrice = markPrice;
    return new Pnl(strategy, realizedPnl, unrealizedPnl());
  }

  /** The {@code strategy} label of this ledger's PnL. */
  public String strategy() {
    return strategy;
  }

  /** Unrealized PnL of the open position at the last mark price, quote currency; 0 when flat or never marked. */
  public double unrealizedPnl() {
    return position == 0 ? 0 : position * (markPrice - averagePrice);
  }

  /** Net position, base-asset units. */
  public double position() {
    return position;
  }

  /** Average entry price of the open position, quote currency; 0 when flat. */
  public double averagePrice() {
    return averagePrice;
  }

  /** Realized PnL, quote currency. */
  public double realizedPnl() {
    return realizedPnl;
  }

  /** Fills booked. */
  public long fills() {
    return fills;
  }
}
