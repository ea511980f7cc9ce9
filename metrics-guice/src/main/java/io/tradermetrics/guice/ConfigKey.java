package io.tradermetrics.guice;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One key of the {@code tradermetrics} configuration, written once: its path under
 * {@code tradermetrics.}, its default, its range and the sentence saying what is valid. The
 * {@link ConfigReader} reads and checks it, error messages quote it, and {@code ConfigurationDocTest}
 * checks {@code reference.conf} and {@code docs/configuration.md} against it. Immutable.
 *
 * @param path         relative to {@code tradermetrics.}, e.g. {@code exporter.port}
 * @param defaultValue the default as {@code reference.conf} holds it (Boolean, Integer, Duration,
 *                     String), or null for an open map or a key without a default
 * @param min          the least valid Integer or Duration, or null
 * @param max          the greatest valid Integer or Duration, or null
 * @param valid        what is valid, completing "expected ...", e.g. {@code an integer from 0 to 65535}
 * @param openMap      whether the key is a map of free names to values, e.g. {@code common-tags}
 */
record ConfigKey(String path, @Nullable Object defaultValue, @Nullable Object min, @Nullable Object max, String valid,
    boolean openMap) {

  static final String ROOT = "tradermetrics";

  static ConfigKey bool(String path, boolean defaultValue) {
    return new ConfigKey(path, defaultValue, null, null, "true or false", false);
  }

  static ConfigKey integer(String path, int defaultValue, int min, int max) {
    return integer(path, defaultValue, min, max, String.valueOf(min));
  }

  /** @param minText how the message names the minimum, e.g. {@code 0 (any free port)} */
  static ConfigKey integer(String path, int defaultValue, int min, int max, String minText) {
    return new ConfigKey(path, defaultValue, min, max, "an integer from " + minText + " to " + max, false);
  }

  static ConfigKey duration(String path, Duration defaultValue, Duration min, Duration max) {
    return new ConfigKey(path, defaultValue, min, max, "a duration from " + render(min) + " to " + render(max)
        + ", e.g. " + render(defaultValue), false);
  }

  static ConfigKey string(String path, String defaultValue, String valid) {
    return new ConfigKey(path, defaultValue, null, null, valid, false);
  }

  /** One of {@code choices}, the first being the default. */
  static ConfigKey choice(String path, String... choices) {
    List<String> all = List.of(choices);
    String valid = all.size() == 1 ? all.get(0)
        : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    return new ConfigKey(path, choices[0], null, null, valid, false);
  }

  /** A key with no default in {@code reference.conf}: unset means "use the built-in value". */
  static ConfigKey optional(String path, String valid) {
    return new ConfigKey(path, null, null, null, valid, false);
  }

  static ConfigKey map(String path, String valid) {
    return new ConfigKey(path, null, null, null, valid, true);
  }

  /** The full path, e.g. {@code tradermetrics.exporter.port}. */
  String fullPath() {
    return ROOT + "." + path;
  }

  /** The range as docs/configuration.md shows it, e.g. {@code 0 – 65535} or {@code 1ms – 1m}; null if none. */
  @Nullable String range() {
    return min == null || max == null ? null : render(min) + " – " + render(max);
  }

  /** The default as docs/configuration.md shows it in backquotes, e.g. {@code 9464}, {@code 500ms}, {@code ""}; null if none. */
  @Nullable String documentedDefault() {
    if (defaultValue == null) {
      return null;
    }
    return defaultValue instanceof String s && s.isEmpty() ? "\"\"" : render(defaultValue);
  }

  /** A duration in the largest HOCON unit that holds it exactly ({@code 500ms}, {@code 5s}, {@code 1m}, {@code 1d}); anything else as text. */
  static String render(Object value) {
    if (!(value instanceof Duration d)) {
      return String.valueOf(value);
    }
    long ms = d.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms != 0 && ms % sizes[i] == 0) {
        return ms / sizes[i] + units[i];
      }
    }
    return ms + "ms";
  }
}
