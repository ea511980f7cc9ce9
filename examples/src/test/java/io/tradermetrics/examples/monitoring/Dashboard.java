package io.tradermetrics.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard's panels, queries and variables, and the variables resolved against a
 * Prometheus API as Grafana resolves them: each {@code label_values(selector, label)} query in
 * order, with the variables before it substituted; a multi-value variable's value regex-escaped,
 * and "All" as its {@code allValue} or, without one, as the alternation of every value offered.
 */
final class Dashboard {

  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

  /** One PromQL query of a panel. */
  record Query(String panel, String refId, String expr) {}

  private final JsonNode json;

  private Dashboard(JsonNode json) {
    this.json = json;
  }

  static Dashboard load(Path file) throws IOException {
    return new Dashboard(PromApi.JSON.readTree(file.toFile()));
  }

  JsonNode json() {
    return json;
  }

  /** Every panel, those inside collapsed rows included; rows too. */
  List<JsonNode> panels() {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : json.get("panels")) {
      all.add(panel);
      panel.path("panels").forEach(all::add);
    }
    return all;
  }

  List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(new Query(panel.get("title").asText(), target.get("refId").asText(), target.get("expr").asText()));
      }
    }
    return queries;
  }

  /** The query variables, in the order Grafana resolves them. */
  List<JsonNode> queryVariables() {
    List<JsonNode> variables = new ArrayList<>();
    for (JsonNode variable : json.at("/templating/list")) {
      if (variable.get("type").asText().equals("query")) {
        variables.add(variable);
      }
    }
    return variables;
  }

  /**
   * The variables' values as Grafana would interpolate them: each one pinned to the value given
   * in {@code pinned} (which must be among those it offers), else "All" when {@code all}, else its
   * first value; plus {@code $__rate_interval} and {@code $__range}.
   */
  Map<String, String> resolve(PromApi api, Map<String, String> pinned, boolean all, String rateInterval, String range)
      throws IOException, InterruptedException {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("__rate_interval", rateInterval);
    values.put("__range", range);
    for (JsonNode variable : queryVariables()) {
      String name = variable.get("name").asText();
      Matcher m = LABEL_VALUES.matcher(variable.get("query").asText());
      assertThat(m.matches()).as("variable " + name + " is a label_values query: " + variable.get("query")).isTrue();
      String selector = substitute(m.group(1), values);
      List<String> offered = api.labelValues(m.group(2), selector);
      assertThat(offered).as("values of $" + name + " (" + selector + ")").isNotEmpty();
      String value;
      if (pinned.containsKey(name)) {
        assertThat(offered).as("values of $" + name).contains(pinned.get(name));
        value = regexEscape(pinned.get(name));
      } else if (all) {
        value = variable.hasNonNull("allValue") ? variable.get("allValue").asText()
            : "(" + String.join("|", offered.stream().map(Dashboard::regexEscape).toList()) + ")";
      } else {
        value = regexEscape(offered.get(0));
      }
      values.put(name, value);
    }
    return values;
  }

  /** Every query that returns no data from {@code api} with these variable values, named with its panel. */
  List<String> queriesWithoutData(PromApi api, Map<String, String> values) throws IOException, InterruptedException {
    List<String> failures = new ArrayList<>();
    for (Query query : queries()) {
      String expr = substitute(query.expr(), values);
      if (api.query(expr).isEmpty()) {
        failures.add("panel '" + query.panel() + "' " + query.refId() + ": no data for " + expr);
      }
    }
    return failures;
  }

  /** Grafana's substitution of {@code $name} and {@code ${name}}, longest names first. */
  static String substitute(String expr, Map<String, String> values) {
    String out = expr;
    List<String> names = new ArrayList<>(values.keySet());
    names.sort((a, b) -> b.length() - a.length());
    for (String name : names) {
      out = out.replace("${" + name + "}", values.get(name)).replace("$" + name, values.get(name));
    }
    assertThat(out).as("unsubstituted variable in " + expr).doesNotContainPattern("\\$[a-zA-Z_{]");
    return out;
  }

  /**
   * A value as Grafana's Prometheus data source writes it into a regex matcher: regex
   * metacharacters escaped, the backslash doubled for the PromQL string.
   */
  static String regexEscape(String value) {
    return value.replaceAll("([\\\\^$*+?.()|{}\\[\\]])", "\\\\\\\\$1");
  }
}
