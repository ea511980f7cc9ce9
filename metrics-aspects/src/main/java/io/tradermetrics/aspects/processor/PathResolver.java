package io.tradermetrics.aspects.processor;

import io.tradermetrics.aspects.processor.AdviceProcessor.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
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
 * Resolves an expression ({@code result}, {@code #i} or a parameter name, then {@code .member}
 * segments) on a method's declared types the way the engine's {@code ValueSource} resolves it at
 * run time (record component, then {@code getX()}, {@code isX()}, {@code x()}, then a field), and
 * only to members the generated aspect may read. Not thread-safe: one per processing round.
 */
final class PathResolver {

  /** The value slots the engine reads: the first six parameters, and six computed values. */
  static final int MAX_SLOTS = 6;

  /** How a value reaches the engine, as the engine's {@code ValueSource.Kind} reads it. */
  enum Kind { REF, LONG, CHAR, DOUBLE, FLOAT, BOOLEAN }

  /** One member read along a path: {@code name()} or {@code name}, and the erased type it gives. */
  record Step(String access, String type, TypeMirror erased) {}

  private final Elements elements;
  private final Types types;
  /** The types compiled in this round: their non-public members are reachable (the aspect is privileged). */
  private final Set<Element> sources = new HashSet<>();

  PathResolver(ProcessingEnvironment env, List<TypeElement> roots) {
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

  /**
   * Resolves an expression on {@code method} as the engine does: the value the generated code
   * computes for it; null where the engine would refuse it or the processor cannot follow it.
   */
  @Nullable Value resolve(ExecutableElement method, String expression) {
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
    if (root >= MAX_SLOTS) {
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
    return new Value(key, root, steps, endType, kindOf(current));
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

  /** The member a segment reads on {@code type}, as the engine's {@code Members.findMember} chooses it. */
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

  /** The erased type as Java source writes it (nested types with dots, arrays with []). */
  String erasure(TypeMirror type) {
    return types.erasure(type).toString();
  }

}
