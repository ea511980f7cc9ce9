package io.tradermetrics.aspects.processor;

import io.tradermetrics.aspects.processor.AdviceProcessor.JoinPoint;
import io.tradermetrics.aspects.processor.AdviceProcessor.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * What the processor reads of a method: its tradermetrics annotations (direct, composed, or a
 * class-level {@code @TimedCall}), the expressions of their attributes marked {@code @Expression}
 * ({@link ExpressionTexts}) and of the {@code @Label}s, each resolved on the declared types as the
 * engine resolves it ({@link PathResolver}). Anything it cannot resolve exactly makes the method the
 * generic advice's. Not thread-safe: one per processing round.
 */
final class Model {

  static final String API = "io.tradermetrics.annotation";
  private static final int MAX_VALUES = PathResolver.MAX_SLOTS;

  private final Elements elements;
  private final PathResolver paths;

  /** @param roots the top-level classes compiled in this round (and not seen before) */
  Model(ProcessingEnvironment env, List<TypeElement> roots) {
    this.elements = env.getElementUtils();
    this.paths = new PathResolver(env, roots);
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
          expressions.addAll(ExpressionTexts.expressionsOf(kind, e.getValue()));
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
      Value v = paths.resolve(method, expression);
      if (v == null) {
        return null; // left to the generic advice, which reports what is wrong
      }
      if (v.root() == -1 && v.steps().isEmpty()) {
        passResult = true; // the result itself: its own slot
        continue;
      }
      values.putIfAbsent(v.key(), v);
    }
    if (values.size() > MAX_VALUES) {
      return null;
    }
    List<String> parameterTypes = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      parameterTypes.add(paths.erasure(p.asType()));
    }
    return new JoinPoint(index, qualified(type), paths.erasure(type.asType()), method.getSimpleName().toString(),
        parameterTypes, returnType.getKind() == TypeKind.VOID ? "void" : paths.erasure(returnType),
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

  private String qualified(TypeElement type) {
    return type.getQualifiedName().toString();
  }
}
