package io.tradermetrics.guice;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.tradermetrics.aspects.InstrumentationSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@link ConfigKey}s from a merged, resolved configuration, collecting every problem instead
 * of stopping at the first. Each problem names the key, the value, where it came from and what is
 * valid. Also the one place that reads environment variables named by {@code *-env} keys (from the
 * map it is given). Not thread-safe; one per load.
 */
final class ConfigReader {

  private static final Pattern METER_NAME = Pattern.compile("[a-z][a-z0-9_.]*");

  private final Config config;
  private final Map<String, String> environment;
  final List<String> problems = new ArrayList<>();

  ConfigReader(Config config, Map<String, String> environment) {
    this.config = config;
    this.environment = environment;
  }

  /** Reports every key under {@code tradermetrics.} that is neither in {@code keys} nor inside one of their open maps. */
  void rejectUnknownKeys(Collection<ConfigKey> keys) {
    if (!config.hasPath(ConfigKey.ROOT)) {
      return;
    }
    TreeSet<String> known = new TreeSet<>();
    TreeSet<String> maps = new TreeSet<>();
    for (ConfigKey k : keys) {
      (k.openMap() ? maps : known).add(k.path());
    }
    for (Map.Entry<String, ConfigValue> e : config.getConfig(ConfigKey.ROOT).entrySet()) {
      String key = e.getKey();
      if (known.contains(key) || maps.stream().anyMatch(m -> key.startsWith(m + "."))) {
        continue;
      }
      problems.add("unknown key " + ConfigKey.ROOT + "." + key + " = " + render(e.getValue()) + origin(e.getValue())
          + "; valid keys under " + ConfigKey.ROOT + ": " + String.join(", ", known) + ", and the maps "
          + String.join(", ", maps));
    }
  }

  /** Records a problem with {@code path} (relative to {@code tradermetrics.}) and returns its text. */
  String bad(String path, @Nullable ConfigValue value, String expected) {
    String text = ConfigKey.ROOT + "." + path + " = " + (value == null ? "(missing)" : render(value) + origin(value))
        + " is not valid: expected " + expected;
    problems.add(text);
    return text;
  }

  String bad(ConfigKey key, String expected) {
    return bad(key.path(), value(key.path()), expected);
  }

  private static String render(ConfigValue value) {
    return value.render(ConfigRenderOptions.concise());
  }

  private static String origin(ConfigValue value) {
    return value.origin() == null ? "" : " (from " + value.origin().description() + ")";
  }

  @Nullable ConfigValue value(String path) {
    String full = ConfigKey.ROOT + "." + path;
    return config.hasPath(full) ? config.getValue(full) : null;
  }

  /** The key's string value, reported unless {@code valid} accepts it; "" if missing or not a scalar. */
  String string(ConfigKey key, Predicate<String> valid) {
    ConfigValue v = value(key.path());
    if (v == null || v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      bad(key, key.valid());
      return "";
    }
    String s = String.valueOf(v.unwrapped());
    if (!valid.test(s)) {
      bad(key, key.valid());
    }
    return s;
  }

  String choice(ConfigKey key, List<String> choices) {
    String s = string(key, choices::contains);
    return choices.contains(s) ? s : choices.get(0);
  }

  boolean bool(ConfigKey key) {
    try {
      return config.getBoolean(key.fullPath());
    } catch (ConfigException e) {
      bad(key, key.valid());
      return false;
    }
  }

  /** An integer written as one (not {@code 9464.5}, not {@code 1e3}), within the key's range. */
  int integer(ConfigKey key) {
    ConfigValue v = value(key.path());
    Long n = null;
    if (v != null && v.valueType() == ConfigValueType.NUMBER
        && (v.unwrapped() instanceof Integer || v.unwrapped() instanceof Long)) {
      n = ((Number) v.unwrapped()).longValue();
    } else if (v != null && v.valueType() == ConfigValueType.STRING) {
      try {
        n = Long.parseLong(((String) v.unwrapped()).strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    int min = (Integer) java.util.Objects.requireNonNull(key.min());
    int max = (Integer) java.util.Objects.requireNonNull(key.max());
    if (n != null && n >= min && n <= max) {
      return n.intValue();
    }
    bad(key, key.valid());
    return min;
  }

  Duration duration(ConfigKey key) {
    Duration min = (Duration) java.util.Objects.requireNonNull(key.min());
    try {
      Duration d = config.getDuration(key.fullPath());
      if (d.compareTo(min) >= 0 && d.compareTo((Duration) java.util.Objects.requireNonNull(key.max())) <= 0) {
        return d;
      }
    } catch (ConfigException e) {
      // reported below
    }
    bad(key, key.valid());
    return min;
  }

  /** An http or https URL with a host, or null (reported) if it is none. */
  @Nullable URI httpUrl(ConfigKey key) {
    String s = string(key, v -> true);
    try {
      URI uri = URI.create(s);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    bad(key, key.valid());
    return null;
  }

  /** A host name or address that resolves (a DNS look-up for a name). */
  String host(ConfigKey key) {
    String host = string(key, v -> !v.isBlank());
    if (!host.isBlank()) {
      try {
        InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        bad(key, key.valid() + "; '" + host + "' does not resolve to an address");
      }
    }
    return host;
  }

  /**
   * The value of the environment variable named by {@code namingKey}'s value; reported (naming the
   * variable and the key, never a value) when not set or empty.
   */
  String environmentVariable(ConfigKey namingKey, String name) {
    String value = environment.get(name);
    if (value == null || value.isEmpty()) {
      problems.add("environment variable " + name + " (named by " + namingKey.fullPath()
          + ") is not set or empty; set it, or name another variable with " + namingKey.fullPath());
      return "";
    }
    return value;
  }

  /** A list of numbers, or a comma-separated string of them (as an environment variable gives). */
  List<Double> buckets(String path, String expected) {
    ConfigValue v = value(path);
    List<Double> out = new ArrayList<>();
    try {
      if (v != null && v.valueType() == ConfigValueType.STRING) {
        for (String part : ((String) v.unwrapped()).split(",")) {
          out.add(Double.parseDouble(part.trim()));
        }
      } else {
        out.addAll(config.getDoubleList(ConfigKey.ROOT + "." + path));
      }
    } catch (ConfigException | NumberFormatException e) {
      bad(path, v, expected);
      return List.of();
    }
    String problem = InstrumentationSettings.bucketProblem(out.stream().mapToDouble(Double::doubleValue).toArray());
    if (problem != null) {
      bad(path, v, expected + " (" + problem + ")");
      return List.of();
    }
    return List.copyOf(out);
  }

  /** The key's list of strings (or one comma-separated string, as an environment variable gives); empty when not set. */
  List<String> optionalStringList(ConfigKey key) {
    ConfigValue v = value(key.path());
    if (v == null) {
      return List.of();
    }
    try {
      if (v.valueType() == ConfigValueType.STRING) {
        return java.util.Arrays.stream(((String) v.unwrapped()).split(",")).map(String::strip)
            .filter(part -> !part.isEmpty()).toList();
      }
      return List.copyOf(config.getStringList(key.fullPath()));
    } catch (ConfigException e) {
      bad(key, key.valid());
      return List.of();
    }
  }

  /** A list of durations that {@code valid} accepts, or the built-in default (reported) if it is none. */
  List<Duration> durations(ConfigKey key, Predicate<List<Duration>> valid) {
    try {
      List<Duration> out = List.copyOf(config.getDurationList(key.fullPath()));
      if (valid.test(out)) {
        return out;
      }
    } catch (ConfigException e) {
      // reported below
    }
    bad(key, key.valid());
    return InstrumentationSettings.DEFAULT_MARKOUT_HORIZONS;
  }

  /** The key's buckets, or null when it is not set. */
  @Nullable List<Double> optionalBuckets(ConfigKey key) {
    return value(key.path()) == null ? null : buckets(key.path(), key.valid());
  }

  /** An open map of Micrometer meter names to bucket lists. */
  Map<String, List<Double>> bucketMap(ConfigKey key) {
    Map<String, List<Double>> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : object(key).entrySet()) {
      String name = e.getKey();
      String path = key.path() + ".\"" + name + "\"";
      if (!METER_NAME.matcher(name).matches()) {
        bad(path, e.getValue(), "a Micrometer meter name as key (lower-case, dot-separated, e.g. \"trader.order.latency\")");
        continue;
      }
      List<Double> buckets = buckets(path, key.valid());
      if (!buckets.isEmpty()) {
        out.put(name, buckets);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** An open map of names matching {@code keyPattern} to scalar values. */
  Map<String, String> stringMap(ConfigKey key, Pattern keyPattern, String keyExpected) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : object(key).entrySet()) {
      ConfigValue v = e.getValue();
      String path = key.path() + ".\"" + e.getKey() + "\"";
      if (!keyPattern.matcher(e.getKey()).matches()) {
        bad(path, v, keyExpected + " as key");
      } else if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST
          || v.valueType() == ConfigValueType.NULL) {
        bad(path, v, "a string value");
      } else {
        out.put(e.getKey(), String.valueOf(v.unwrapped()));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private ConfigObject object(ConfigKey key) {
    try {
      return config.getObject(key.fullPath());
    } catch (ConfigException e) {
      bad(key, "an object of names to values");
      return ConfigFactory.empty().root();
    }
  }
}
