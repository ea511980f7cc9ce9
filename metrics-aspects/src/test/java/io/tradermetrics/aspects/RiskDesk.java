package io.tradermetrics.aspects;

import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.RaiseAlert;

/** A woven fixture: risk checks that raise event alerts, as a user's would. */
class RiskDesk {

  enum Side { BUY, SELL }

  record Breach(String symbol, double position, double limit) {}

  @RaiseAlert(severity = AlertSeverity.CRITICAL, name = "CircuitBreakerTripped", summary = "Circuit breaker tripped",
      message = "{reason} (loss {loss} USD)", fields = {"reason", "lossUsd=loss"})
  void tripBreaker(@Label("symbol") String symbol, String reason, double loss) {}

  @RaiseAlert(severity = AlertSeverity.WARNING, summary = "Position limit breached", when = RaiseAlert.When.RETURNED_TRUE,
      message = "position {position} beyond {limit}")
  boolean positionLimitBreached(@Label("symbol") String symbol, double position, double limit) {
    return Math.abs(position) > limit;
  }

  @RaiseAlert(severity = AlertSeverity.WARNING, name = "RiskLimitBreached", summary = "Risk limit breached",
      when = RaiseAlert.When.RETURNED_NON_NULL, fields = {"position=result.position", "result.limit"})
  Breach check(@Label(value = "symbol") String symbol, double position) {
    return Math.abs(position) > 5 ? new Breach(symbol, position, 5) : null;
  }

  @RaiseAlert(severity = AlertSeverity.CRITICAL, name = "StrategyPanic", summary = "Strategy threw", when = RaiseAlert.When.THREW)
  void onTick(@Label("side") Side side, double price) {
    if (Double.isNaN(price)) {
      throw new IllegalStateException("NaN price from feed");
    }
  }
}
