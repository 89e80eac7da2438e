package org.tbg.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prometheus' own checker on what deploy/prometheus ships: every rule file loads, the rule unit
 * tests (deploy/prometheus/tests, each alert firing on a sick series and silent on a healthy one)
 * pass, and prometheus.yml is a valid configuration. Needs promtool: {@code -Dtbg.promtool=PATH}
 * (scripts/test.sh passes it); without it the test fails rather than skips.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AlertRulesIT {

    @Test
    void everyRuleFileLoads() throws Exception {
        for (Path file : DeployFiles.alertRuleFiles()) {
            String out = promtool("check", "rules", file.toString());
            assertThat(out).as("promtool check rules %s", file).contains("SUCCESS");
        }
    }

    @Test
    void theRuleUnitTestsPass() throws Exception {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        DeployFiles.ruleTestFiles().forEach(f -> args.add(f.toString()));
        String out = promtool(args.toArray(String[]::new));
        assertThat(out).doesNotContain("FAILED");
        assertThat(out.split("SUCCESS", -1)).as("one SUCCESS per test file:%n%s", out)
                .hasSize(DeployFiles.ruleTestFiles().size() + 1);
    }

    @Test
    void thePrometheusConfigIsValid() throws Exception {
        String out = promtool("check", "config", DeployFiles.prometheusConfig().toString());
        assertThat(out).contains("is valid prometheus config file syntax");
    }

    /** Runs promtool in the repository root; its output (stdout and stderr) when it exits 0, else a failure showing it. */
    private static String promtool(String... args) throws IOException, InterruptedException {
        String tool = System.getProperty("tbg.promtool", "");
        assertThat(tool).as("system property tbg.promtool (the promtool binary; scripts/test.sh passes it)")
                .isNotBlank().doesNotStartWith("${");
        assertThat(Path.of(tool)).as("tbg.promtool").isExecutable();
        List<String> cmd = new ArrayList<>(List.of(tool));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("promtool", ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(DeployFiles.root().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within 60 s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("%s exit code; output:%n%s", String.join(" ", cmd), out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
