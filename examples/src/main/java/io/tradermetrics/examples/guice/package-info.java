/** How a Guice application adopts tradermetrics: {@link io.tradermetrics.examples.guice.TraderApp}. */
@NullMarked
package io.tradermetrics.examples.guice;

import org.jspecify.annotations.NullMarked;
