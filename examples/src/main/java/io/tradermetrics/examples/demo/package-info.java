/** The {@code metrics-demo} command: the annotated market maker replaying real trades, served at /metrics. */
@NullMarked
package io.tradermetrics.examples.demo;

import org.jspecify.annotations.NullMarked;
