package io.tradermetrics.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradermetrics.annotation.TrackPnl;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.aspectj.bridge.IMessage;
import org.aspectj.bridge.MessageHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aspects' {@code declare error} checks, as a user meets them: a user class compiled by ajc with
 * this module's compiled aspects on the aspect path, as the AspectJ Maven plugin does with an
 * {@code aspectLibrary}.
 */
class CompileTimeChecksTest {

  @TempDir
  Path dir;

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compiles one user class with ajc; returns the error messages, each with its line. */
  private List<String> compile(String body) throws IOException {
    Path source = dir.resolve("src/desk/Desk.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package desk;
        import io.tradermetrics.annotation.*;
        class Desk {
        """ + body + "\n}\n");
    String aspects = location(TraderMetricsAspect.class);
    String classpath = String.join(File.pathSeparator, location(TrackPnl.class), location(org.aspectj.lang.JoinPoint.class),
        aspects);
    MessageHandler messages = new MessageHandler();
    new org.aspectj.tools.ajc.Main().run(new String[] {"-17", "-classpath", classpath, "-aspectpath", aspects,
        "-d", dir.resolve("out").toString(), "-s", dir.resolve("generated").toString(), source.toString()}, messages);
    return Arrays.stream(messages.getMessages(IMessage.ERROR, true))
        .map(m -> "line " + (m.getSourceLocation() == null ? "?" : m.getSourceLocation().getLine()) + ": " + m.getMessage())
        .toList();
  }

  @Test
  void rejectsAGaugeReadFromTheReturnValueOfAVoidMethod() throws IOException {
    List<String> errors = compile("""
          @TrackOpenOrders void openOrders(int live) {}
          @TrackPosition void position(double p) {}
          @TrackPnl(realized = "result") void pnl(double p) {}
        """);
    assertThat(errors).containsExactlyInAnyOrder(
        "line 4: @TrackOpenOrders reads the open-order count from 'result' (the default of attribute 'value'), but the "
            + "method returns void: return the count, or set value to a parameter expression, e.g. value = \"#0\" or "
            + "value = \"book.liveOrders\"",
        "line 5: @TrackPosition reads the position from 'result' (the default of attribute 'value'), but the method "
            + "returns void: return the new position, or set value to a parameter expression, e.g. value = \"#0\" or "
            + "value = \"book.position\"",
        "line 6: @TrackPnl reads a PnL from 'result', but the method returns void: return it, or use a parameter "
            + "expression, e.g. realized = \"#1\"");
  }

  @Test
  void rejectsTrackPnlWithNeitherExpression() throws IOException {
    assertThat(compile("  @TrackPnl(symbol = \"BTC/USD\") double pnl() { return 0; }"))
        .containsExactly("line 4: @TrackPnl gives neither attribute 'realized' nor 'unrealized': give at least one "
            + "expression, e.g. realized = \"result.realized\", unrealized = \"result.unrealized\"");
  }

  @Test
  void acceptsGaugesOnVoidMethodsThatReadAParameterAndGaugesThatReturnTheValue() throws IOException {
    assertThat(compile("""
          @TrackOpenOrders("#0") void openOrders(int live) {}
          @TrackPosition("p") void position(double p) {}
          @TrackPnl(realized = "#0", unrealized = "#1") void pnl(double r, double u) {}
          @TrackOpenOrders int live() { return 1; }
          @TrackPnl(realized = "result") double realized() { return 0; }
        """)).isEmpty();
  }

  @Test
  void rejectsAnAnnotationOnAnInterfaceMethodSayingWhereToPutIt() throws IOException {
    // metrics-api's annotation processor, which ajc runs as javac does (found on the class path)
    assertThat(compile("  interface Router { @CountQuote void quote(@Label(\"symbol\") String symbol); }"))
        .singleElement().asString()
        .startsWith("line 4: @CountQuote on the abstract method Router.quote() is not applied: Java does not inherit "
            + "method annotations, and AspectJ advises only the method that runs. Put it on the method that implements "
            + "Router.quote() in each implementing class");
  }
}
