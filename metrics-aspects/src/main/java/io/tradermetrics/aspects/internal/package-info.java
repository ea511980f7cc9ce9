/**
 * The instrumentation engine behind the aspects. Not API: names and signatures here change without
 * notice. Public only because woven advice, which runs inside the users' classes, calls it.
 */
@NullMarked
package io.tradermetrics.aspects.internal;

import org.jspecify.annotations.NullMarked;
