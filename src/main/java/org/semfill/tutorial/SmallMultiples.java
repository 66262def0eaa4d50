package org.semfill.tutorial;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Size2D;
import org.jfree.data.Range;
import org.semfill.charts.ChartStyle;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Check;
import org.semfill.internal.UserError;

/**
 * Several charts of the same kind side by side in one PNG ("small multiples", E. Tufte): a title on top, the
 * panels row by row, and one legend at the bottom shared by all of them (taken from the first panel; the panels'
 * own legends are removed). The panels should use the same series in the same order and the same axis ranges, so
 * the eye compares only what changes.
 *
 * <p>This composes finished JFreeCharts as images, so it lives beside the chapter that needs it; it could
 * move to {@code org.semfill.charts} if other chapters want it.
 */
final class SmallMultiples {
    private SmallMultiples() {}

    private static final int TITLE_HEIGHT = 34, LEGEND_PAD = 8;

    /**
     * Renders {@code panels} in a grid of {@code columns}, each {@code panelWidth} x {@code panelHeight} pixels,
     * and writes it as PNG to {@code png} (atomically, creating folders). Returns {@code png}.
     */
    static Path writePng(Path png, String title, List<JFreeChart> panels, int columns, int panelWidth, int panelHeight) {
        Check.arg(!panels.isEmpty(), "small multiples need at least one panel");
        Check.positive(columns, "columns");
        LegendTitle legend = panels.get(0).getLegend();
        for (JFreeChart p : panels) p.removeLegend();
        int rows = (panels.size() + columns - 1) / columns;
        int width = columns * panelWidth;

        // Measure the legend on a scratch graphics so the image can be made tall enough for it.
        int legendHeight = 0;
        if (legend != null) {
            Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            Size2D size = legend.arrange(scratch, legendSpace(width));
            scratch.dispose();
            legendHeight = (int) Math.ceil(size.getHeight()) + 2 * LEGEND_PAD;
        }
        int height = TITLE_HEIGHT + rows * panelHeight + legendHeight;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(ChartStyle.TITLE_FONT.deriveFont(17f));
            g.setColor(ChartStyle.TEXT);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, (width - fm.stringWidth(title)) / 2, (TITLE_HEIGHT + fm.getAscent() - fm.getDescent()) / 2 + 2);
            for (int i = 0; i < panels.size(); i++) {
                int x = (i % columns) * panelWidth, y = TITLE_HEIGHT + (i / columns) * panelHeight;
                panels.get(i).draw(g, new Rectangle2D.Double(x, y, panelWidth, panelHeight));
            }
            if (legend != null) {
                Size2D size = legend.arrange(g, legendSpace(width));
                double lx = (width - size.getWidth()) / 2, ly = TITLE_HEIGHT + rows * panelHeight + LEGEND_PAD;
                legend.draw(g, new Rectangle2D.Double(lx, ly, size.getWidth(), size.getHeight()));
            }
        } finally {
            g.dispose();
        }
        try {
            AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
        } catch (IOException e) {
            throw new UserError("cannot write chart " + png + ": " + e.getMessage()
                + " (check that the folder is writable and the disk is not full)", e);
        }
        return png;
    }

    /** Up to the image's width (less padding) and any sensible height: the legend wraps into rows as needed. */
    private static RectangleConstraint legendSpace(int width) {
        return new RectangleConstraint(new Range(0, width - 2.0 * LEGEND_PAD), new Range(0, 400));
    }
}
