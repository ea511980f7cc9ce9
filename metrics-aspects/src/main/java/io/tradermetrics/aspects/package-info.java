/**
 * The AspectJ aspects that record the tradermetrics annotations, and {@link
 * io.tradermetrics.aspects.TraderMetrics}, the one static holder through which they reach a
 * Micrometer registry. List this artifact as an {@code aspectLibrary} of the AspectJ Maven plugin to
 * weave it into your classes at compile time.
 */
@NullMarked
package io.tradermetrics.aspects;

import org.jspecify.annotations.NullMarked;
