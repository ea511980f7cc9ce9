package com.example.arb;

import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.OrderOperation;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.TrackPosition;

/** A two-venue arbitrage bot's order side, annotated as README.md shows. */
public class ArbBot {

  private long orders;
  private double position;

  @TimedOrder(operation = OrderOperation.SUBMIT)
  public long submit(@Label("venue") String venue, @Label("symbol") String symbol, @Label("side") String side,
      double quantity) {
    return ++orders;
  }

  /** Two annotations stacked: each takes the labels its metric has (the position takes only the symbol: its venue is a constant of @TrackPosition). */
  @CountFill(quantity = "fill.quantity", price = "fill.price")
  @TrackPosition
  public double onFill(@Label(value = "venue", path = "venue") @Label(value = "symbol", path = "symbol")
      @Label(value = "side", path = "side") Fill fill) {
    position += "buy".equals(fill.side()) ? fill.quantity() : -fill.quantity();
    return position;
  }
}
