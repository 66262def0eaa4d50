package org.semfill.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleInsets;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Check;
import org.semfill.internal.UserError;

/**
 * Writing charts to disk, headless. A PNG is written atomically (temporary file in the same folder, then a
 * rename, via {@link AtomicFiles}), so a reader never sees half an image.
 *
 * <p>No SVG: the usual exporter (JFreeSVG) is GPL-licensed and semfill keeps its dependencies permissive.
 */
public final class ChartFiles {
    private ChartFiles() {}

    /** Largest side we agree to render, in pixels (a typo such as 80000 would otherwise exhaust memory). */
    public static final int MAX_SIDE = 10_000;

    /**
     * Renders {@code chart} at {@code width} x {@code height} pixels and writes it as PNG to {@code png}, creating
     * missing parent folders.
     *
     * @throws UserError when the file cannot be written (the message names the file)
     */
    public static Path savePng(JFreeChart chart, Path png, int width, int height) {
        checkSize(width, height);
        try {
            AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
        } catch (IOException e) {
            throw new UserError("cannot write chart " + png + ": " + e.getMessage()
                + " (check that the folder is writable and the disk is not full)", e);
        }
        return png;
    }

    /** Renders {@code chart} into a new image (for tests, or to paste a chart into a bigger picture). */
    public static BufferedImage render(JFreeChart chart, int width, int height) {
        checkSize(width, height);
        return chart.createBufferedImage(width, height);
    }

    /**
     * Pads the plot of {@code chart} left/right or top/bottom so that, drawn at {@code width} x {@code height},
     * one unit on the x axis is as long on screen as one unit on the y axis: circles stay round, which matters
     * for the contours of a density. The axis ranges must be fixed (not auto) before calling this.
     * Only for a chart whose plot is a plain {@link XYPlot}.
     */
    public static void fitEqualAspect(JFreeChart chart, int width, int height) {
        checkSize(width, height);
        Check.arg(chart.getPlot() instanceof XYPlot, "equal aspect needs an XYPlot, got " + chart.getPlot().getPlotType());
        XYPlot plot = chart.getXYPlot();
        ValueAxis xAxis = plot.getDomainAxis(), yAxis = plot.getRangeAxis();
        RectangleInsets base = plot.getInsets();
        double top = base.getTop(), left = base.getLeft(), bottom = base.getBottom(), right = base.getRight();
        // Tick labels may change with the plot's size, so measure again after padding (twice is plenty).
        for (int pass = 0; pass < 3; pass++) {
            Rectangle2D area = dataArea(chart, width, height);
            double xScale = area.getWidth() / xAxis.getRange().getLength();   // pixels per unit
            double yScale = area.getHeight() / yAxis.getRange().getLength();
            double extraWidth = area.getWidth() - yScale * xAxis.getRange().getLength();
            double extraHeight = area.getHeight() - xScale * yAxis.getRange().getLength();
            if (extraWidth > 0.5) {
                left += extraWidth / 2;
                right += extraWidth / 2;
            } else if (extraHeight > 0.5) {
                top += extraHeight / 2;
                bottom += extraHeight / 2;
            } else {
                break;
            }
            plot.setInsets(new RectangleInsets(top, left, bottom, right));
        }
    }

    /** The rectangle (in pixels) where the data of {@code chart} lands when drawn at the given size. */
    static Rectangle2D dataArea(JFreeChart chart, int width, int height) {
        BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
            return info.getPlotInfo().getDataArea();
        } finally {
            g.dispose();
        }
    }

    private static void checkSize(int width, int height) {
        Check.arg(width > 0 && height > 0 && width <= MAX_SIDE && height <= MAX_SIDE,
            "chart size must be between 1 and " + MAX_SIDE + " pixels per side, got " + width + " x " + height);
    }
}
