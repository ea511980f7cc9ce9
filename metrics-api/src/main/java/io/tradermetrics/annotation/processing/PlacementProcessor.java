package io.tradermetrics.annotation.processing;

import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * A compile-time check of where tradermetrics annotations are placed: an annotation on an abstract
 * method (an interface's, or an abstract class's) is reported, with where to put it instead. Java
 * does not inherit method annotations and AspectJ advises only the method that runs, so such an
 * annotation would record nothing.
 *
 * <p>javac runs it by itself: {@code metrics-api} on the compile class path declares it in
 * {@code META-INF/services/javax.annotation.processing.Processor} (JDK 17 to 22 discover processors
 * there; from JDK 23, or with an explicit {@code annotationProcessorPaths}, add
 * {@code io.tradermetrics:metrics-api} to the processor path, or pass {@code -proc:full}). The
 * option {@code -Atradermetrics.placement=warning} makes the report a warning instead of an error.
 * It claims no annotation, so other processors see them all. Run by the compiler, on its thread.
 */
public final class PlacementProcessor extends AbstractProcessor {

  /** The option that turns the errors into warnings: {@code -Atradermetrics.placement=warning}. */
  public static final String OPTION = "tradermetrics.placement";

  private static final String PACKAGE = "io.tradermetrics.annotation";

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*"); // composed annotations of the user's own carry ours as meta-annotations
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Diagnostic.Kind kind = "warning".equals(String.valueOf(processingEnv.getOptions().get(OPTION)).toLowerCase(Locale.ROOT))
        ? Diagnostic.Kind.WARNING : Diagnostic.Kind.ERROR;
    for (TypeElement annotation : annotations) {
      String ours = tradermetricsName(annotation);
      if (ours == null) {
        continue;
      }
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (element.getKind() != ElementKind.METHOD || !element.getModifiers().contains(Modifier.ABSTRACT)) {
          continue;
        }
        Element owner = element.getEnclosingElement();
        String shown = "@" + annotation.getSimpleName() + (ours.equals(annotation.getSimpleName().toString()) ? ""
            : " (a composed @" + ours + ")");
        processingEnv.getMessager().printMessage(kind, shown + " on the abstract method " + owner.getSimpleName() + "."
            + element.getSimpleName() + "() is not applied: Java does not inherit method annotations, and AspectJ "
            + "advises only the method that runs. Put it on the method that implements " + owner.getSimpleName() + "."
            + element.getSimpleName() + "() in each " + (owner.getKind() == ElementKind.INTERFACE ? "implementing" : "concrete")
            + " class, or make it a default method (-A" + OPTION + "=warning reports this as a warning)", element);
      }
    }
    return false;
  }

  /** The simple name of the tradermetrics annotation {@code annotation} is or carries, or null. */
  private static @org.jspecify.annotations.Nullable String tradermetricsName(TypeElement annotation) {
    if (isOurs(annotation)) {
      return annotation.getSimpleName().toString();
    }
    for (AnnotationMirror meta : annotation.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) meta.getAnnotationType().asElement();
      if (isOurs(type)) {
        return type.getSimpleName().toString();
      }
    }
    return null;
  }

  /** Every annotation type of {@code io.tradermetrics.annotation} but {@code @Label}, which is placed on parameters. */
  private static boolean isOurs(TypeElement type) {
    String name = type.getQualifiedName().toString();
    return name.startsWith(PACKAGE + ".") && name.indexOf('.', PACKAGE.length() + 1) < 0
        && !name.equals(PACKAGE + ".Label");
  }
}
