package org.tbg.app.loadtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The latency histogram file of {@code --histogram}: PNG or HTML (inline SVG), chosen by the file's extension. */
public enum HistogramFile {
    PNG, HTML;

    /** The format for {@code file}'s extension ({@code .png}, {@code .html}, {@code .htm}); empty for anything else. */
    public static Optional<HistogramFile> forPath(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return Optional.of(PNG);
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Optional.of(HTML);
        }
        return Optional.empty();
    }

    public void write(LoadReport report, Path file) throws IOException {
        HistogramChart chart = HistogramChart.of(report);
        switch (this) {
            case PNG -> HistogramPng.write(chart, file);
            case HTML -> HistogramSvg.write(chart, file);
        }
    }
}
