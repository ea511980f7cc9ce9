package io.tradermetrics.aspects.internal;

import io.tradermetrics.annotation.Label;
import io.tradermetrics.annotation.RaiseAlert;
import io.tradermetrics.alerts.Alert;
import io.tradermetrics.alerts.AlertChannel;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@link RaiseAlert}: when a call meets the annotation's {@code when}, builds the {@link Alert} from
 * the call (labels from {@code @Label} parameters, the message template and the fields) and hands it
 * to the binding's {@link AlertChannel}, which logs, counts and queues it without blocking. Per call
 * that raises nothing: one test of the outcome. A call that raises builds the labels and asks
 * {@link AlertChannel#admit} (counts it, throttles per name and labels); only an admitted one builds
 * the message, the fields and the alert, so a hot method that keeps throwing costs its callers
 * little. The alert's timestamp comes from the binding's clock.
 */
final class RaiseAlertInstrument extends Instrument {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final RaiseAlert.When when;
  private final String name;
  private final RaiseAlert annotation;
  private final String[] labelKeys;
  private final ValueSource[] labelSources;
  /** The message: literal text at even indexes, the values of the sources in between. */
  private final String[] messageText;
  private final ValueSource[] messageSources;
  private final String[] fieldKeys;
  private final ValueSource[] fieldSources;
  private final AlertChannel channel;

  private RaiseAlertInstrument(RaiseAlert annotation, String name, Map<String, ValueSource> labels,
      List<String> messageText, List<ValueSource> messageSources, Map<String, ValueSource> fields,
      AlertChannel channel) {
    this.annotation = annotation;
    this.when = annotation.when();
    this.name = name;
    this.labelKeys = labels.keySet().toArray(new String[0]);
    this.labelSources = labels.values().toArray(new ValueSource[0]);
    this.messageText = messageText.toArray(new String[0]);
    this.messageSources = messageSources.toArray(new ValueSource[0]);
    this.fieldKeys = fields.keySet().toArray(new String[0]);
    this.fieldSources = fields.values().toArray(new ValueSource[0]);
    this.channel = channel;
  }

  static Instrument bind(BindContext jp, RaiseAlert annotation) {
    if (annotation.summary().isBlank()) {
      throw jp.error("summary", "is blank; give a short title, e.g. summary = \"Circuit breaker tripped\"");
    }
    String name = annotation.name().isEmpty()
        ? Character.toUpperCase(jp.method().getName().charAt(0)) + jp.method().getName().substring(1)
        : annotation.name();
    if (!NAME.matcher(name).matches()) {
      throw jp.error("name", "'" + name + "' is not a valid alertname; expected letters, digits and '_', "
          + "starting with a letter, e.g. \"CircuitBreakerTripped\"");
    }
    Class<?> returns = jp.method().getReturnType();
    if (annotation.when() == RaiseAlert.When.RETURNED_TRUE && returns != boolean.class && returns != Boolean.class) {
      throw jp.error("when", "RETURNED_TRUE needs a method returning boolean, but it returns " + returns.getName()
          + "; use RETURNED, RETURNED_NON_NULL or THREW");
    }
    if (annotation.when() == RaiseAlert.When.RETURNED_NON_NULL && (returns.isPrimitive())) {
      throw jp.error("when", "RETURNED_NON_NULL needs a method returning an object, but it returns " + returns.getName()
          + "; use RETURNED, RETURNED_TRUE or THREW");
    }
    if ((annotation.when() == RaiseAlert.When.RETURNED_TRUE || annotation.when() == RaiseAlert.When.RETURNED_NON_NULL)
        && !jp.resultPassed()) {
      throw new IllegalStateException("the generated advice of " + jp.where() + " does not pass the result "
          + "(rebuild the class; if it persists, report it)");
    }
    Map<String, ValueSource> labels = new LinkedHashMap<>();
    Parameter[] params = jp.method().getParameters();
    for (int i = 0; i < params.length; i++) {
      for (Label label : params[i].getAnnotationsByType(Label.class)) {
        String attribute = "@Label(\"" + label.value() + "\") on parameter #" + i;
        if (!NAME.matcher(label.value()).matches() || label.value().startsWith("__")) {
          throw jp.error(attribute, "'" + label.value() + "' is not a valid label key; expected letters, digits and '_'");
        }
        if (label.value().equals("alertname") || label.value().equals("severity")) {
          throw jp.error(attribute, "'" + label.value() + "' is reserved; it is set from the annotation's name and severity");
        }
        if (labels.containsKey(label.value())) {
          throw jp.error(attribute, "label '" + label.value() + "' is taken from two parameters; keep one");
        }
        labels.put(label.value(), jp.parameterSource(attribute, i, label.path()));
      }
    }
    List<String> text = new ArrayList<>();
    List<ValueSource> sources = new ArrayList<>();
    parseMessage(jp, annotation.message(), text, sources);
    Map<String, ValueSource> fields = new LinkedHashMap<>();
    for (String field : annotation.fields()) {
      int eq = field.indexOf('=');
      String expression = (eq < 0 ? field : field.substring(eq + 1)).strip();
      String key = eq < 0 ? expression.substring(expression.lastIndexOf('.') + 1) : field.substring(0, eq).strip();
      if (!NAME.matcher(key).matches() || key.startsWith("__")) {
        throw jp.error("fields", "'" + field + "' has no valid key ('" + key + "'); expected letters, digits and '_', "
            + "not starting with a digit or '__' (it becomes an Alertmanager annotation name); write key=expression, "
            + "e.g. \"side=#1\"");
      }
      if (Alert.RESERVED_FIELDS.contains(key)) {
        throw jp.error("fields", "key '" + key + "' is reserved (summary, description, runbook_url are set from the "
            + "annotation's summary and message and from the configuration); give the field another key, e.g. \"detail="
            + expression + "\"");
      }
      if (annotation.when() == RaiseAlert.When.THREW && (key.equals("exception") || key.equals("error"))) {
        throw jp.error("fields", "key '" + key + "' is reserved with when = THREW (the exception's class and message "
            + "are added as fields exception and error); give the field another key");
      }
      if (fields.containsKey(key)) {
        throw jp.error("fields", "key '" + key + "' is given twice; keep one");
      }
      fields.put(key, jp.source("fields", expression));
    }
    return new RaiseAlertInstrument(annotation, name, labels, text, sources, fields, jp.alerts());
  }

  private static void parseMessage(BindContext jp, String message, List<String> text, List<ValueSource> sources) {
    int from = 0;
    StringBuilder literal = new StringBuilder();
    while (from < message.length()) {
      int open = message.indexOf('{', from);
      if (open < 0) {
        literal.append(message, from, message.length());
        break;
      }
      int close = message.indexOf('}', open);
      if (close < 0) {
        throw jp.error("message", "'{' at index " + open + " is not closed; write {expression}, e.g. {reason}");
      }
      literal.append(message, from, open);
      text.add(literal.toString());
      literal.setLength(0);
      sources.add(jp.source("message", message.substring(open + 1, close)));
      from = close + 1;
    }
    text.add(literal.toString());
  }

  @Override
  protected void stop(long startNanos, long stopNanos, boolean armed, @Nullable Object r, long rb,
      @Nullable Throwable error, @Nullable Object a0, long p0, @Nullable Object a1, long p1,
      @Nullable Object a2, long p2, @Nullable Object a3, long p3, @Nullable Object a4, long p4,
      @Nullable Object a5, long p5) throws Throwable {
    boolean raise = switch (when) {
      case RETURNED -> error == null;
      case RETURNED_TRUE -> error == null && Boolean.TRUE.equals(r);
      case RETURNED_NON_NULL -> error == null && r != null;
      case THREW -> error != null;
    };
    if (!raise) {
      return;
    }
    Map<String, String> labels = labelKeys.length == 0 ? Map.of() : new LinkedHashMap<>();
    for (int i = 0; i < labelKeys.length; i++) {
      labels.put(labelKeys[i], LabelTree.render(labelSources[i].get(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5)));
    }
    long suppressed = channel.admit(name, annotation.severity(), labels);
    if (suppressed < 0) {
      return; // throttled: counted, neither logged nor queued; message and fields are not built
    }
    StringBuilder message = new StringBuilder(messageText[0]);
    for (int i = 0; i < messageSources.length; i++) {
      message.append(text(messageSources[i].get(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5)))
          .append(messageText[i + 1]);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < fieldKeys.length; i++) {
      fields.put(fieldKeys[i], text(fieldSources[i].get(r, rb, a0, p0, a1, p1, a2, p2, a3, p3, a4, p4, a5, p5)));
    }
    if (error != null) {
      fields.put("exception", error.getClass().getName());
      fields.put("error", String.valueOf(error.getMessage()));
    }
    channel.deliverAdmitted(new Alert(name, annotation.severity(), annotation.summary(), message.toString(), labels,
        fields, channel.now()), suppressed);
  }

  private static String text(@Nullable Object value) {
    return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
  }
}
