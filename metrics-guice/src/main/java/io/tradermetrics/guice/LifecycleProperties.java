package io.tradermetrics.guice;

import static io.tradermetrics.guice.ConfigKey.bool;
import static io.tradermetrics.guice.ConfigKey.choice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The keys of when the service starts and stops ({@code lifecycle.*}) and which JVM binders it binds ({@code binders.*}). Immutable. */
final class LifecycleProperties {

  static final ConfigKey START = choice("lifecycle.start", "on-injector-creation", "manual");
  static final ConfigKey SHUTDOWN_HOOK = bool("lifecycle.shutdown-hook", false);

  static final List<ConfigKey> KEYS = keys();

  final TraderMetricsConfig.Start start;
  final boolean shutdownHook;
  final Set<JvmBinder> binders;

  private LifecycleProperties(ConfigReader r) {
    start = TraderMetricsConfig.Start.valueOf(r.choice(START, List.of("on-injector-creation", "manual"))
        .toUpperCase(Locale.ROOT).replace('-', '_'));
    shutdownHook = r.bool(SHUTDOWN_HOOK);
    EnumSet<JvmBinder> on = EnumSet.noneOf(JvmBinder.class);
    for (JvmBinder binder : JvmBinder.values()) {
      if (r.bool(binder(binder))) {
        on.add(binder);
      }
    }
    binders = Collections.unmodifiableSet(on);
  }

  static LifecycleProperties load(ConfigReader reader) {
    return new LifecycleProperties(reader);
  }

  /** The key switching one binder, {@code binders.<key>}, default on. */
  static ConfigKey binder(JvmBinder binder) {
    return bool("binders." + binder.key(), true);
  }

  private static List<ConfigKey> keys() {
    List<ConfigKey> keys = new ArrayList<>(List.of(START, SHUTDOWN_HOOK));
    for (JvmBinder binder : JvmBinder.values()) {
      keys.add(binder(binder));
    }
    return List.copyOf(keys);
  }
}
