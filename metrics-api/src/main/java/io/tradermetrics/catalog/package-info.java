/**
 * The metric catalog: every meter tradermetrics registers, with its name, type, unit, label keys and
 * help text, in one place. The engine registers meters from these definitions and
 * {@code docs/metrics.md} is generated from them.
 */
@NullMarked
package io.tradermetrics.catalog;

import org.jspecify.annotations.NullMarked;
