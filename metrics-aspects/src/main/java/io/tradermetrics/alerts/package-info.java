/**
 * Event alerts raised from code ({@link io.tradermetrics.annotation.RaiseAlert @RaiseAlert},
 * {@link io.tradermetrics.alerts.Alerts#raise}): the alert value, the throttled channel of the
 * current binding, and the dispatcher that delivers alerts to an {@link io.tradermetrics.alerts.AlertSink}
 * (Alertmanager, wired by metrics-guice) on a thread of its own. The log is the channel that always
 * works: every admitted alert is logged, whether or not it can be delivered.
 */
@NullMarked
package io.tradermetrics.alerts;

import org.jspecify.annotations.NullMarked;
