/**
 * The order lifecycle: the instruments of {@code @OrderSent}, {@code @CancelSent}, the venue's answers
 * and {@code @MarketDataTick}, the in-flight table ({@code OrderTable}) they meet in, the meters of
 * order groups and tick symbols, and the scrape-time sweep. Not API.
 */
@NullMarked
package io.tradermetrics.aspects.internal.lifecycle;

import org.jspecify.annotations.NullMarked;
