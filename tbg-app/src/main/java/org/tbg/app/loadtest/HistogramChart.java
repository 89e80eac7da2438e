package org.tbg.app.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latency histogram of a run laid out as shapes in pixel coordinates (origin top left), so
 * the PNG and the SVG renderers draw the same picture and only know how to draw. Bins are equal
 * width from 0 to a round number above p99; slower replies are gathered in one last bar, drawn
 * apart, so a few outliers do not squash the body of the distribution. Immutable.
 */
record HistogramChart(int width, int height, String title, List<Bar> bars, List<Line> lines, List<Label> labels) {
    static final int WIDTH = 960;
    static final int HEIGHT = 520;
    static final int BINS = 40;
    private static final int LEFT = 80;
    private static final int RIGHT = 40;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final int OVERFLOW_GAP = 12;
    private static final int X_TICKS = 5;
    private static final int Y_TICKS = 4;

    HistogramChart {
        bars = List.copyOf(bars);
        lines = List.copyOf(lines);
        labels = List.copyOf(labels);
    }

    /** @param overflow the bar of replies slower than the last bin */
    record Bar(double x, double y, double width, double height, boolean overflow) {
    }

    record Line(double x1, double y1, double x2, double y2, boolean marker) {
    }

    enum Anchor { START, MIDDLE, END }

    record Label(double x, double y, String text, Anchor anchor, boolean heading) {
    }

    static HistogramChart of(LoadReport r) {
        LatencyDistribution d = r.latency();
        String title = String.format(Locale.ROOT, "tbg loadtest %s → %s: share reply latency (%d replies)",
                r.profile(), r.target(), d.count());
        List<Bar> bars = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        labels.add(new Label(WIDTH / 2.0, 30, title, Anchor.MIDDLE, true));
        double plotLeft = LEFT;
        double plotRight = WIDTH - RIGHT;
        double plotTop = TOP;
        double plotBottom = HEIGHT - BOTTOM;
        lines.add(new Line(plotLeft, plotBottom, plotRight, plotBottom, false));
        lines.add(new Line(plotLeft, plotTop, plotLeft, plotBottom, false));
        if (d.isEmpty()) {
            labels.add(new Label(WIDTH / 2.0, HEIGHT / 2.0, "no replies", Anchor.MIDDLE, false));
            return new HistogramChart(WIDTH, HEIGHT, title, bars, lines, labels);
        }
        LatencySummary s = d.summary();
        double upper = niceCeiling(Math.max(s.p99() * 1.25, 0.001));
        long[] counts = d.binCounts(BINS, upper);
        boolean overflow = counts[BINS] > 0;
        double binsRight = overflow ? plotRight - (plotRight - plotLeft) / (BINS + 1) - OVERFLOW_GAP : plotRight;
        double binWidth = (binsRight - plotLeft) / BINS;
        long maxCount = 0;
        for (long c : counts) {
            maxCount = Math.max(maxCount, c);
        }
        double yMax = Math.ceil(niceCeiling(maxCount) / Y_TICKS) * Y_TICKS; // whole counts at every tick
        double yScale = (plotBottom - plotTop) / yMax;
        for (int i = 0; i < BINS; i++) {
            double h = counts[i] * yScale;
            bars.add(new Bar(plotLeft + i * binWidth, plotBottom - h, binWidth, h, false));
        }
        if (overflow) {
            double h = counts[BINS] * yScale;
            double x = binsRight + OVERFLOW_GAP;
            bars.add(new Bar(x, plotBottom - h, binWidth, h, true));
            // a row below the tick labels: the last tick sits right next to this bar
            labels.add(new Label(x + binWidth, plotBottom + 34, "> " + ms(upper), Anchor.END, false));
        }
        for (int t = 0; t <= X_TICKS; t++) {
            double v = upper * t / X_TICKS;
            double x = plotLeft + (binsRight - plotLeft) * t / X_TICKS;
            lines.add(new Line(x, plotBottom, x, plotBottom + 5, false));
            labels.add(new Label(x, plotBottom + 18, ms(v), Anchor.MIDDLE, false));
        }
        for (int t = 0; t <= Y_TICKS; t++) {
            double v = yMax * t / Y_TICKS;
            double y = plotBottom - v * yScale;
            lines.add(new Line(plotLeft - 5, y, plotLeft, y, false));
            labels.add(new Label(plotLeft - 8, y + 4, count(v), Anchor.END, false));
        }
        labels.add(new Label((plotLeft + plotRight) / 2, HEIGHT - 25, "reply latency (ms)", Anchor.MIDDLE, false));
        labels.add(new Label(plotLeft, plotTop - 12, "replies", Anchor.MIDDLE, false));
        marker(lines, labels, "p50", s.p50(), upper, plotLeft, binsRight, plotTop, plotBottom, 0);
        marker(lines, labels, "p95", s.p95(), upper, plotLeft, binsRight, plotTop, plotBottom, 1);
        marker(lines, labels, "p99", s.p99(), upper, plotLeft, binsRight, plotTop, plotBottom, 2);
        labels.add(new Label(plotRight, 52, String.format(Locale.ROOT, "min %s   p50 %s   p95 %s   p99 %s   max %s",
                ms(s.min()), ms(s.p50()), ms(s.p95()), ms(s.p99()), ms(s.max())), Anchor.END, false));
        return new HistogramChart(WIDTH, HEIGHT, title, bars, lines, labels);
    }

    private static void marker(List<Line> lines, List<Label> labels, String name, double value, double upper,
                               double left, double right, double top, double bottom, int row) {
        double x = left + (right - left) * Math.min(value / upper, 1.0);
        lines.add(new Line(x, top, x, bottom, true));
        labels.add(new Label(x + 4, top + 14 + row * 14, name, Anchor.START, false));
    }

    /** The smallest 1, 2 or 5 × 10^k at or above {@code v} (v > 0). */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= v * (1 - 1e-12)) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String ms(double v) {
        if (v == 0) {
            return "0";
        }
        return (v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3f", v)) + " ms";
    }

    private static String count(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
