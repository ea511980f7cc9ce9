package io.tradermetrics.examples.marketmaker;

import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.TrackPosition;

/**
 * The market maker's own books: net position, average entry price and realized PnL (average-cost
 * method), kept independently of any metric so that the metrics can be checked against it.
 * Not thread-safe: owned by the market maker's thread.
 */
public final class Ledger {

  private double position;
  private double averagePrice;
  private double realizedPnl;
  private long fills;

  /**
   * Books a fill.
   *
   * @param fill the fill
   * @return the net position after it, base-asset units (long positive, short negative)
   */
  @TrackPosition
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
