package io.tradermetrics.examples.marketmaker;

import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.exporter.KillSwitchCheck;

/**
 * The market maker's circuit breaker: tripping it halts quoting and takes the process out of
 * service ({@link KillSwitchCheck}, so {@code /health/ready} answers 503), and raises a critical
 * event alert through {@link RaiseAlert @RaiseAlert}: logged, counted, and posted to Alertmanager,
 * which pages Slack and Telegram. The class contains no alerting code. Thread-safe: any thread may
 * trip it.
 */
public class CircuitBreaker {

  private final KillSwitchCheck killSwitch;

  /**
   * A breaker reporting through {@code killSwitch}.
   *
   * @param killSwitch the readiness check the breaker trips
   */
  public CircuitBreaker(KillSwitchCheck killSwitch) {
    this.killSwitch = killSwitch;
  }

  /**
   * Trips the breaker: trading on {@code symbol} stops until an operator resets it.
   *
   * @param symbol the instrument whose trading is halted, e.g. {@code BTC/USD}
   * @param reason why, for the operator, e.g. {@code "daily loss limit 5000 USD breached"}
   */
  @RaiseAlert(severity = AlertSeverity.CRITICAL, name = "CircuitBreakerTripped", summary = "Circuit breaker tripped: trading halted",
      message = "{reason}", fields = {"reason"})
  public void trip(@Label("symbol") String symbol, String reason) {
    killSwitch.trip(reason);
  }

  /** Whether the breaker is tripped. */
  public boolean isTripped() {
    return killSwitch.isTripped();
  }
}
