/**
 * The instrumentation engine behind the aspect. Not API: names and signatures here change without
 * notice; public only because woven advice, which runs inside the users' classes, and the engine's
 * sub-package call it.
 *
 * <ul>
 *   <li>{@link io.tradermetrics.aspects.internal.Binders}: the binder table, annotation type to
 *       {@link io.tradermetrics.aspects.internal.Binder}, in the declared order;</li>
 *   <li>{@link io.tradermetrics.aspects.internal.Instrument}: what one annotation does at one join
 *       point, one class per annotation ({@code TimedOrderInstrument}, {@code CountFillInstrument}, ...);</li>
 *   <li>{@link io.tradermetrics.aspects.internal.JoinPointInstrument}: the composite the advice calls,
 *       which runs them, reads the clock once each side and catches whatever they throw;</li>
 *   <li>{@link io.tradermetrics.aspects.internal.BindContext}: what a binder may use (value sources,
 *       label trees, {@link io.tradermetrics.aspects.internal.Meters}, the one place meters are registered);</li>
 *   <li>{@link io.tradermetrics.aspects.internal.Engine}: one binding's state;</li>
 *   <li>{@code lifecycle}: the order lifecycle's instruments and in-flight table.</li>
 * </ul>
 */
@NullMarked
package io.tradermetrics.aspects.internal;

import org.jspecify.annotations.NullMarked;
