package org.tbg.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards (deploy/grafana/dashboards) and the alert rules (deploy/prometheus/alerts)
 * query only metrics that are exported: every metric name in every panel query, variable query
 * and rule expression must be a series a scrape of the pool or of the collector shows
 * ({@link ExportedMetrics}).
 */
class DashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String DATASOURCE = "${DS_PROMETHEUS}";

    private static Set<String> exported;

    @BeforeAll
    static void scrape() throws Exception {
        exported = ExportedMetrics.all();
    }

    @Test
    void theExportedNamesAreTheSeriesAScrapeShows() {
        // the suffixes as Prometheus sees them, and the metrics the dashboards and rules are built on
        assertThat(exported).contains(
                "ckpool_shares_valid_total", "ckpool_shares_invalid_total", "ckpool_shares_stale_total",
                "ckpool_total_diff_accepted_total", "ckpool_share_processing_seconds_bucket",
                "ckpool_share_processing_seconds_count", "ckpool_rpc_duration_seconds_bucket", "ckpool_block_height",
                "ckpool_template_age_seconds", "ckpool_uptime_seconds", "process_cpu_seconds_total",
                "process_resident_memory_bytes", "process_open_fds", "jvm_cpu_count", "jvm_memory_used_bytes",
                "jvm_gc_collection_seconds_sum", "ckpool_events_dropped_total", "tbg_collector_batch_seconds_bucket",
                "tbg_collector_lag_seconds", "up");
        assertThat(exported).doesNotContain("ckpool_share_processing_seconds", "ckpool_shares_valid",
                "tbg_collector_batch_seconds", "ckpool_events_emitted");
    }

    @Test
    void aQueryOfAMetricNobodyExportsIsCaught() {
        assertThat(unexported("sum(rate(ckpool_shares_valid[5m]))")).containsExactly("ckpool_shares_valid");
        assertThat(unexported("histogram_quantile(0.99, rate(ckpool_share_processing_seconds[5m]))"))
                .containsExactly("ckpool_share_processing_seconds");
        assertThat(unexported("ckpool_events_queued + ckpool_event_queue_depth")).containsExactly("ckpool_event_queue_depth");
        assertThat(unexported("histogram_quantile(0.99, sum by (le) (rate(ckpool_share_processing_seconds_bucket[5m])))")).isEmpty();
    }

    @Test
    void everyDashboardHasTheDatasourceAndInstanceVariablesAndUsesThem() throws IOException {
        for (Path file : DeployFiles.dashboards()) {
            JsonNode d = JSON.readTree(file.toFile());
            assertThat(d.path("uid").asText()).as("%s uid", file).isNotBlank();
            assertThat(d.path("title").asText()).as("%s title", file).isNotBlank();
            Map<String, String> variables = new TreeMap<>();
            d.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v.path("type").asText()));
            assertThat(variables).as("%s variables", file).containsEntry("DS_PROMETHEUS", "datasource").containsEntry("instance", "query");

            List<JsonNode> panels = panels(d);
            assertThat(panels).as("%s panels", file).isNotEmpty();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : panels) {
                String title = p.path("title").asText();
                assertThat(ids.add(p.path("id").asInt())).as("%s: panel id of '%s' is unique", file, title).isTrue();
                assertThat(p.path("gridPos").path("w").asInt()).as("%s: '%s' has a width", file, title).isPositive();
                if (p.path("type").asText().equals("row")) {
                    continue;
                }
                assertThat(p.path("targets")).as("%s: '%s' has queries", file, title).isNotEmpty();
                assertThat(p.path("datasource").path("uid").asText()).as("%s: '%s' datasource", file, title).isEqualTo(DATASOURCE);
                for (JsonNode t : p.path("targets")) {
                    assertThat(t.path("datasource").path("uid").asText()).as("%s: '%s' target datasource", file, title)
                            .isEqualTo(DATASOURCE);
                    assertThat(t.path("expr").asText()).as("%s: '%s' query filters on the instance variable", file, title)
                            .contains("instance=~\"$instance\"");
                }
            }
        }
    }

    @Test
    void everyMetricADashboardQueriesIsExported() throws IOException {
        Map<String, Set<String>> unknown = new TreeMap<>();
        int queries = 0;
        for (Path file : DeployFiles.dashboards()) {
            JsonNode d = JSON.readTree(file.toFile());
            for (JsonNode p : panels(d)) {
                for (JsonNode t : p.path("targets")) {
                    queries++;
                    record(unknown, file.getFileName() + " / " + p.path("title").asText() + ": " + t.path("expr").asText(),
                            unexported(t.path("expr").asText()));
                }
            }
            for (JsonNode v : d.path("templating").path("list")) {
                if (v.path("type").asText().equals("query")) {
                    String q = v.path("query").isTextual() ? v.path("query").asText() : v.path("query").path("query").asText();
                    queries++;
                    record(unknown, file.getFileName() + " / variable " + v.path("name").asText() + ": " + q,
                            without(PromQlMetricNames.ofVariableQuery(q)));
                }
            }
        }
        assertThat(queries).as("queries read").isGreaterThan(20);
        assertThat(unknown).as("metrics queried but not exported (query → names)").isEmpty();
    }

    @Test
    void everyMetricAnAlertRuleQueriesIsExported() throws IOException {
        Map<String, Set<String>> unknown = new TreeMap<>();
        int rules = 0;
        for (Path file : DeployFiles.alertRuleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules++;
                    String expr = rule.path("expr").asText();
                    record(unknown, file.getFileName() + " / " + rule.path("alert").asText() + ": " + expr, unexported(expr));
                }
            }
        }
        assertThat(rules).as("rules read").isGreaterThanOrEqualTo(12);
        assertThat(unknown).as("metrics in alert rules but not exported (rule → names)").isEmpty();
    }

    private static Set<String> unexported(String expr) {
        Set<String> names = PromQlMetricNames.of(expr);
        assertThat(names).as("metric names in %s", expr).isNotEmpty();
        return without(names);
    }

    private static Set<String> without(Set<String> names) {
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(exported);
        return missing;
    }

    private static void record(Map<String, Set<String>> unknown, String where, Set<String> missing) {
        if (!missing.isEmpty()) {
            unknown.put(where, missing);
        }
    }

    /** Every panel, those inside collapsed rows included. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }
}
