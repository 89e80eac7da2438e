package org.tbg.app.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's deployment files and runbooks, found from the module directory the tests run in. */
final class DeployFiles {
    private DeployFiles() {}

    /** The checkout's root: the nearest directory up from the working directory that has {@code deploy/}. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/prometheus")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no deploy/prometheus above " + Path.of("").toAbsolutePath());
    }

    static Path prometheusConfig() {
        return root().resolve("deploy/prometheus/prometheus.yml");
    }

    static List<Path> alertRuleFiles() {
        return list(root().resolve("deploy/prometheus/alerts"), ".yml");
    }

    static List<Path> ruleTestFiles() {
        return list(root().resolve("deploy/prometheus/tests"), ".yml");
    }

    static List<Path> dashboards() {
        return list(root().resolve("deploy/grafana/dashboards"), ".json");
    }

    static Path alertRunbook() {
        return root().resolve("docs/runbooks/alerts.md");
    }

    /** The files of {@code dir} ending in {@code suffix}, sorted; never empty (a missing file is a test failure). */
    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no *" + suffix + " under " + dir);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
