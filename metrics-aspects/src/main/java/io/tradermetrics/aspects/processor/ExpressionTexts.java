package io.tradermetrics.aspects.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationValue;

/** The expressions an annotation attribute's text holds, by its {@code @Expression} kind, in the engine's syntax. */
final class ExpressionTexts {

  private static final Pattern COMPARISON = Pattern.compile("^(.+?)\\s*(==|!=)\\s*([A-Za-z_][A-Za-z0-9_]*)$");

  private ExpressionTexts() {}

  /** The expressions held by an attribute value of the given kind (the engine's syntax). */
  static List<String> expressionsOf(String kind, AnnotationValue value) {
    List<String> texts = new ArrayList<>();
    if (value.getValue() instanceof List<?> list) {
      for (Object element : list) {
        texts.add(String.valueOf(((AnnotationValue) element).getValue()));
      }
    } else {
      texts.add(String.valueOf(value.getValue()));
    }
    List<String> out = new ArrayList<>();
    for (String text : texts) {
      switch (kind) {
        case "CONDITION" -> {
          String t = text.strip();
          Matcher m = COMPARISON.matcher(t);
          addIfPresent(out, m.matches() ? m.group(1) : t);
        }
        case "TEMPLATE" -> {
          int from = 0;
          while (true) {
            int open = text.indexOf('{', from);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (close < 0) {
              break;
            }
            addIfPresent(out, text.substring(open + 1, close));
            from = close + 1;
          }
        }
        case "FIELDS" -> {
          int eq = text.indexOf('=');
          addIfPresent(out, eq < 0 ? text : text.substring(eq + 1));
        }
        default -> addIfPresent(out, text);
      }
    }
    return out;
  }

  private static void addIfPresent(List<String> out, String expression) {
    if (!expression.isBlank()) {
      out.add(expression.strip());
    }
  }

}
