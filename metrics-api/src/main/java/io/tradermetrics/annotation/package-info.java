/**
 * The annotations users put on their trader classes. Each one names the meters it feeds in the
 * {@link io.tradermetrics.catalog.MetricCatalog}; the advice that records them lives in
 * {@code metrics-aspects} and is woven at compile time by the AspectJ Maven plugin.
 *
 * <p><b>Expressions.</b> Attributes that read a value from the call ({@code quantity}, {@code price},
 * {@code value}, {@link io.tradermetrics.annotation.Label#path()}) take a property path: a root
 * followed by zero or more {@code .name} segments. The root is a parameter name (the build must keep
 * parameter names: javac/ajc {@code -parameters}), {@code #N} for the N-th parameter (0-based), or
 * {@code result} for the return value. Each segment is a record component, a getter
 * ({@code getName()}/{@code isName()}), a no-argument method, or a field of that name. Paths are
 * checked and compiled into method handles once, when the join point is bound (at startup, by
 * {@code TraderMetrics.prepare} or the Guice module, else at its first call); a path that does not
 * resolve is reported with the class, method, annotation and attribute at fault.
 *
 * <p><b>Bad numbers.</b> A number read from the call that is {@code null} (the value itself, or an
 * object on its path) counts as NaN: like NaN, infinite and out-of-range values it is not recorded,
 * it is counted in {@code tradermetrics_instrumentation_errors_total}, and it is logged as
 * {@code 'quantity' was null (#0.quantity)} (the first time per join point at WARN, then at DEBUG).
 * Each annotation's javadoc says what it still records beside a bad value.
 *
 * <p><b>Where to put them.</b> On the method that runs: Java does not inherit method annotations,
 * so an annotation on an interface or abstract method is not applied (the build's annotation
 * processor reports it at compile time, and startup validation too). A {@code @Label} applies to
 * each annotation of the method whose metric has its key; a key none of them has is an error.
 *
 * <p><b>Conditions.</b> Attributes that decide whether a call counts one way or another
 * ({@code rejectedIf}, {@code countIf}) take a path to a {@code boolean}/{@code Boolean}, optionally
 * compared with {@code == true} or {@code == false}, or a path to an enum compared with
 * {@code == CONSTANT} or {@code != CONSTANT}. They are checked when the join point is bound (the
 * path, its type, and that the constant exists); a {@code null} along the path makes a condition false.
 */
@NullMarked
package io.tradermetrics.annotation;

import org.jspecify.annotations.NullMarked;
