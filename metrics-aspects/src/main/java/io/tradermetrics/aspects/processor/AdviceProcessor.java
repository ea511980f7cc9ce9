package io.tradermetrics.aspects.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Generates, in a build that ajc compiles, the advice of every method whose tradermetrics
 * annotations it can read with plain Java: one around advice per method, typed exactly like the
 * method (no boxing of any argument or result, whatever the number of parameters), which computes
 * the values of the annotations' expressions ({@code fill.quantity}, {@code order.id}, the labels)
 * with direct field and accessor reads in the user's class and hands only those values to the
 * engine, which it reaches through a {@code static final} handle (no lookup). So an argument object
 * never reaches instrumentation code and the JIT can scalar-replace it as in the plain build, and
 * nothing is read through reflection or method handles at run time.
 *
 * <p>The generated aspect ({@code <Class>TraderMetricsAdvice}, one per top-level class) declares
 * {@code @GeneratedAdvice} on the methods it advises, so that the generic advice of
 * {@code TraderMetricsAspect} leaves them alone. The engine binds every annotation exactly as for
 * the generic advice (the same binders, checks, messages and meters); only where the values come
 * from differs ({@code docs/annotations.md}). A method the processor cannot read exactly (an
 * expression that does not resolve, a member it may not reach, more than six values, a method
 * returning a {@code CompletionStage}, an annotation it does not know) is left to the generic advice,
 * which reports any problem when the join point is bound.
 *
 * <p>Runs only under ajc (with javac it does nothing: javac cannot compile aspects). Options:
 * {@code -Atradermetrics.advice=generic} turns it off ({@code generated}, the default, keeps it; any
 * other value is a compile error naming the two); {@code -Atradermetrics.advice.exclude=REGEX}
 * leaves the classes whose binary name matches to the generic advice.
 */
@SupportedAnnotationTypes("*")
@SupportedOptions({AdviceProcessor.OPTION_ADVICE, AdviceProcessor.OPTION_EXCLUDE})
public final class AdviceProcessor extends AbstractProcessor {

  static final String OPTION_ADVICE = "tradermetrics.advice";
  static final String OPTION_EXCLUDE = "tradermetrics.advice.exclude";

  /** Top-level classes whose advice was generated already (ajc may present a root in more than one round). */
  private final java.util.Set<String> done = new java.util.HashSet<>();

  /** Options already reported as wrong (each once, not once per round). */
  private final java.util.Set<String> optionsReported = new java.util.HashSet<>();

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver() || !underAjc()) {
      return false;
    }
    String advice = processingEnv.getOptions().get(OPTION_ADVICE);
    if (advice != null && !advice.isBlank() && !"generated".equals(advice)) {
      if (!"generic".equals(advice) && optionsReported.add(OPTION_ADVICE)) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "tradermetrics: -A" + OPTION_ADVICE + "=" + advice
            + " is not an advice; use generated (the default) or generic");
      }
      return false;
    }
    String exclude = processingEnv.getOptions().get(OPTION_EXCLUDE);
    Pattern excluded;
    try {
      excluded = exclude == null || exclude.isBlank() ? null : Pattern.compile(exclude);
    } catch (java.util.regex.PatternSyntaxException e) {
      if (optionsReported.add(OPTION_EXCLUDE)) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "tradermetrics: -A" + OPTION_EXCLUDE + "=" + exclude
            + " is not a regular expression (a class's binary name matching it keeps the generic advice): "
            + e.getDescription());
      }
      return false;
    }
    List<TypeElement> fresh = new ArrayList<>();
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement type && !type.getSimpleName().toString().endsWith(AdviceWriter.SUFFIX)
          && done.add(type.getQualifiedName().toString())) {
        fresh.add(type);
      }
    }
    if (fresh.isEmpty()) {
      return false;
    }
    Model model = new Model(processingEnv, fresh);
    for (TypeElement type : fresh) {
      try {
        generate(model, type, excluded);
      } catch (RuntimeException e) {
        // never fail a user's build: the class's methods get the generic advice
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, "tradermetrics: could not generate the advice of "
            + type + "; its methods get the generic advice: " + trace, type);
      }
    }
    return false;
  }

  /** Whether ajc runs this processor (javac would fail on the aspect syntax of what it generates). */
  private boolean underAjc() {
    return processingEnv.getClass().getName().contains("aspectj");
  }

  private void generate(Model model, TypeElement top, Pattern excluded) {
    List<JoinPoint> joinPoints = new ArrayList<>();
    collect(model, top, excluded, joinPoints);
    if (joinPoints.isEmpty()) {
      return;
    }
    PackageElement pkg = processingEnv.getElementUtils().getPackageOf(top);
    String packageName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
    String name = top.getSimpleName() + AdviceWriter.SUFFIX;
    String source = new AdviceWriter(packageName, name, joinPoints).write();
    Filer filer = processingEnv.getFiler();
    try (Writer out = filer.createSourceFile(packageName.isEmpty() ? name : packageName + "." + name, top).openWriter()) {
      out.write(source);
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
          "tradermetrics: could not write the generated advice of " + top + " (" + e.getMessage()
              + "); its methods get the generic advice", top);
    }
  }

  private void collect(Model model, TypeElement type, Pattern excluded, List<JoinPoint> into) {
    if (type.getKind() == ElementKind.INTERFACE || type.getKind() == ElementKind.ANNOTATION_TYPE) {
      return;
    }
    String binaryName = processingEnv.getElementUtils().getBinaryName(type).toString();
    if (excluded == null || !excluded.matcher(binaryName).matches()) {
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        if (method.getModifiers().contains(Modifier.ABSTRACT) || method.getModifiers().contains(Modifier.NATIVE)) {
          continue;
        }
        JoinPoint jp = model.joinPoint(type, method, into.size());
        if (jp != null) {
          into.add(jp);
        }
      }
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collect(model, nested, excluded, into);
    }
  }

  /**
   * One advised method: what the writer needs. {@code valuesAtStart} and {@code valuesAtStop} say
   * whether some instrument of the method reads values when the call starts or when it ends; the
   * advice computes them only then (the other call of the engine gets absent values).
   */
  record JoinPoint(int index, String declaringType, String declaringClassLiteral, String name,
      List<String> parameterTypes, String returnType, boolean isStatic, List<Value> values, boolean passResult,
      boolean valuesAtStart, boolean valuesAtStop) {}

  /**
   * One value the generated code computes: the expression's key as the engine writes it
   * ({@code #i.path}, {@code result.path}), its root ({@code -1} for the result), the members read
   * along the path, and the static type at the end.
   */
  record Value(String key, int root, List<PathResolver.Step> steps, String endType, PathResolver.Kind kind) {}

  /**
   * The annotations whose instruments read values when the call starts (the order is on its way
   * before the method returns; a tick's symbol and exchange time open the tick). Kept in step with
   * the instruments' {@code start} methods: the order and tick tests fail if one reads a value the
   * advice does not pass.
   */
  static final Set<String> READ_AT_START = Set.of("OrderSent", "CancelSent", "MarketDataTick");

  /** The annotations whose instruments read values only when the call starts. */
  static final Set<String> READ_AT_START_ONLY = Set.of("CancelSent", "MarketDataTick");

  /** The tradermetrics annotations the processor knows, by simple name (all in {@code io.tradermetrics.annotation}). */
  static final Set<String> KNOWN = Set.of("TimedOrder", "TimedCall", "CountOrder", "CountFill", "CountQuote",
      "CountEvent", "TrackPosition", "TrackOpenOrders", "TrackPnl", "TrackSpread", "MeasureSlippage", "RaiseAlert",
      "MarketDataTick", "OrderSent", "CancelSent", "OrderAcked", "OrderRejected", "OrderFilled", "OrderCancelled",
      "OrderExpired", "CountOpportunity", "VenueConnection");
}
