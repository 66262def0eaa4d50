package org.semfill.charts;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;
import org.semfill.internal.Check;

/**
 * Named series of (x, y) pairs as lines (or dots) on one pair of axes, with a legend when there is more than one
 * series. Optional: logarithmic y axis, fixed axis ranges, dashed reference lines.
 *
 * <pre>{@code
 * new LineChart("Standard normal density", "x", "p(x)").line("p(x)", xs, ys).writePng(path, 700, 450);
 * }</pre>
 * {@link #buildPlot()} gives the bare plot, so {@link LossChart} can stack two of them over one x axis.
 */
public final class LineChart {
    private record VerticalLine(double x, String label, int colorIndex) {}
    private record Series(String name, double[] x, double[] y, boolean lines, boolean dots, float width) {}

    private final String title, xLabel, yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Double> horizontalLines = new ArrayList<>();
    private final List<VerticalLine> verticalLines = new ArrayList<>();
    private final List<Series> faint = new ArrayList<>();
    private boolean logY;
    private double[] xRange, yRange;
    private int firstColor;
    private Boolean legend;
    private String subtitle;

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series drawn as a line through its points in the given order; x and y have the same length. */
    public LineChart line(String name, double[] x, double[] y) {
        return add(new Series(name, x, y, true, false, 1.8f));
    }

    /** Adds a series drawn as dots only. */
    public LineChart dots(String name, double[] x, double[] y) {
        return add(new Series(name, x, y, false, true, 1f));
    }

    /**
     * Adds a thin, pale line in the colour of the series named {@code colorOf} (added before or after), left out
     * of the legend: the raw values behind a smoothed curve.
     */
    public LineChart faintLine(String colorOf, double[] x, double[] y) {
        checkXY(colorOf, x, y);
        faint.add(new Series(colorOf, x, y, true, false, 1f));
        return this;
    }

    private LineChart add(Series s) {
        checkXY(s.name, s.x, s.y);
        for (Series other : series)
            Check.arg(!other.name.equals(s.name), "series name used twice: " + s.name);
        series.add(s);
        return this;
    }

    private static void checkXY(String name, double[] x, double[] y) {
        Check.arg(name != null && !name.isEmpty(), "a series needs a name");
        Check.arg(x.length == y.length, "series " + name + ": x has " + x.length + " values but y has " + y.length);
    }

    /** Logarithmic y axis; points with y <= 0 cannot be shown there and are left out. */
    public LineChart logY(boolean on) {
        this.logY = on;
        return this;
    }

    public LineChart xRange(double lo, double hi) {
        Check.arg(lo < hi, "x range must have lo < hi, got " + lo + " .. " + hi);
        this.xRange = new double[] {lo, hi};
        return this;
    }

    public LineChart yRange(double lo, double hi) {
        Check.arg(lo < hi, "y range must have lo < hi, got " + lo + " .. " + hi);
        this.yRange = new double[] {lo, hi};
        return this;
    }

    /** A dashed grey horizontal reference line at {@code y}. */
    public LineChart horizontalLine(double y) {
        horizontalLines.add(y);
        return this;
    }

    /**
     * A dashed vertical line at {@code x} in the colour of series number {@code colorIndex} (-1: grey), with an
     * optional label at its top.
     */
    public LineChart verticalLine(double x, String label, int colorIndex) {
        verticalLines.add(new VerticalLine(x, label, colorIndex));
        return this;
    }

    /** Colour index of the first series (so stacked panels do not reuse colours). */
    public LineChart firstColor(int index) {
        this.firstColor = index;
        return this;
    }

    /** Forces the legend on or off (default: on when there are two or more series). */
    public LineChart legend(boolean on) {
        this.legend = on;
        return this;
    }

    /** A smaller line of text under the title. */
    public LineChart subtitle(String text) {
        this.subtitle = text;
        return this;
    }

    /** The plot alone (axes, series, markers), without title and legend. */
    public XYPlot buildPlot() {
        DefaultXYDataset data = new DefaultXYDataset();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setDrawSeriesLineAsPath(true);
        int index = 0;
        // Faint lines first, so the main series are drawn over them.
        for (Series s : faint) {
            data.addSeries("faint " + index + " " + s.name, visible(s));
            int colorIndex = colorIndexOf(s.name);
            renderer.setSeriesPaint(index, ChartStyle.withAlpha(ChartStyle.seriesColor(colorIndex), 0.25));
            renderer.setSeriesStroke(index, ChartStyle.line(s.width));
            renderer.setSeriesShapesVisible(index, false);
            renderer.setSeriesVisibleInLegend(index, false);
            index++;
        }
        for (int i = 0; i < series.size(); i++, index++) {
            Series s = series.get(i);
            data.addSeries(s.name, visible(s));
            renderer.setSeriesPaint(index, ChartStyle.seriesColor(firstColor + i));
            renderer.setSeriesStroke(index, ChartStyle.line(s.width));
            renderer.setSeriesLinesVisible(index, s.lines);
            renderer.setSeriesShapesVisible(index, s.dots);
            renderer.setSeriesShape(index, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        if (xRange != null) xAxis.setRange(xRange[0], xRange[1]);
        ValueAxis yAxis = yAxis();
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        for (int i = 0; i < verticalLines.size(); i++) {
            VerticalLine v = verticalLines.get(i);
            plot.addDomainMarker(verticalMarker(v.x, v.label, v.colorIndex, i));
        }
        // Leave room at the top for the labels of vertical lines, staggered one text line apart.
        if (verticalLines.stream().anyMatch(v -> v.label != null) && yRange == null)
            yAxis.setUpperMargin(0.06 + 0.06 * verticalLines.size());
        for (double y : horizontalLines) plot.addRangeMarker(new ValueMarker(y, ChartStyle.AXIS, ChartStyle.dashed(1f)));
        return plot;
    }

    private ValueMarker verticalMarker(double x, String label, int colorIndex, int index) {
        Color color = colorIndex < 0 ? ChartStyle.AXIS : ChartStyle.seriesColor(firstColor + colorIndex);
        ValueMarker m = new ValueMarker(x, color, ChartStyle.dashed(1.5f));
        if (label != null) {
            m.setLabel(label);
            m.setLabelFont(ChartStyle.ANNOTATION_FONT);
            m.setLabelPaint(color.darker());
            m.setLabelBackgroundColor(Color.WHITE);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            m.setLabelOffset(new RectangleInsets(6 + 18 * index, 4, 6, 4));
        }
        return m;
    }

    private int colorIndexOf(String name) {
        for (int i = 0; i < series.size(); i++)
            if (series.get(i).name.equals(name)) return firstColor + i;
        throw new IllegalArgumentException("faint line refers to unknown series " + name);
    }

    private ValueAxis yAxis() {
        if (logY) {
            LogAxis axis = new NiceLogAxis(yLabel);
            axis.setSmallestValue(1e-12);
            if (yRange != null) axis.setRange(yRange[0], yRange[1]);
            return axis;
        }
        NumberAxis axis = new NumberAxis(yLabel);
        axis.setAutoRangeIncludesZero(false);
        if (yRange != null) axis.setRange(yRange[0], yRange[1]);
        return axis;
    }

    /** The series as JFreeChart wants it, {x, y}, without the points a log axis cannot show. */
    private double[][] visible(Series s) {
        if (!logY) return new double[][] {s.x.clone(), s.y.clone()};
        int n = 0;
        for (double v : s.y) if (v > 0) n++;
        double[] x = new double[n], y = new double[n];
        for (int i = 0, k = 0; i < s.y.length; i++) {
            if (s.y[i] > 0) {
                x[k] = s.x[i];
                y[k++] = s.y[i];
            }
        }
        return new double[][] {x, y};
    }

    public JFreeChart build() {
        Check.arg(!series.isEmpty(), "line chart '" + title + "' has no series");
        boolean showLegend = legend != null ? legend : series.size() > 1;
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, buildPlot(), showLegend);
        if (subtitle != null) chart.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle));
        return ChartStyle.apply(chart);
    }

    /** Builds the chart and writes it as PNG; returns {@code png}. */
    public Path writePng(Path png, int width, int height) {
        return ChartFiles.savePng(build(), png, width, height);
    }
}
