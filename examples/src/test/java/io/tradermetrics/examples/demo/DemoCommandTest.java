package io.tradermetrics.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new DemoCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  @Test
  void printsTheServingLineOnceThenTheSummaryFromTheLedger() {
    int exit = run("--duration", "0", "--trades", "2000", "--port", "0");
    assertThat(exit).isZero();
    String text = out.toString();
    assertThat(text.lines().filter(l -> l.startsWith("Serving metrics at ")))
        .singleElement()
        .satisfies(l -> assertThat(l).matches("Serving metrics at http://127\\.0\\.0\\.1:\\d+/metrics"));
    assertThat(text).contains("trades replayed  : 2000").contains("orders sent").contains("fills")
        .contains("net position").contains("realized PnL");
  }

  @Test
  void rejectsAnUnknownFlagWithUsageAndExitCodeTwo() {
    assertThat(run("--speed", "3")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown options: '--speed', '3'").contains("Usage: metrics-demo");
  }

  @Test
  void rejectsANegativeDurationWithExitCodeTwo() {
    assertThat(run("--duration", "-1")).isEqualTo(2);
    assertThat(err.toString()).contains("--duration must be 0 or more, was -1");
  }

  @Test
  void tripAfterHaltsQuotingAndTakesTheDemoOutOfService() {
    int exit = run("--duration", "2", "--trades", "3000", "--port", "0", "--trip-after", "0");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("trades replayed  : 3000").contains("orders sent      : 0");
  }

  @Test
  void rejectsABlankStrategyWithExitCodeTwo() {
    assertThat(run("--strategy", " ")).isEqualTo(2);
    assertThat(err.toString()).contains("--strategy must not be blank, was ' '");
  }

  @Test
  void rejectsANegativeTripAfterWithExitCodeTwo() {
    assertThat(run("--trip-after", "-5")).isEqualTo(2);
    assertThat(err.toString()).contains("--trip-after must be 0 or more, was -5");
  }

  @Test
  void printsTheVersionInfoReports() {
    assertThat(run("-V")).isZero();
    assertThat(out.toString().strip()).isEqualTo("tradermetrics metrics-demo " + System.getProperty("examples.projectVersion"));
  }

  @Test
  void writesPlainProgressLinesWithoutEscapeSequencesWhenNotOnATerminal() {
    assertThat(DemoCommand.terminal()).as("surefire's fork has no terminal").isFalse();
    assertThat(run("--duration", "0", "--trades", "2000", "--port", "0")).isZero();
    assertThat(err.toString()).contains("Replayed 1000 of 2000 trades", "Replayed 2000 of 2000 trades")
        .doesNotContain("\u001b").doesNotContain("\r");
  }

  @Test
  void statesTheVenuesFloorAtTheStartAndSaysWhenTheReplayFallsBehindDuration() {
    // 20,000 trades send thousands of orders and cancels, each waiting at least 150 us for the venue:
    // seconds of floor, more than the 1 s asked for
    assertThat(run("--duration", "1", "--trades", "20000", "--port", "0")).isZero();
    assertThat(out.toString()).contains("Replaying 20000 trades over 1 s of wall time; each order and cancel waits for "
        + "the simulated venue's round trip (150 us plus a mean 350 us), which sets a floor")
        .containsPattern("The replay is \\d+\\.\\d s behind --duration 1: the simulated venue's round trips set the floor")
        .containsPattern("Replay took \\d+\\.\\d s of wall time \\(--duration 1\\)");
  }

  @Test
  void rejectsAnUnknownFaultNamingTheValidOnesWithExitCodeTwo() {
    assertThat(run("--fault", "meltdown@3")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown fault 'meltdown'")
        .contains("[trip, slow-ack, large-fill, disconnect, panic]");
  }

  @Test
  void aPanicAtTheStartStopsTheStrategyBeforeItSendsAnyOrder() {
    int exit = run("--duration", "2", "--trades", "3000", "--port", "0", "--fault", "panic@0");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("trades replayed  : 3000").contains("orders sent      : 0")
        .contains("ticks handled    : 0");
  }
}
