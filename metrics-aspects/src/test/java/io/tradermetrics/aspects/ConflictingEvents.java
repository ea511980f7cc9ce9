package io.tradermetrics.aspects;

import io.tradermetrics.annotation.CountEvent;
import io.tradermetrics.annotation.Label;

/** A woven fixture that counts {@code guard.blocks} with other label keys than {@link VocabularyTrader} does. */
class ConflictingEvents {

  @CountEvent(name = "guard.blocks", labels = {"guard=risk", "symbol"})
  void riskBlocked(@Label("symbol") String symbol) {}
}
