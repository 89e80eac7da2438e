package org.tbg.app.loadtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Draws a {@link HistogramChart} into a PNG with Java2D (headless). */
final class HistogramPng {
    static final Color BAR = new Color(0x4682b4);
    static final Color OVERFLOW = new Color(0xe07b39);
    static final Color MARKER = new Color(0xc0392b);

    private HistogramPng() {}

    static void write(HistogramChart chart, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true"); // a CLI must not need a display
        BufferedImage image = new BufferedImage(chart.width(), chart.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, chart.width(), chart.height());
            for (HistogramChart.Bar b : chart.bars()) {
                g.setColor(b.overflow() ? OVERFLOW : BAR);
                g.fill(new Rectangle2D.Double(b.x(), b.y(), Math.max(b.width() - 1, 1), b.height()));
            }
            BasicStroke solid = new BasicStroke(1f);
            BasicStroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
            for (HistogramChart.Line l : chart.lines()) {
                g.setColor(l.marker() ? MARKER : Color.BLACK);
                g.setStroke(l.marker() ? dashed : solid);
                g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
            }
            Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            Font heading = new Font(Font.SANS_SERIF, Font.BOLD, 15);
            g.setColor(Color.BLACK);
            for (HistogramChart.Label t : chart.labels()) {
                g.setFont(t.heading() ? heading : plain);
                FontMetrics m = g.getFontMetrics();
                double w = m.stringWidth(t.text());
                double x = switch (t.anchor()) {
                    case START -> t.x();
                    case MIDDLE -> t.x() - w / 2;
                    case END -> t.x() - w;
                };
                g.drawString(t.text(), (float) x, (float) t.y());
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }
}
