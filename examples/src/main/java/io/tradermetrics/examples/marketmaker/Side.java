package io.tradermetrics.examples.marketmaker;

/** Order side; rendered {@code buy}/{@code sell} as a label. */
public enum Side {
  /** Buying the base asset (a bid). */
  BUY,
  /** Selling the base asset (an ask). */
  SELL;

  /** +1 for buys, -1 for sells: the sign a fill of this side gives the position. */
  public int sign() {
    return this == BUY ? 1 : -1;
  }
}
