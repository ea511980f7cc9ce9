package io.tradermetrics.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The annotation processor generates code only for attributes marked {@link Expression}; an
 * expression attribute left unmarked would fail at bind time ("the generated advice ... computes
 * ..., not ..."). So every text attribute of every annotation of this package is either marked or
 * one of the constants named here, and a new attribute has to be placed on one side.
 */
class ExpressionMarkersTest {

  /** Text attributes that are constants: names, label values, a summary line. */
  private static final Set<String> CONSTANTS = Set.of("name", "help", "labels", "side", "symbol", "venue",
      "strategy", "summary", "operation", "target", "currency", "feeCurrency", "buyVenue", "sellVenue");

  @Test
  void everyTextAttributeIsAMarkedExpressionOrAKnownConstant() throws Exception {
    List<String> unmarked = new ArrayList<>();
    List<String> markedConstants = new ArrayList<>();
    List<Class<?>> annotations = annotationTypes();
    assertThat(annotations).as("the package's annotations").hasSizeGreaterThanOrEqualTo(20);
    for (Class<?> type : annotations) {
      if (type == Label.class || type == Expression.class) {
        continue; // a label's value is its key and its path is read by the label's own code
      }
      for (Method attribute : type.getDeclaredMethods()) {
        Class<?> t = attribute.getReturnType();
        boolean text = t == String.class || t == String[].class;
        boolean marked = attribute.isAnnotationPresent(Expression.class);
        String where = "@" + type.getSimpleName() + "." + attribute.getName();
        if (text && !marked && !CONSTANTS.contains(attribute.getName())) {
          unmarked.add(where);
        }
        if (marked && (!text || CONSTANTS.contains(attribute.getName()))) {
          markedConstants.add(where);
        }
      }
    }
    assertThat(unmarked).as("text attributes neither @Expression nor a known constant").isEmpty();
    assertThat(markedConstants).as("@Expression on a constant or a non-text attribute").isEmpty();
  }

  @Test
  void theKindsMatchHowTheTextHoldsExpressions() throws Exception {
    assertThat(kind(RaiseAlert.class, "message")).isEqualTo(Expression.Kind.TEMPLATE);
    assertThat(kind(RaiseAlert.class, "fields")).isEqualTo(Expression.Kind.FIELDS);
    assertThat(kind(CountEvent.class, "countIf")).isEqualTo(Expression.Kind.CONDITION);
    assertThat(kind(TimedOrder.class, "rejectedIf")).isEqualTo(Expression.Kind.CONDITION);
    assertThat(kind(CountFill.class, "quantity")).isEqualTo(Expression.Kind.VALUE);
  }

  private static Expression.Kind kind(Class<?> type, String attribute) throws NoSuchMethodException {
    return type.getDeclaredMethod(attribute).getAnnotation(Expression.class).value();
  }

  /** The annotation types compiled into this package's directory. */
  private static List<Class<?>> annotationTypes() throws URISyntaxException, java.io.IOException {
    Path dir = Path.of(Expression.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("io/tradermetrics/annotation");
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".class") || file.contains("$")) {
          continue;
        }
        try {
          Class<?> c = Class.forName("io.tradermetrics.annotation." + file.substring(0, file.length() - 6));
          if (c.isAnnotation()) {
            out.add(c);
          }
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
      }
    }
    return out;
  }
}
