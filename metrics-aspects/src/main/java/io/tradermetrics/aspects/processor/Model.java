package io.tradermetrics.aspects.processor;

import io.tradermetrics.aspects.processor.AdviceProcessor.JoinPoint;
import io.tradermetrics.aspects.processor.AdviceProcessor.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/**
 * What the processor reads of a method: its tradermetrics annotations (direct, composed, or a
 * class-level {@code @TimedCall}), the expressions of their attributes marked
 * {@code @Expression} and of the {@code @Label}s, and each expression resolved on the declared
 * types the way the engine resolves it at run time (record component, then {@code getX()},
 * {@code isX()}, {@code x()}, then a field). Anything it cannot resolve exactly makes the method
 * the generic advice's.
 */
final class Model {

  static final String API = "io.tradermetrics.annotation";
  private static final Pattern COMPARISON = Pattern.compile("^(.+?)\\s*(==|!=)\\s*([A-Za-z_][A-Za-z0-9_]*)$");
  private static final int MAX_VALUES = 6;

  /** How a value reaches the engine, as the engine's {@code ValueSource.Kind} reads it. */
  enum Kind { REF, LONG, CHAR, DOUBLE, FLOAT, BOOLEAN }

  /** One member read along a path: {@code name()} or {@code name}, and the erased type it gives. */
  record Step(String access, String type, TypeMirror erased) {}

  private final Elements elements;
  private final Types types;
  private final Set<Element> sources = new HashSet<>();

  /** @param roots the top-level classes compiled in this round (and not seen before) */
  Model(ProcessingEnvironment env, List<TypeElement> roots) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    for (Element root : roots) {
      addTypes(root);
    }
  }

  private void addTypes(Element element) {
    if (element instanceof TypeElement) {
      sources.add(element);
      for (Element enclosed : element.getEnclosedElements()) {
        addTypes(enclosed);
      }
    }
  }

  /** The join point of {@code method}, or null when it has no tradermetrics annotation or is left to the generic advice. */
  @Nullable JoinPoint joinPoint(TypeElement type, ExecutableElement method, int index) {
    try {
      return read(type, method, index);
    } catch (RuntimeException e) {
      return null; // what the compiler's model cannot tell exactly goes to the generic advice
    }
  }

  private @Nullable JoinPoint read(TypeElement type, ExecutableElement method, int index) {
    List<AnnotationMirror> applied = annotationsOf(type, method);
    if (applied == null || applied.isEmpty()) {
      return null;
    }
    TypeMirror returnType = method.getReturnType();
    if (isCompletionStage(returnType)) {
      return null;
    }
    List<String> expressions = new ArrayList<>();
    boolean passResult = false;
    boolean atStart = false;
    boolean atStop = false;
    for (AnnotationMirror annotation : applied) {
      String simple = simpleName(annotation);
      atStart |= AdviceProcessor.READ_AT_START.contains(simple);
      atStop |= !AdviceProcessor.READ_AT_START_ONLY.contains(simple);
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
          : elements.getElementValuesWithDefaults(annotation).entrySet()) {
        String kind = expressionKind(e.getKey());
        if (kind != null) {
          expressions.addAll(expressionsOf(kind, e.getValue()));
        }
      }
      if (simpleName(annotation).equals("RaiseAlert")) {
        String when = enumValue(annotation, "when");
        passResult |= "RETURNED_TRUE".equals(when) || "RETURNED_NON_NULL".equals(when);
      }
    }
    expressions.addAll(labelExpressions(method));
    Map<String, Value> values = new LinkedHashMap<>();
    for (String expression : expressions) {
      Resolved r = resolve(method, expression);
      if (r == null) {
        return null; // left to the generic advice, which reports what is wrong
      }
      if (r.root == -1 && r.steps.isEmpty()) {
        passResult = true; // the result itself: its own slot
        continue;
      }
      values.putIfAbsent(r.key, new Value(r.key, r.root, r.steps, r.endType, r.kind));
    }
    if (values.size() > MAX_VALUES) {
      return null;
    }
    List<String> parameterTypes = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      parameterTypes.add(erasure(p.asType()));
    }
    return new JoinPoint(index, qualified(type), erasure(type.asType()), method.getSimpleName().toString(),
        parameterTypes, returnType.getKind() == TypeKind.VOID ? "void" : erasure(returnType),
        method.getModifiers().contains(Modifier.STATIC), new ArrayList<>(values.values()), passResult, atStart, atStop);
  }

  /**
   * The tradermetrics annotations that apply to {@code method}; null if one of them is not one the
   * processor knows (then the generic advice takes the method).
   */
  private @Nullable List<AnnotationMirror> annotationsOf(TypeElement type, ExecutableElement method) {
    List<AnnotationMirror> found = new ArrayList<>();
    boolean timedCallOnMethod = false;
    for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
      List<AnnotationMirror> own = tradermetrics(mirror);
      if (own == null) {
        return null;
      }
      for (AnnotationMirror m : own) {
        timedCallOnMethod |= simpleName(m).equals("TimedCall");
      }
      found.addAll(own);
    }
    if (!timedCallOnMethod && method.getModifiers().contains(Modifier.PUBLIC)) {
      for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
        List<AnnotationMirror> own = tradermetrics(mirror);
        if (own == null) {
          return null;
        }
        for (AnnotationMirror m : own) {
          if (simpleName(m).equals("TimedCall")) {
            found.add(m);
          }
        }
      }
    }
    return found;
  }

  /**
   * The tradermetrics annotations a mirror stands for: itself, or those its annotation type carries
   * (a composed annotation); empty for anything else; null for an unknown tradermetrics annotation.
   */
  private @Nullable List<AnnotationMirror> tradermetrics(AnnotationMirror mirror) {
    if (isTradermetrics(mirror)) {
      if (isLabel(mirror)) {
        return List.of();
      }
      return AdviceProcessor.KNOWN.contains(simpleName(mirror)) ? List.of(mirror) : null;
    }
    List<AnnotationMirror> composed = new ArrayList<>();
    for (AnnotationMirror meta : mirror.getAnnotationType().asElement().getAnnotationMirrors()) {
      if (isTradermetrics(meta) && !isLabel(meta) && !simpleName(meta).equals("Expression")) {
        if (!AdviceProcessor.KNOWN.contains(simpleName(meta))) {
          return null;
        }
        composed.add(meta);
      }
    }
    return composed;
  }

  private boolean isTradermetrics(AnnotationMirror mirror) {
    Element type = mirror.getAnnotationType().asElement();
    PackageElement pkg = elements.getPackageOf(type);
    return pkg.getQualifiedName().contentEquals(API);
  }

  private static boolean isLabel(AnnotationMirror mirror) {
    String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
    return name.equals(API + ".Label") || name.equals(API + ".Label.List");
  }

  private static String simpleName(AnnotationMirror mirror) {
    return mirror.getAnnotationType().asElement().getSimpleName().toString();
  }

  private static @Nullable String enumValue(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue().getValue().toString();
      }
    }
    return null;
  }

  /** The {@code Expression.Kind} an attribute is marked with, or null. */
  private static @Nullable String expressionKind(ExecutableElement attribute) {
    for (AnnotationMirror mark : attribute.getAnnotationMirrors()) {
      Element type = mark.getAnnotationType().asElement();
      if (((TypeElement) type).getQualifiedName().contentEquals(API + ".Expression")) {
        String kind = enumValue(mark, "value");
        return kind == null ? "VALUE" : kind;
      }
    }
    return null;
  }

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

  /** The expressions of the {@code @Label}s: {@code #i.path} on parameters, {@code result.path} on the method. */
  private List<String> labelExpressions(ExecutableElement method) {
    List<String> out = new ArrayList<>();
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      for (AnnotationMirror label : labels(params.get(i))) {
        String path = attribute(label, "path");
        out.add(path.isBlank() ? "#" + i : "#" + i + "." + path.strip());
      }
    }
    for (AnnotationMirror label : labels(method)) {
      String path = attribute(label, "path");
      out.add(path.isBlank() ? "result" : "result." + path.strip());
    }
    return out;
  }

  private List<AnnotationMirror> labels(Element element) {
    List<AnnotationMirror> out = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      if (name.equals(API + ".Label")) {
        out.add(mirror);
      } else if (name.equals(API + ".Label.List")) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
          for (Object each : (List<?>) e.getValue().getValue()) {
            out.add((AnnotationMirror) ((AnnotationValue) each).getValue());
          }
        }
      }
    }
    return out;
  }

  private String attribute(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return String.valueOf(e.getValue().getValue());
      }
    }
    return "";
  }

  /** An expression resolved: its key, root, steps and end type. */
  private record Resolved(String key, int root, List<Step> steps, String endType, Kind kind) {}

  /** Resolves an expression as the engine does; null where the engine would refuse or the processor cannot follow. */
  private @Nullable Resolved resolve(ExecutableElement method, String expression) {
    int dot = expression.indexOf('.');
    String rootText = dot < 0 ? expression : expression.substring(0, dot);
    String path = dot < 0 ? "" : expression.substring(dot + 1).strip();
    int root;
    TypeMirror current;
    List<? extends VariableElement> params = method.getParameters();
    if (rootText.equals("result")) {
      if (method.getReturnType().getKind() == TypeKind.VOID) {
        return null;
      }
      root = -1;
      current = method.getReturnType();
    } else if (rootText.startsWith("#")) {
      try {
        root = Integer.parseInt(rootText.substring(1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (root < 0 || root >= params.size()) {
        return null;
      }
      current = params.get(root).asType();
    } else {
      root = -2;
      current = null;
      for (int i = 0; i < params.size(); i++) {
        if (params.get(i).getSimpleName().contentEquals(rootText)) {
          root = i;
          current = params.get(i).asType();
        }
      }
      if (current == null) {
        return null;
      }
    }
    if (root >= 6) {
      return null; // the engine reads the first six parameters only
    }
    List<Step> steps = new ArrayList<>();
    if (!path.isEmpty()) {
      if (current.getKind().isPrimitive()) {
        return null;
      }
      for (String segment : path.split("\\.", -1)) {
        Step step = step(current, segment);
        if (step == null) {
          return null;
        }
        steps.add(step);
        current = step.erased();
      }
    }
    String key = (root == -1 ? "result" : "#" + root) + (path.isEmpty() ? "" : "." + path);
    String endType = erasure(current);
    return new Resolved(key, root, steps, endType, kindOf(current));
  }

  static Kind kindOf(TypeMirror type) {
    return switch (type.getKind()) {
      case LONG, INT, SHORT, BYTE -> Kind.LONG;
      case CHAR -> Kind.CHAR;
      case DOUBLE -> Kind.DOUBLE;
      case FLOAT -> Kind.FLOAT;
      case BOOLEAN -> Kind.BOOLEAN;
      default -> Kind.REF;
    };
  }

  /** The member a segment reads on {@code type}, as the engine's {@code ValueSource.findMember} chooses it. */
  private @Nullable Step step(TypeMirror type, String segment) {
    if (segment.isEmpty() || !(types.erasure(type) instanceof DeclaredType declared)) {
      return null;
    }
    TypeElement element = (TypeElement) declared.asElement();
    if (element.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement rc : element.getRecordComponents()) {
        if (rc.getSimpleName().contentEquals(segment)) {
          return reachable(rc.getAccessor()) ? step(segment + "()", rc.getAccessor().getReturnType()) : null;
        }
      }
    }
    String cap = Character.toUpperCase(segment.charAt(0)) + segment.substring(1);
    for (String candidate : new String[] {"get" + cap, "is" + cap, segment}) {
      ExecutableElement m = noArgMethod(element, candidate);
      if (m != null && m.getReturnType().getKind() != TypeKind.VOID) {
        if (m.getModifiers().contains(Modifier.STATIC) || !reachable(m)) {
          return null;
        }
        return step(candidate + "()", m.getReturnType());
      }
    }
    for (TypeElement c = element; c != null; c = superclass(c)) {
      TypeElement owner = c;
      List<VariableElement> fields = sources.contains(c) ? ElementFilter.fieldsIn(c.getEnclosedElements())
          : ElementFilter.fieldsIn(elements.getAllMembers(c)).stream().filter(f -> f.getEnclosingElement() == owner).toList();
      for (VariableElement f : fields) {
        if (f.getSimpleName().contentEquals(segment) && !f.getModifiers().contains(Modifier.STATIC)) {
          return reachable(f) ? step(segment, f.asType()) : null;
        }
      }
    }
    return null;
  }

  private Step step(String access, TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    return new Step(access, erasure(erased), erased);
  }

  /** As {@code Class.getMethod(name)} then declared methods up the superclass chain. */
  private @Nullable ExecutableElement noArgMethod(TypeElement type, String name) {
    for (Element member : elements.getAllMembers(type)) {
      if (member instanceof ExecutableElement m && m.getKind() == ElementKind.METHOD
          && m.getSimpleName().contentEquals(name) && m.getParameters().isEmpty()
          && m.getModifiers().contains(Modifier.PUBLIC)) {
        return m;
      }
    }
    // non-public methods up the superclass chain: only of classes compiled here (others are out of reach)
    for (TypeElement c = type; c != null && sources.contains(c); c = superclass(c)) {
      for (ExecutableElement m : ElementFilter.methodsIn(c.getEnclosedElements())) {
        if (m.getSimpleName().contentEquals(name) && m.getParameters().isEmpty()
            && !m.getModifiers().contains(Modifier.STATIC)) {
          return m;
        }
      }
    }
    return null;
  }

  private @Nullable TypeElement superclass(TypeElement type) {
    TypeMirror s = type.getSuperclass();
    return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
  }

  /**
   * Whether generated code may read the member: public members of public types always; others
   * only when their class is compiled here (ajc then gives the privileged aspect an accessor).
   */
  private boolean reachable(Element member) {
    Element owner = member.getEnclosingElement();
    boolean publicOwner = true;
    for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
      publicOwner &= e.getModifiers().contains(Modifier.PUBLIC);
    }
    if (member.getModifiers().contains(Modifier.PUBLIC) && publicOwner) {
      return true;
    }
    return sources.contains(owner);
  }

  private static boolean isCompletionStage(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED && isCompletionStage(((DeclaredType) type).asElement());
  }

  private static boolean isCompletionStage(Element element) {
    if (!(element instanceof TypeElement type)) {
      return false;
    }
    if (type.getQualifiedName().contentEquals("java.util.concurrent.CompletionStage")) {
      return true;
    }
    for (TypeMirror i : type.getInterfaces()) {
      if (isCompletionStage(((DeclaredType) i).asElement())) {
        return true;
      }
    }
    TypeMirror s = type.getSuperclass();
    return s.getKind() == TypeKind.DECLARED && isCompletionStage(((DeclaredType) s).asElement());
  }

  /** The erased type as Java source writes it (nested types with dots, arrays with []). */
  String erasure(TypeMirror type) {
    return types.erasure(type).toString();
  }

  private String qualified(TypeElement type) {
    return type.getQualifiedName().toString();
  }
}
