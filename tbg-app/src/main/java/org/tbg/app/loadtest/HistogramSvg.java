package org.tbg.app.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a {@link HistogramChart} as a self-contained HTML page with the chart as inline SVG. */
final class HistogramSvg {
    private HistogramSvg() {}

    static void write(HistogramChart chart, Path file) throws IOException {
        Files.writeString(file, html(chart), StandardCharsets.UTF_8);
    }

    static String html(HistogramChart chart) {
        StringBuilder s = new StringBuilder(16_384);
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(chart.title())).append("</title>\n</head>\n<body style=\"margin:0;background:#fff\">\n");
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">\n",
                chart.width(), chart.height(), chart.width(), chart.height()));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        for (HistogramChart.Bar b : chart.bars()) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                    b.x(), b.y(), Math.max(b.width() - 1, 1), b.height(), b.overflow() ? "#e07b39" : "#4682b4"));
        }
        for (HistogramChart.Line l : chart.lines()) {
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
                    l.x1(), l.y1(), l.x2(), l.y2(), l.marker() ? "#c0392b" : "#000000",
                    l.marker() ? " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"" : ""));
        }
        for (HistogramChart.Label t : chart.labels()) {
            String anchor = switch (t.anchor()) {
                case START -> "start";
                case MIDDLE -> "middle";
                case END -> "end";
            };
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>\n",
                    t.x(), t.y(), anchor, t.heading() ? " font-size=\"15\" font-weight=\"bold\"" : "", escape(t.text())));
        }
        s.append("</svg>\n</body>\n</html>\n");
        return s.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
