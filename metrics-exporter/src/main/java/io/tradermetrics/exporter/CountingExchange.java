package io.tradermetrics.exporter;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Delegates to an exchange, counting the bytes of the response body as written (compressed bytes
 * when gzip was negotiated). For HEAD requests it hides {@code Accept-Encoding}, because the
 * Prometheus client's handler writes a gzip body even for HEAD. One per request; not thread-safe.
 */
final class CountingExchange extends HttpExchange {

  private final HttpExchange delegate;
  private final Headers requestHeaders;
  private @Nullable OutputStream body;
  private long bytes;

  CountingExchange(HttpExchange delegate) {
    this.delegate = delegate;
    if (delegate.getRequestMethod().equals("HEAD") && delegate.getRequestHeaders().containsKey("Accept-Encoding")) {
      Headers copy = new Headers();
      copy.putAll(delegate.getRequestHeaders());
      copy.remove("Accept-Encoding");
      this.requestHeaders = copy;
    } else {
      this.requestHeaders = delegate.getRequestHeaders();
    }
  }

  /** Bytes of response body written so far. */
  long bytesWritten() {
    return bytes;
  }

  @Override
  public Headers getRequestHeaders() {
    return requestHeaders;
  }

  @Override
  public Headers getResponseHeaders() {
    return delegate.getResponseHeaders();
  }

  @Override
  public URI getRequestURI() {
    return delegate.getRequestURI();
  }

  @Override
  public String getRequestMethod() {
    return delegate.getRequestMethod();
  }

  @Override
  public HttpContext getHttpContext() {
    return delegate.getHttpContext();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public InputStream getRequestBody() {
    return delegate.getRequestBody();
  }

  @Override
  public OutputStream getResponseBody() {
    if (body == null) {
      body = new FilterOutputStream(delegate.getResponseBody()) {
        @Override
        public void write(int b) throws IOException {
          out.write(b);
          bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          bytes += len;
        }
      };
    }
    return body;
  }

  @Override
  public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
    delegate.sendResponseHeaders(rCode, responseLength);
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return delegate.getRemoteAddress();
  }

  @Override
  public int getResponseCode() {
    return delegate.getResponseCode();
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return delegate.getLocalAddress();
  }

  @Override
  public String getProtocol() {
    return delegate.getProtocol();
  }

  @Override
  public Object getAttribute(String name) {
    return delegate.getAttribute(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    delegate.setAttribute(name, value);
  }

  @Override
  public void setStreams(InputStream i, OutputStream o) {
    delegate.setStreams(i, o);
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return delegate.getPrincipal();
  }
}
