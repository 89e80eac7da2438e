package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramFileTest {
    @TempDir
    Path dir;

    @Test
    void theExtensionChoosesTheFormat() {
        assertThat(HistogramFile.forPath(Path.of("lat.png"))).contains(HistogramFile.PNG);
        assertThat(HistogramFile.forPath(Path.of("out/Lat.HTML"))).contains(HistogramFile.HTML);
        assertThat(HistogramFile.forPath(Path.of("lat.htm"))).contains(HistogramFile.HTML);
        assertThat(HistogramFile.forPath(Path.of("lat.svg"))).isEmpty();
    }

    @Test
    void aPngIsAnImageOfTheChartsSize() throws Exception {
        Path file = dir.resolve("latency.png");

        HistogramFile.PNG.write(LoadReportJsonTest.sample(), file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(HistogramChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(HistogramChart.HEIGHT);
        assertThat(image.getRGB(5, 5) & 0xffffff).as("white background").isEqualTo(0xffffff);
        assertThat(countColor(image, HistogramPng.BAR.getRGB() & 0xffffff)).as("bars were drawn").isPositive();
    }

    @Test
    void anHtmlPageHoldsTheSvgAndEscapesText() throws Exception {
        Path file = dir.resolve("latency.html");

        HistogramFile.HTML.write(LoadReportJsonTest.sample(), file);

        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("p99").contains("→ 127.0.0.1:3333").doesNotContain("<script");
        assertThat(HistogramSvg.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
    }

    @Test
    void slowOutliersGetTheirOwnBarBeyondTheBins() {
        double[] ms = new double[201];
        Arrays.fill(ms, 1.0);
        ms[200] = 900; // one reply in 201: above p99, so outside the binned range

        HistogramChart chart = HistogramChart.of(report(LatencyDistribution.ofMillis(ms)));

        assertThat(chart.bars()).hasSize(HistogramChart.BINS + 1);
        assertThat(chart.bars().get(HistogramChart.BINS).overflow()).isTrue();
        assertThat(chart.bars().subList(0, HistogramChart.BINS)).noneMatch(HistogramChart.Bar::overflow);
        assertThat(chart.labels()).anyMatch(l -> l.text().startsWith("> "));
    }

    @Test
    void withoutOutliersThereAreOnlyTheBins() {
        HistogramChart chart = HistogramChart.of(report(LatencyDistribution.ofMillis(1, 1.1, 1.2, 1.3, 2, 2.1, 2.2, 3, 500)));

        assertThat(chart.bars()).hasSize(HistogramChart.BINS); // p99 is the slowest here: all within range
    }

    @Test
    void niceCeilingsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(HistogramChart.niceCeiling(0.37)).isEqualTo(0.5);
        assertThat(HistogramChart.niceCeiling(1)).isEqualTo(1);
        assertThat(HistogramChart.niceCeiling(1.2)).isEqualTo(2);
        assertThat(HistogramChart.niceCeiling(7)).isEqualTo(10);
        assertThat(HistogramChart.niceCeiling(430)).isEqualTo(500);
    }

    private static LoadReport report(LatencyDistribution d) {
        return new LoadReport("custom", 1, 60, 0, "127.0.0.1:3333", 1, 0, 1, 0, 1, d.count(), d.count(), 0, 0, Map.of(), 0, 0, d,
                Map.of(), Map.of(), List.of());
    }

    private static long countColor(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
