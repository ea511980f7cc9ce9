package io.tradermetrics.exporter;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * Binds the JDK server's socket, saying in a failure which of host or port is the problem: a host
 * that does not resolve, a host that is not an address of this machine, a port in use, a port that
 * needs privileges. Stateless.
 */
final class Listener {

  private Listener() {}

  /**
   * @throws UnknownHostException if {@code host} does not resolve
   * @throws BindException if the address cannot be bound; the message names host, port and the culprit
   */
  static HttpServer bind(String host, int port, @Nullable TlsKeystore tls) throws IOException {
    String where = "cannot listen on " + host + ":" + port + ": ";
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new UnknownHostException(where + "host '" + host
          + "' does not resolve to an address; the host is the problem, expected an address or name of this machine");
    }
    try {
      InetSocketAddress socket = new InetSocketAddress(address, port);
      if (tls == null) {
        return HttpServer.create(socket, 128);
      }
      HttpsServer https = HttpsServer.create(socket, 128);
      https.setHttpsConfigurator(tls.configurator());
      return https;
    } catch (BindException e) {
      throw new BindException(where + bindProblem(host, port, address, e));
    }
  }

  private static String bindProblem(String host, int port, InetAddress address, BindException e) {
    if (!isLocal(address)) {
      return "host '" + host + "' (" + address.getHostAddress() + ") is not an address of this machine ("
          + e.getMessage() + "); the host is the problem";
    }
    if (port > 0 && port < 1024 && String.valueOf(e.getMessage()).contains("ermission")) {
      return "port " + port + " needs privileges (" + e.getMessage() + "); the port is the problem, choose one above 1023";
    }
    return "port " + port + " is in use (" + e.getMessage() + "); the port is the problem: is another exporter "
        + "running? choose another port, or 0 for any free port";
  }

  private static boolean isLocal(InetAddress address) {
    try {
      return address.isAnyLocalAddress() || address.isLoopbackAddress()
          || NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return true;
    }
  }
}
