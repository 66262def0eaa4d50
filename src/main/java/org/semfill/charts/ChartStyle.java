package org.semfill.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look of every semfill chart: white background, light grey grid, plain sans-serif fonts large enough
 * to read in a tutorial, a qualitative palette for series and a sequential one for ordered values (contour levels).
 * The builders call {@link #apply(JFreeChart)} last, so code that builds its own JFreeChart can call it too.
 */
public final class ChartStyle {
    private ChartStyle() {}

    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    public static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font AXIS_LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    public static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    public static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font ANNOTATION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    public static final Color AXIS = new Color(0x55, 0x55, 0x55);
    public static final Color TEXT = new Color(0x22, 0x22, 0x22);

    /** Ten distinct colours for series, in order (blue, orange, green, red, purple, brown, pink, grey, olive, cyan). */
    private static final Color[] SERIES = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)
    };

    /** Anchors of the sequential scale, dark blue to orange; it stops before yellow, which vanishes on white. */
    private static final Color[] SEQUENTIAL = {
        new Color(0x1B2A8C), new Color(0x6A2AA8), new Color(0xB7357E), new Color(0xE0603A), new Color(0xE89A1C)
    };

    /** Colour of series number {@code i} (wraps around after ten). */
    public static Color seriesColor(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }

    /** A colour on the sequential scale, {@code t} in [0, 1] (clamped): 0 dark blue, 1 orange. */
    public static Color sequentialColor(double t) {
        double u = Math.max(0, Math.min(1, t)) * (SEQUENTIAL.length - 1);
        int k = Math.min((int) u, SEQUENTIAL.length - 2);
        double f = u - k;
        Color a = SEQUENTIAL[k], b = SEQUENTIAL[k + 1];
        return new Color(
            (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
            (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
            (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** {@code color} with the given opacity in [0, 1]. */
    public static Color withAlpha(Color color, double alpha) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), (int) Math.round(255 * alpha));
    }

    /** A solid line of the given width in pixels with round joins (no spikes on sharp turns). */
    public static Stroke line(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** A dashed line of the given width in pixels. */
    public static Stroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);
    }

    /** Applies the style to the whole chart: background, padding, titles, legend, plot, axes. */
    public static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        // Room on the right so the last tick label of the x axis is never clipped.
        chart.setPadding(new RectangleInsets(6, 6, 6, 14));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE_FONT);
            chart.getTitle().setPaint(TEXT);
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof LegendTitle legend) {
                legend.setItemFont(LEGEND_FONT);
                legend.setItemPaint(TEXT);
                legend.setFrame(BlockBorder.NONE);
                legend.setBackgroundPaint(Color.WHITE);
            } else if (t instanceof TextTitle text) {
                text.setFont(SUBTITLE_FONT);
                text.setPaint(AXIS);
            }
        }
        stylePlot(chart.getPlot());
        return chart;
    }

    private static void stylePlot(Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(GRID.darker());
        if (plot instanceof CombinedDomainXYPlot combined) {
            styleAxis(combined.getDomainAxis());
            for (XYPlot sub : combined.getSubplots()) stylePlot(sub);
        } else if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlineStroke(line(0.8f));
            xy.setRangeGridlineStroke(line(0.8f));
            xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
            for (int i = 0; i < xy.getDomainAxisCount(); i++) styleAxis(xy.getDomainAxis(i));
            for (int i = 0; i < xy.getRangeAxisCount(); i++) styleAxis(xy.getRangeAxis(i));
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(GRID);
            cat.setRangeGridlineStroke(line(0.8f));
            cat.setAxisOffset(RectangleInsets.ZERO_INSETS);
            styleAxis(cat.getDomainAxis());
            for (int i = 0; i < cat.getRangeAxisCount(); i++) styleAxis(cat.getRangeAxis(i));
        }
    }

    private static void styleAxis(Axis axis) {
        if (axis == null) return;
        axis.setLabelFont(AXIS_LABEL_FONT);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(AXIS);
        axis.setTickMarkPaint(AXIS);
        // Wider insets around tick labels make JFreeChart's automatic tick choice pick fewer, calmer ticks.
        if (axis instanceof ValueAxis) axis.setTickLabelInsets(new RectangleInsets(5, 10, 5, 10));
    }
}
