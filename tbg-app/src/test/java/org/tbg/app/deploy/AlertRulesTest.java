package org.tbg.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the shipped alert rules without Prometheus (AlertRulesIT runs promtool on them):
 * every alert spec/metrics.md lists is there, with a {@code for}, a severity, a summary, a
 * description showing the value and the instance, and a runbook link to a section that exists;
 * and every alert has promtool cases where it fires and where it does not.
 */
class AlertRulesTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** spec/metrics.md, "Alert rules shipped under deploy/prometheus/alerts/". */
    private static final List<String> SPEC_ALERTS = List.of(
            "CKPoolProcessDown", "BitcoinCoreDesync", "BitcoinCoreDown", "ZeroSharesReceived", "HighInvalidShareRate",
            "HighStaleShareRate", "HighShareLatency", "EventDrops", "HighResourceUsage", "MinerCountDrop",
            "CKPoolRestarted", "CollectorLag");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private static List<JsonNode> alerts;

    @BeforeAll
    static void read() throws IOException {
        alerts = new ArrayList<>();
        for (Path file : DeployFiles.alertRuleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        alerts.add(rule);
                    }
                }
            }
        }
    }

    @Test
    void everyAlertTheSpecListsIsShipped() {
        Set<String> names = new TreeSet<>();
        alerts.forEach(a -> names.add(a.path("alert").asText()));
        assertThat(names).containsAll(SPEC_ALERTS);
    }

    @Test
    void theProcessDownAlertIsTheSpecsExpression() {
        JsonNode down = alerts.stream().filter(a -> a.path("alert").asText().equals("CKPoolProcessDown")).findFirst().orElseThrow();
        assertThat(down.path("expr").asText().trim()).isEqualTo("up{job=\"ckpool\"} == 0");
        assertThat(down.path("for").asText()).isEqualTo("1m");
        assertThat(down.path("labels").path("severity").asText()).isEqualTo("critical");
    }

    @Test
    void everyAlertHasForSeveritySummaryDescriptionAndARunbookSectionThatExists() throws IOException {
        String runbook = Files.readString(DeployFiles.alertRunbook());
        for (JsonNode a : alerts) {
            String name = a.path("alert").asText();
            assertThat(a.path("for").asText()).as("%s: for", name).matches("\\d+[smh]");
            assertThat(a.path("labels").path("severity").asText()).as("%s: severity", name).isIn(SEVERITIES);
            JsonNode ann = a.path("annotations");
            assertThat(ann.path("summary").asText()).as("%s: summary", name).isNotBlank();
            assertThat(ann.path("description").asText()).as("%s: description shows the value and the instance", name)
                    .contains("$value").contains("$labels.instance");
            String anchor = name.toLowerCase(Locale.ROOT);
            assertThat(ann.path("runbook_url").asText()).as("%s: runbook_url", name)
                    .isEqualTo("docs/runbooks/alerts.md#" + anchor);
            assertThat(runbook).as("%s: a section in docs/runbooks/alerts.md", name).containsPattern("(?m)^## " + name + "$");
        }
    }

    @Test
    void everyAlertHasPromtoolCasesWhereItFiresAndWhereItDoesNot() throws IOException {
        Map<String, Boolean> fires = new HashMap<>();
        Map<String, Boolean> stays = new HashMap<>();
        for (Path file : DeployFiles.ruleTestFiles()) {
            for (JsonNode test : YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode t : test.path("alert_rule_test")) {
                    String name = t.path("alertname").asText();
                    if (t.path("exp_alerts").isEmpty()) {
                        stays.put(name, true);
                    } else {
                        fires.put(name, true);
                    }
                }
            }
        }
        for (JsonNode a : alerts) {
            String name = a.path("alert").asText();
            assertThat(fires).as("a promtool case where %s fires", name).containsKey(name);
            assertThat(stays).as("a promtool case where %s does not fire", name).containsKey(name);
        }
    }

    @Test
    void prometheusScrapesThePoolsAndCollectorsOnTheirPortsAndLoadsTheRules() throws IOException {
        JsonNode config = YAML.readTree(DeployFiles.prometheusConfig().toFile());
        assertThat(config.path("rule_files").toString()).contains("alerts/");
        Map<String, List<String>> targets = new HashMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            List<String> list = new ArrayList<>();
            job.path("static_configs").forEach(sc -> sc.path("targets").forEach(t -> list.add(t.asText())));
            targets.put(job.path("job_name").asText(), list);
        }
        assertThat(targets.get("ckpool")).isNotEmpty().allMatch(t -> t.endsWith(":9100"));
        assertThat(targets.get("tbg-collector")).isNotEmpty().allMatch(t -> t.endsWith(":9101"));
    }
}
