package com.example.arb;

import io.tradermetrics.annotation.CountQuote;
import io.tradermetrics.annotation.Label;

/** A test helper with an annotation, woven by the test-compile goal. */
public class PaperVenue {

  @CountQuote
  public void quote(@Label("symbol") String symbol) {}
}
