package io.tradermetrics.aspects;

import io.tradermetrics.annotation.AlertSeverity;
import io.tradermetrics.annotation.RaiseAlert;

/** A woven fixture whose alert annotations are wrong, for the wiring-time error messages. */
class MisannotatedRiskDesk {

  @RaiseAlert(severity = AlertSeverity.WARNING, summary = "Breach", when = RaiseAlert.When.RETURNED_TRUE)
  void notABoolean(String symbol) {}

  @RaiseAlert(severity = AlertSeverity.INFO, summary = "Large fill", message = "{quantty} BTC")
  void typoInMessage(double quantity) {}

  @RaiseAlert(severity = AlertSeverity.INFO, summary = "Large fill", fields = "summary=#0")
  void reservedField(double quantity) {}

  @RaiseAlert(severity = AlertSeverity.INFO, summary = "Large fill", fields = "__qty=#0")
  void invalidFieldKey(double quantity) {}
}
