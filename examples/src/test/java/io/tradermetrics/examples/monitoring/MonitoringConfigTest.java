package io.tradermetrics.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus, VictoriaMetrics and Alertmanager assets in {@code examples/monitoring}, checked by
 * the tools that load them: {@code promtool check config} (server, agent and federation configs),
 * {@code promtool check rules}, {@code promtool test rules}, {@code vmalert -dryRun} (the same rules,
 * and vmalert's flags), {@code victoria-metrics -help} (its flags) and {@code amtool check-config},
 * plus {@code amtool config routes test} for the severity routing.
 */
class MonitoringConfigTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static List<JsonNode> alertRules() throws Exception {
    List<JsonNode> alerts = new ArrayList<>();
    for (JsonNode group : YAML.readTree(Tools.RULES.toFile()).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("alert")) {
          alerts.add(rule);
        }
      }
    }
    return alerts;
  }

  @Nested
  class PrometheusRules {

    @Test
    void promtoolAcceptsTheConfigAndTheRules() throws Exception {
      Path promtool = Tools.find("prometheus", "promtool");
      Tools.Result config = Tools.run(Tools.PROMETHEUS_CONFIG.getParent(), promtool, "check", "config", "prometheus.yml");
      assertThat(config.exitCode()).as(config.output()).isZero();
      Tools.Result rules = Tools.run(Tools.RULES.getParent(), promtool, "check", "rules", "rules.yml");
      assertThat(rules.exitCode()).as(rules.output()).isZero();
      assertThat(rules.output()).contains("SUCCESS: 29 rules found");
    }

    @Test
    void promtoolAcceptsTheAgentAndTheFederationConfigs() throws Exception {
      Path promtool = Tools.find("prometheus", "promtool");
      Path dir = Tools.AGENT_CONFIG.getParent();
      Tools.Result agent = Tools.run(dir, promtool, "check", "config", "--agent", "agent.yml");
      assertThat(agent.exitCode()).as(agent.output()).isZero();
      assertThat(agent.output()).as("its target files exist").doesNotContain("WARNING");
      Tools.Result federation = Tools.run(dir, promtool, "check", "config", "federation.yml");
      assertThat(federation.exitCode()).as(federation.output()).isZero();
    }

    @Test
    void theAgentShardsWithHashmodAndWritesToVictoriaMetrics() throws Exception {
      JsonNode agent = YAML.readTree(Tools.AGENT_CONFIG.toFile());
      JsonNode relabel = agent.at("/scrape_configs/0/relabel_configs");
      assertThat(relabel.get(0).get("action").asText()).isEqualTo("hashmod");
      assertThat(relabel.get(0).get("source_labels").toString()).isEqualTo("[\"__address__\"]");
      assertThat(relabel.get(1).get("action").asText()).isEqualTo("keep");
      assertThat(relabel.get(1).get("source_labels").get(0).asText()).isEqualTo(relabel.get(0).get("target_label").asText());
      assertThat(agent.at("/remote_write/0/url").asText()).endsWith("/api/v1/write");
      assertThat(agent.has("rule_files")).as("an agent evaluates no rules").isFalse();
    }

    @Test
    void vmalertAcceptsTheSameRulesAndItsCommittedFlags() throws Exception {
      Path vmalert = Tools.find("victoria-metrics", "vmalert");
      Tools.Result rules = Tools.run(Tools.RULES.getParent(), vmalert, "-dryRun", "-rule=rules.yml");
      assertThat(rules.exitCode()).as(rules.output()).isZero();
      assertThat(rules.output()).doesNotContain("error").doesNotContain("fatal");

      List<String> args = Tools.withFlag(Tools.defaultArgs(Tools.VMALERT_ARGS), "rule", Tools.RULES);
      List<Object> command = new ArrayList<>(List.of(vmalert, "-dryRun"));
      command.addAll(args);
      Tools.Result flags = Tools.run(Tools.RULES.getParent(), command.toArray());
      assertThat(flags.exitCode()).as(flags.output()).isZero();
      assertThat(args).anyMatch(a -> a.startsWith("-remoteWrite.url=")).anyMatch(a -> a.startsWith("-notifier.url="));
    }

    @Test
    void victoriaMetricsKnowsEveryCommittedFlag() throws Exception {
      Path victoriaMetrics = Tools.find("victoria-metrics", "victoria-metrics");
      String help = Tools.run(Tools.VICTORIA_METRICS_ARGS.getParent(), victoriaMetrics, "-help").output();
      for (String arg : Tools.defaultArgs(Tools.VICTORIA_METRICS_ARGS)) {
        String flag = arg.substring(0, arg.indexOf('='));
        assertThat(help).as(flag).contains("\n  " + flag + " ");
      }
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
      Path promtool = Tools.find("prometheus", "promtool");
      Tools.Result result = Tools.run(Tools.RULES.getParent(), promtool, "test", "rules", "tests/rules-test.yml");
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAUnitTestThatFiresIt() throws Exception {
      Set<String> alerts = new TreeSet<>();
      for (JsonNode rule : alertRules()) {
        alerts.add(rule.get("alert").asText());
      }
      Set<String> firedInTests = new TreeSet<>();
      for (JsonNode test : YAML.readTree(Tools.RULES.getParent().resolve("tests/rules-test.yml").toFile()).get("tests")) {
        for (JsonNode check : test.path("alert_rule_test")) {
          if (!check.get("exp_alerts").isEmpty()) {
            firedInTests.add(check.get("alertname").asText());
          }
        }
      }
      assertThat(firedInTests).isEqualTo(alerts);
    }

    @Test
    void everyAlertHasSeveritySummaryDescriptionAndARunbookSectionThatExists() throws Exception {
      String runbook = Files.readString(Tools.RUNBOOK, StandardCharsets.UTF_8);
      for (JsonNode rule : alertRules()) {
        String name = rule.get("alert").asText();
        assertThat(rule.at("/labels/severity").asText()).as(name).isIn("critical", "error", "warning", "info");
        assertThat(rule.at("/annotations/summary").asText()).as(name).isNotBlank();
        assertThat(rule.at("/annotations/description").asText()).as(name).isNotBlank();
        assertThat(rule.at("/annotations/runbook_url").asText()).as(name)
            .endsWith("docs/runbooks/monitoring.md#" + name.toLowerCase(Locale.ROOT));
        assertThat(runbook).as("runbook section for " + name).contains("\n### " + name + "\n");
      }
    }
  }

  @Nested
  class AlertmanagerRouting {

    @Test
    void amtoolAcceptsTheConfig() throws Exception {
      Path amtool = Tools.find("prometheus-alertmanager", "amtool");
      Tools.Result result = Tools.run(Tools.ALERTMANAGER_CONFIG.getParent(), amtool, "check-config", "alertmanager.yml");
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void routesCriticalToSlackAndTelegramWarningToSlackAndEverythingToTheLog() throws Exception {
      Path amtool = Tools.find("prometheus-alertmanager", "amtool");
      assertThat(receivers(amtool, "severity=critical")).isEqualTo("log,critical");
      assertThat(receivers(amtool, "severity=warning")).isEqualTo("log,slack");
      assertThat(receivers(amtool, "severity=error")).isEqualTo("log,critical");
      assertThat(receivers(amtool, "severity=info")).isEqualTo("log,slack");
      assertThat(receivers(amtool, "severity=debug")).isEqualTo("log");
      String config = Files.readString(Tools.ALERTMANAGER_CONFIG, StandardCharsets.UTF_8);
      String critical = config.substring(config.indexOf("- name: critical"));
      assertThat(critical).contains("slack_configs:").contains("telegram_configs:");
    }

    @Test
    void keepsSecretsOutOfTheFile() throws Exception {
      String config = Files.readString(Tools.ALERTMANAGER_CONFIG, StandardCharsets.UTF_8);
      assertThat(config).contains("slack_api_url_file:").doesNotContain("hooks.slack.com")
          .contains("bot_token: ${TELEGRAM_BOT_TOKEN}");
      assertThat(config.lines().filter(l -> l.strip().replaceFirst("^- ", "").startsWith("api_url:"))).as("only Telegram's public API URL")
          .containsExactly("      - api_url: https://api.telegram.org");
    }

    private String receivers(Path amtool, String label) throws Exception {
      Tools.Result result = Tools.run(Tools.ALERTMANAGER_CONFIG.getParent(), amtool, "config", "routes", "test",
          "--config.file=alertmanager.yml", "alertname=TraderTest", label);
      assertThat(result.exitCode()).as(result.output()).isZero();
      return result.output().lines().filter(l -> !l.startsWith("Warning")).findFirst().orElse("").strip();
    }
  }
}
