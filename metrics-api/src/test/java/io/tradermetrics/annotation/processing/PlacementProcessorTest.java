package io.tradermetrics.annotation.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradermetrics.annotation.CountFill;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The placement check as a user's javac meets it: user sources compiled with this module's classes
 * on the class path and no processor named, so javac finds the processor through
 * {@code META-INF/services} as it does in a user's build.
 */
class PlacementProcessorTest {

  @TempDir
  Path dir;

  private record Compiled(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    List<String> messages(Diagnostic.Kind kind) {
      return diagnostics.stream().filter(d -> d.getKind() == kind).map(d -> "line " + d.getLineNumber() + ": "
          + d.getMessage(Locale.ROOT)).toList();
    }
  }

  private Compiled compile(String source, String... options) throws IOException, URISyntaxException {
    Path file = dir.resolve("src/desk/Router.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path out = Files.createDirectories(dir.resolve("out"));
    String api = Path.of(CountFill.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> args = new ArrayList<>(List.of("-classpath", api + File.pathSeparator
          + System.getProperty("java.class.path"), "-d", out.toString()));
      args.addAll(List.of(options));
      boolean ok = javac.getTask(null, files, diagnostics, args, null, files.getJavaFileObjects(file)).call();
      return new Compiled(ok, diagnostics.getDiagnostics());
    }
  }

  @Test
  void anAnnotationOnAnInterfaceMethodFailsTheCompileSayingWhereToPutIt() throws Exception {
    Compiled compiled = compile("""
        package desk;
        import io.tradermetrics.annotation.*;
        interface Router {
          @CountFill(quantity = "#0")
          void onFill(double quantity);
        }
        """);
    assertThat(compiled.success()).isFalse();
    assertThat(compiled.messages(Diagnostic.Kind.ERROR)).singleElement().asString()
        .startsWith("line 5: @CountFill on the abstract method Router.onFill() is not applied")
        .contains("Put it on the method that implements Router.onFill() in each implementing class");
  }

  @Test
  void aComposedAnnotationOnAnAbstractClassMethodIsReportedToo() throws Exception {
    Compiled compiled = compile("""
        package desk;
        import io.tradermetrics.annotation.*;
        import java.lang.annotation.*;
        @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD) @TimedCall(target = "binance") @interface BinanceCall {}
        abstract class Router {
          @BinanceCall
          abstract void ping();
        }
        """);
    assertThat(compiled.messages(Diagnostic.Kind.ERROR)).singleElement().asString()
        .contains("@BinanceCall (a composed @TimedCall) on the abstract method Router.ping() is not applied")
        .contains("in each concrete class");
  }

  @Test
  void annotationsOnConcreteAndDefaultMethodsPass() throws Exception {
    Compiled compiled = compile("""
        package desk;
        import io.tradermetrics.annotation.*;
        interface Router {
          @CountQuote
          default void quote(@Label("symbol") String symbol) {}
        }
        class SmartRouter implements Router {
          @CountFill(quantity = "#0")
          public void onFill(double quantity) {}
        }
        """);
    assertThat(compiled.success()).isTrue();
    assertThat(compiled.messages(Diagnostic.Kind.ERROR)).isEmpty();
  }

  @Test
  void theOptionTurnsTheErrorIntoAWarning() throws Exception {
    Compiled compiled = compile("""
        package desk;
        import io.tradermetrics.annotation.*;
        interface Router {
          @CountFill(quantity = "#0")
          void onFill(double quantity);
        }
        """, "-A" + PlacementProcessor.OPTION + "=warning");
    assertThat(compiled.success()).isTrue();
    assertThat(compiled.messages(Diagnostic.Kind.WARNING)).anySatisfy(m -> assertThat(m).contains("is not applied"));
  }
}
