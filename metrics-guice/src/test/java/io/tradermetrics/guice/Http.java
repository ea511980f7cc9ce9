package io.tradermetrics.guice;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real HTTP GETs against the exporter in tests. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {}

  static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(URI uri, String authorization) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
