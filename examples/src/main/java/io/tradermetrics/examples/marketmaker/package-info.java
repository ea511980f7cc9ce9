/**
 * An annotated market maker: it quotes around the last real trade, is filled when a real trade
 * crosses its quote, and keeps its own ledger. Its methods carry tradermetrics annotations and
 * contain no meter code; the build weaves them.
 */
@NullMarked
package io.tradermetrics.examples.marketmaker;

import org.jspecify.annotations.NullMarked;
