package io.tradermetrics.aspects;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.tradermetrics.aspects.internal.Engine;

/**
 * The one static holder through which the woven aspects reach a Micrometer registry.
 *
 * <p>AspectJ creates the aspects, so they cannot be constructor-injected. Until something is bound,
 * they record into {@link Metrics#globalRegistry} (Micrometer's own convention: add your registry
 * with {@code Metrics.addRegistry(...)} if you use no Guice). {@code TraderMetricsModule} binds its
 * registry when the injector is created and unbinds it when closed.
 *
 * <p>Binding installs a fresh engine: the join points bind again against the new registry on their
 * next call, and nothing is recorded into the previous one any more. Thread-safe.
 */
public final class TraderMetrics {

  private TraderMetrics() {}

  /**
   * Records every annotated join point into {@code registry}, with default settings.
   *
   * @param registry the registry to record into
   * @return the registry bound before
   */
  public static MeterRegistry bind(MeterRegistry registry) {
    return bind(registry, InstrumentationSettings.defaults());
  }

  /**
   * Records every annotated join point into {@code registry}.
   *
   * @param registry the registry to record into
   * @param settings namespace, label limits and default buckets
   * @return the registry bound before
   */
  public static MeterRegistry bind(MeterRegistry registry, InstrumentationSettings settings) {
    return Engine.install(registry, settings);
  }

  /**
   * Goes back to {@link Metrics#globalRegistry}, but only if {@code registry} is the one bound now,
   * so that closing one injector cannot unbind another's registry.
   *
   * @param registry the registry its owner no longer wants recorded into
   * @return whether it was bound and has been unbound
   */
  public static boolean unbind(MeterRegistry registry) {
    return Engine.uninstall(registry);
  }

  /** The registry the aspects record into now. */
  public static MeterRegistry registry() {
    return Engine.current().registry();
  }

  /**
   * Checks every tradermetrics annotation on the declared methods of each class, without
   * registering any meter: the checks a join point would otherwise meet on its first call. The
   * classes are checked together, so one {@code @CountEvent} name declared with two label-key sets
   * in two of them is reported, naming both join points; so is a conflict with a join point already
   * bound.
   *
   * @param types the classes to check
   * @throws InstrumentationConfigException listing every problem found, each naming class, method,
   *     annotation and attribute, and what is valid
   */
  public static void validate(Class<?>... types) {
    Engine.validate(types);
  }

}
