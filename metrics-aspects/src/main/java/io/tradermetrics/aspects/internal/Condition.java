package io.tradermetrics.aspects.internal;

import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A condition on a call ({@code rejectedIf}, {@code countIf}): a path to a {@code boolean}, optionally
 * {@code == true|false}, or a path to an enum compared {@code ==}/{@code !=} with one of its
 * constants. Parsed and checked once, when the join point is bound; testing it compares the value
 * read with a constant resolved at binding (a boxed {@code boolean} is one of the two cached
 * {@link Boolean} instances), so it allocates nothing. A {@code null} along the path makes the
 * condition false. Immutable and thread-safe.
 */
final class Condition {

  private static final Pattern COMPARISON = Pattern.compile("^(.+?)\\s*(==|!=)\\s*([A-Za-z_][A-Za-z0-9_]*)$");
  private static final String SHAPES = "expected 'path' to a boolean, 'path == true|false', or 'path == CONSTANT' / "
      + "'path != CONSTANT' for a path to an enum";

  private final ValueSource source;
  private final Object expected;
  private final boolean negate;
  private final String text;

  private Condition(ValueSource source, Object expected, boolean negate, String text) {
    this.source = source;
    this.expected = expected;
    this.negate = negate;
    this.text = text;
  }

  /**
   * Parses a condition.
   *
   * @param resultType the type {@code result} stands for, or null for the method's return type
   * @throws io.tradermetrics.aspects.InstrumentationConfigException if the text is not one of the shapes,
   *     the path does not resolve, its type is neither boolean nor enum, or the constant does not exist
   */
  static Condition parse(BindContext jp, String attribute, String expression, @Nullable Type resultType) {
    String text = expression.strip();
    String path = text;
    String operator = null;
    String constant = null;
    Matcher m = COMPARISON.matcher(text);
    if (m.matches()) {
      path = m.group(1).strip();
      operator = m.group(2);
      constant = m.group(3);
    } else if (text.contains("=") || text.contains("!")) {
      throw jp.error(attribute, "'" + expression + "' is not a condition; " + SHAPES);
    }
    ValueSource source = resultType == null ? jp.source(attribute, path) : jp.source(attribute, path, resultType);
    Class<?> type = source.type();
    boolean negate = "!=".equals(operator);
    if (type == boolean.class || type == Boolean.class) {
      if (constant == null) {
        return new Condition(source, Boolean.TRUE, false, text);
      }
      if (!constant.equals("true") && !constant.equals("false")) {
        throw jp.error(attribute, "'" + expression + "' compares a boolean with '" + constant + "'; expected true or false");
      }
      return new Condition(source, Boolean.valueOf(constant), negate, text);
    }
    if (type.isEnum()) {
      if (constant == null) {
        throw jp.error(attribute, "'" + expression + "' is a " + type.getName() + "; compare it with one of its constants, e.g. '"
            + path + " == " + type.getEnumConstants()[0] + "'");
      }
      for (Object c : type.getEnumConstants()) {
        if (((Enum<?>) c).name().equals(constant)) {
          return new Condition(source, c, negate, text);
        }
      }
      throw jp.error(attribute, "'" + constant + "' is not a constant of " + type.getName() + "; valid: "
          + Arrays.toString(type.getEnumConstants()));
    }
    throw jp.error(attribute, "'" + path + "' is a " + type.getName() + "; " + SHAPES);
  }

  /** Whether the condition reads a parameter (not only the return value). */
  boolean readsParameter() {
    return source.slot() != ValueSource.RESULT;
  }

  /** Whether the call meets the condition; false when a value along the path is null. */
  boolean test(@Nullable Object r, long rb, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    Object value = source.get(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5);
    if (value == null) {
      return false;
    }
    return expected.equals(value) != negate;
  }

  @Override
  public String toString() {
    return text;
  }
}
