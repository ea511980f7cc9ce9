package io.tradermetrics.guice.unwoven;

import io.tradermetrics.annotation.CountFill;

/** An annotation that cannot be honoured: its quantity path does not resolve. Left to javac, like the rest of this package. */
public class MisannotatedDesk {

  /** A fill as a double. */
  @CountFill(quantity = "fill.qty")
  public void onFill(double fill) {}
}
