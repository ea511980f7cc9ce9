package io.tradermetrics.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A demo that cannot listen says so in one line and exits non-zero, instead of printing Guice's stack trace. */
class DemoPortInUseTest {

  @Test
  void printsOneLineNamingThePortAndExitsWithOne() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      CommandLine cmd = new CommandLine(new DemoCommand());
      cmd.setOut(new PrintWriter(out));
      cmd.setErr(new PrintWriter(err));
      int exit = cmd.execute("--duration", "0", "--trades", "10", "--port", String.valueOf(port));

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
          .startsWith("metrics-demo: cannot listen on 127.0.0.1:" + port + ": port " + port + " is in use")
          .contains("the port is the problem"));
      assertThat(out.toString()).doesNotContain("Serving metrics at");
    }
  }

  @Test
  void printsOneLineForAHostThatIsNotOfThisMachine() {
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new DemoCommand());
    cmd.setOut(new PrintWriter(new StringWriter()));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute("--duration", "0", "--trades", "10", "--port", "0", "--host", "192.0.2.1");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("metrics-demo: cannot listen on 192.0.2.1:0: host '192.0.2.1' (192.0.2.1) is not an address of this machine"));
  }
}
