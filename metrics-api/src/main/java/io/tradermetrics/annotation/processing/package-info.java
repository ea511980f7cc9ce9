/**
 * Compile-time checks of the annotations: {@link io.tradermetrics.annotation.processing.PlacementProcessor}.
 * Not needed at run time.
 */
@NullMarked
package io.tradermetrics.annotation.processing;

import org.jspecify.annotations.NullMarked;
