package io.tradermetrics.aspects;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lines the tests' logger (slf4j-simple, which writes to the current {@code System.err}) writes
 * while an action runs.
 */
final class LogCapture {

  private LogCapture() {}

  /** Runs {@code action} and returns the log lines written meanwhile; what it throws is rethrown after restoring System.err. */
  static List<String> linesDuring(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
