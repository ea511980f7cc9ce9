package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountFill;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.TimedOrder;
import io.tradermetrics.annotation.TrackPosition;

/** A woven fixture whose annotations are wrong, each in one way. */
class MisannotatedTrader {

  record Fill(String symbol, double quantity) {}

  @CountFill(quantity = "fill.qty")
  void pathDoesNotExist(Fill fill) {}

  @CountFill(quantity = "fill.symbol")
  void quantityIsNotANumber(Fill fill) {}

  /**
   * A composed annotation: the compile-time {@code declare error} sees direct annotations only, so a
   * gauge on a void method through it compiles and is rejected when the join point is bound.
   */
  @TrackPosition
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @interface PositionGauge {}

  @PositionGauge
  void gaugeOnVoid(double position) {}

  @TimedOrder
  void unknownLabelKey(@Label("colour") String colour) {}

  @TimedOrder(buckets = {0.5, 0.1})
  void bucketsNotIncreasing() {}

  @CountFill(quantity = "qty")
  void noSuchParameter(double quantity) {}
}
