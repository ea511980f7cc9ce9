package io.tradermetrics.exporter;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * HTTP basic authentication (RFC 7617) as a JDK {@link Authenticator}, set on each protected
 * context, so it runs before the endpoint, its method check included. The scheme name is matched
 * case-insensitively (RFC 7235); the decoded {@code user:password} is compared in constant time.
 * Every 401 carries the challenge {@code Basic realm="tradermetrics", charset="UTF-8"}. The
 * password is never logged nor shown. Immutable and thread-safe.
 *
 * <p>(The JDK's own {@code BasicAuthenticator} matches the scheme case-sensitively and drops the
 * connection on a header without a colon or with bad Base64.)
 */
final class BasicAuth extends Authenticator {

  static final String REALM = "tradermetrics";
  private static final String CHALLENGE = "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";

  private final String username;
  private final byte[] expected;

  private BasicAuth(String username, String password) {
    this.username = username;
    this.expected = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @throws IllegalArgumentException if the username is empty or contains ':'
   */
  static BasicAuth of(String username, String password, String option) {
    if (username.isEmpty() || username.indexOf(':') >= 0) {
      throw new IllegalArgumentException(option + " is not valid: expected a non-empty name without ':'");
    }
    return new BasicAuth(username, password);
  }

  /**
   * Reads {@code username:password} from the first line of {@code file} (the password may contain ':').
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalStateException if the first line is not {@code username:password}; the message
   *     names the file, never its content
   */
  static BasicAuth fromFile(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String line = lines.isEmpty() ? "" : lines.get(0).strip();
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new IllegalStateException("basicAuthFromFile '" + file
          + "' is not valid: expected a first line 'username:password'");
    }
    return new BasicAuth(line.substring(0, colon), line.substring(colon + 1));
  }

  @Override
  public Result authenticate(HttpExchange exchange) {
    if (verifies(exchange)) {
      return new Success(new HttpPrincipal(username, REALM));
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", CHALLENGE);
    return new Retry(401);
  }

  /** Whether the request carries these credentials. */
  boolean verifies(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null) {
      return false;
    }
    String value = header.strip();
    if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(value.substring(6).strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }

  @Override
  public String toString() {
    return "BasicAuth[username=" + username + ", password=***]";
  }
}
