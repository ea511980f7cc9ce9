/** {@link io.tradermetrics.guice.TraderMetricsModule}: install it and everything is wired. */
@NullMarked
package io.tradermetrics.guice;

import org.jspecify.annotations.NullMarked;
