package io.tradermetrics.guice;

import static io.tradermetrics.guice.ConfigKey.choice;
import static io.tradermetrics.guice.ConfigKey.optional;

import java.util.List;

/**
 * The keys of what the module checks at startup ({@code join-points.*}): which classes besides the
 * injector's to check, and whether a bad annotation or an un-woven method fails injector creation.
 * Immutable.
 */
final class JoinPointProperties {

  static final ConfigKey ON_ERROR = choice("join-points.on-error", "fail", "warn");
  static final ConfigKey ON_UNWOVEN = choice("join-points.on-unwoven", "warn", "fail");
  static final ConfigKey CLASSES = optional("join-points.classes",
      "a list of fully qualified class names, e.g. [\"com.acme.trading.Router\"]");

  static final List<ConfigKey> KEYS = List.of(ON_ERROR, ON_UNWOVEN, CLASSES);

  final boolean failOnError;
  final boolean failOnUnwoven;
  final List<String> classes;

  private JoinPointProperties(ConfigReader r) {
    failOnError = r.choice(ON_ERROR, List.of("fail", "warn")).equals("fail");
    failOnUnwoven = r.choice(ON_UNWOVEN, List.of("warn", "fail")).equals("fail");
    classes = r.optionalStringList(CLASSES);
  }

  static JoinPointProperties load(ConfigReader reader) {
    return new JoinPointProperties(reader);
  }
}
