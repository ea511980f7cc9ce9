package io.tradermetrics.examples.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * One local HTTP server standing in for Slack ({@code /slack/...}), the Telegram Bot API
 * ({@code /telegram/bot<token>/...}, answering as the API does) and the log webhook (anything
 * else), recording every request; and the committed {@code alertmanager.yml} rendered to send to
 * it. Thread-safe.
 */
final class Receivers implements AutoCloseable {

  static final String BOT_TOKEN = "123456:test-token";
  static final String CHAT_ID = "-1001234567890";

  /** One request received, with its JSON body (or {"raw": ...}). */
  record Delivery(String service, String path, JsonNode body) {}

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private Receivers(HttpServer server) {
    this.server = server;
  }

  static Receivers start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    Receivers receivers = new Receivers(server);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String service = path.startsWith("/slack") ? "slack" : path.startsWith("/telegram") ? "telegram" : "log";
      String answer = "ok";
      if (service.equals("telegram")) {
        // what the Bot API answers: getMe with the bot, sendMessage with the message sent
        answer = path.endsWith("/getMe")
            ? "{\"ok\":true,\"result\":{\"id\":123456,\"is_bot\":true,\"first_name\":\"alerts\",\"username\":\"alerts_bot\"}}"
            : "{\"ok\":true,\"result\":{\"message_id\":1,\"date\":0,\"chat\":{\"id\":" + CHAT_ID + ",\"type\":\"supergroup\"}}}";
        exchange.getResponseHeaders().set("Content-Type", "application/json");
      }
      JsonNode json;
      try {
        json = body.length == 0 ? PromApi.JSON.createObjectNode() : PromApi.JSON.readTree(body);
      } catch (IOException notJson) {
        json = PromApi.JSON.createObjectNode().put("raw", new String(body, StandardCharsets.UTF_8));
      }
      receivers.deliveries.add(new Delivery(service, path, json));
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
    return receivers;
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** The first delivery to {@code service} mentioning {@code alertname}, if any yet. */
  Delivery first(String service, String alertname) {
    Predicate<Delivery> match = d -> d.service().equals(service) && d.body().toString().contains(alertname);
    return deliveries.stream().filter(match).findFirst().orElse(null);
  }

  /** Every alert named {@code alertname} in the log webhook's notifications with {@code status} (firing, resolved). */
  List<JsonNode> loggedAlerts(String alertname, String status) {
    List<JsonNode> alerts = new ArrayList<>();
    for (Delivery d : deliveries) {
      if (d.service().equals("log")) {
        for (JsonNode alert : d.body().path("alerts")) {
          if (alert.at("/labels/alertname").asText().equals(alertname) && alert.path("status").asText().equals(status)) {
            alerts.add(alert);
          }
        }
      }
    }
    return alerts;
  }

  /**
   * The committed {@code alertmanager.yml} with only its addresses and secrets replaced, pointing
   * at this server: the Slack webhook URL in a secret file, the Telegram API and token (as envsubst
   * renders it), the log webhook.
   */
  Path renderAlertmanagerConfig(Path dir) throws IOException {
    Path slackSecret = dir.resolve("slack-webhook-url");
    Files.writeString(slackSecret, base() + "/slack/services/T000/B000/XXXX");
    String am = Files.readString(Tools.ALERTMANAGER_CONFIG, StandardCharsets.UTF_8);
    am = Tools.replace(am, "/etc/alertmanager/secrets/slack-webhook-url", slackSecret.toString(), 1);
    am = Tools.replace(am, "https://api.telegram.org", base() + "/telegram", 1);
    am = Tools.replace(am, "${TELEGRAM_BOT_TOKEN}", BOT_TOKEN, 2); // the comment names it too
    am = Tools.replace(am, "http://127.0.0.1:9095/alerts", base() + "/log", 1);
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, am);
    return config;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
