package org.semfill.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;
import org.semfill.internal.Check;

/**
 * Labelled contour lines of a function on a grid (traced by {@link MarchingSquares}, coloured dark blue for the
 * lowest level to orange for the highest), with optional scatter points (black dots), vertical lines and marked,
 * labelled points. JFreeChart 1.5 has no contour plot, so the lines are {@link XYShapeAnnotation}s drawn behind the
 * points and the level labels are {@link XYTextAnnotation}s on a white patch that interrupts their line.
 *
 * <pre>{@code
 * new ContourChart("2-D standard normal", "x", "y").grid(xs, ys, density).points("200 samples", sx, sy)
 *     .writePng(path, 640, 640);
 * }</pre>
 */
public final class ContourChart {
    private record Points(String name, double[] x, double[] y) {}
    private record Mark(double x, double y, String legend, String label) {}
    private record Vertical(double x, String label) {}

    private static final int LEVEL_TARGET = 7; // round levels to aim for when they are chosen automatically

    private final String title, xLabel, yLabel;
    private double[] xs, ys;
    private double[][] z;           // (ys.length, xs.length)
    private double[] levels;        // null: chosen by ContourLevels
    private double[] range;         // {xlo, xhi, ylo, yhi}; null: the grid's extent
    private String subtitle;
    private final List<Points> points = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private final List<Vertical> verticals = new ArrayList<>();

    public ContourChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** The function to contour: {@code z[iy][ix]} is its value at ({@code xs[ix]}, {@code ys[iy]}). */
    public ContourChart grid(double[] xs, double[] ys, double[][] z) {
        Check.arg(z.length == ys.length, "z has " + z.length + " rows but there are " + ys.length + " y values");
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.z = z;
        return this;
    }

    /** Draws exactly these levels (default: round levels from {@link ContourLevels}). */
    public ContourChart levels(double... levels) {
        Check.arg(levels.length > 0, "give at least one contour level");
        this.levels = levels.clone();
        return this;
    }

    /** Adds scatter points, drawn as black dots. */
    public ContourChart points(String name, double[] x, double[] y) {
        Check.arg(x.length == y.length, "points " + name + ": x has " + x.length + " values but y has " + y.length);
        points.add(new Points(name, x.clone(), y.clone()));
        return this;
    }

    /** Adds a black vertical line at {@code x} with a short label at its top (label may be null). */
    public ContourChart verticalLine(double x, String label) {
        verticals.add(new Vertical(x, label));
        return this;
    }

    /** Marks (x, y) with a large red dot named {@code legend} in the legend and {@code label} written beside it. */
    public ContourChart mark(double x, double y, String legend, String label) {
        marks.add(new Mark(x, y, legend, label));
        return this;
    }

    /** Visible axis ranges (default: the grid's extent). */
    public ContourChart range(double xlo, double xhi, double ylo, double yhi) {
        Check.arg(xlo < xhi && ylo < yhi, "contour ranges must have lo < hi");
        range = new double[] {xlo, xhi, ylo, yhi};
        return this;
    }

    /** A smaller line of text under the title. */
    public ContourChart subtitle(String text) {
        this.subtitle = text;
        return this;
    }

    /** The levels that will be drawn. */
    public double[] levels() {
        checkGrid();
        if (levels != null) return levels.clone();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isNaN(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        Check.arg(lo < hi, "the function to contour is constant (or all NaN): nothing to draw");
        return ContourLevels.nice(lo, hi, LEVEL_TARGET);
    }

    /** Every traced line, level by level (lowest first). */
    public List<ContourLine> lines() {
        List<ContourLine> out = new ArrayList<>();
        for (double level : levels()) out.addAll(MarchingSquares.trace(xs, ys, z, level));
        return out;
    }

    private void checkGrid() {
        Check.arg(z != null, "contour chart '" + title + "' has no grid: call grid(xs, ys, z) first");
    }

    public JFreeChart build() {
        checkGrid();
        double[] r = range != null ? range : new double[] {xs[0], xs[xs.length - 1], ys[0], ys[ys.length - 1]};
        DefaultXYDataset data = new DefaultXYDataset();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        int s = 0;
        for (Points p : points) {
            data.addSeries(p.name, new double[][] {p.x, p.y});
            renderer.setSeriesPaint(s, Color.BLACK);
            renderer.setSeriesShape(s++, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        for (Mark m : marks) {
            data.addSeries(m.legend, new double[][] {{m.x}, {m.y}});
            renderer.setSeriesPaint(s, ChartStyle.seriesColor(3));
            renderer.setSeriesShape(s++, new Ellipse2D.Double(-6, -6, 12, 12));
        }
        NumberAxis xAxis = new NumberAxis(xLabel), yAxis = new NumberAxis(yLabel);
        xAxis.setRange(r[0], r[1]);
        yAxis.setRange(r[2], r[3]);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);

        LabelPlacer placer = new LabelPlacer(r[0], r[1], r[2], r[3]);
        for (Points p : points) placer.avoidDots(p.x, p.y);
        for (Mark m : marks) placer.avoidPoint(m.x, m.y);
        for (Vertical v : verticals) placer.avoidVerticalLine(v.x);
        double[] lv = levels();
        double labelStep = levelStep(lv);
        Font labelFont = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        for (int k = 0; k < lv.length; k++) {
            Color color = ChartStyle.sequentialColor(lv.length == 1 ? 0 : k / (lv.length - 1.0));
            for (ContourLine line : MarchingSquares.trace(xs, ys, z, lv[k])) {
                renderer.addAnnotation(new XYShapeAnnotation(path(line), ChartStyle.line(1.5f), color), Layer.BACKGROUND);
                double[] at = placer.place(line);
                if (at == null) continue;
                XYTextAnnotation label = new XYTextAnnotation(ContourLevels.label(lv[k], labelStep), at[0], at[1]);
                label.setFont(labelFont);
                label.setPaint(color);
                label.setBackgroundPaint(ChartStyle.withAlpha(Color.WHITE, 0.85));
                plot.addAnnotation(label);
            }
        }
        for (Vertical v : verticals) plot.addDomainMarker(verticalMarker(v, r));
        for (Mark m : marks) if (m.label != null) plot.addAnnotation(markLabel(m, r));

        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, !points.isEmpty() || !marks.isEmpty());
        if (subtitle != null) chart.addSubtitle(new TextTitle(subtitle));
        return ChartStyle.apply(chart);
    }

    /** The spacing of the levels (for label decimals); for hand-picked uneven levels the smallest gap. */
    private static double levelStep(double[] levels) {
        double step = Double.POSITIVE_INFINITY;
        for (int i = 1; i < levels.length; i++) step = Math.min(step, Math.abs(levels[i] - levels[i - 1]));
        if (levels.length == 1 || step == 0) step = Math.abs(levels[0]) > 0 ? Math.abs(levels[0]) : 1;
        // Round to the 1-2-2.5-5 series' precision so 0.06 - 0.04 = 0.019999... still reads as 0.02.
        return new java.math.BigDecimal(step).round(new java.math.MathContext(3)).doubleValue();
    }

    private static Path2D path(ContourLine line) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(line.x()[0], line.y()[0]);
        for (int i = 1; i < line.size(); i++) p.lineTo(line.x()[i], line.y()[i]);
        if (line.closed()) p.closePath();
        return p;
    }

    /** The line and its label: right of the line, or left of it near the right edge, where the plot would cut it off. */
    private static ValueMarker verticalMarker(Vertical v, double[] r) {
        ValueMarker marker = new ValueMarker(v.x, Color.BLACK, new BasicStroke(2f));
        if (v.label != null) {
            boolean rightSide = v.x < r[0] + 0.7 * (r[1] - r[0]); // as markLabel decides
            marker.setLabel(v.label);
            marker.setLabelFont(ChartStyle.ANNOTATION_FONT);
            marker.setLabelPaint(Color.BLACK);
            marker.setLabelBackgroundColor(Color.WHITE);
            marker.setLabelAnchor(rightSide ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(rightSide ? TextAnchor.TOP_LEFT : TextAnchor.TOP_RIGHT);
            marker.setLabelOffset(new RectangleInsets(6, 4, 6, 4));
        }
        return marker;
    }

    /** The text beside a marked point, placed right of it unless the point is near the right edge. */
    private static XYTextAnnotation markLabel(Mark m, double[] r) {
        boolean rightSide = m.x < r[0] + 0.7 * (r[1] - r[0]);
        double dx = 0.025 * (r[1] - r[0]) * (rightSide ? 1 : -1), dy = 0.025 * (r[3] - r[2]);
        XYTextAnnotation label = new XYTextAnnotation(m.label, m.x + dx, m.y + dy);
        label.setTextAnchor(rightSide ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT);
        label.setFont(ChartStyle.ANNOTATION_FONT.deriveFont(Font.BOLD));
        label.setPaint(ChartStyle.seriesColor(3).darker());
        label.setBackgroundPaint(ChartStyle.withAlpha(Color.WHITE, 0.85));
        return label;
    }

    /** Builds the chart with one unit as long on x as on y (circles stay round) and writes it as PNG. */
    public Path writePng(Path png, int width, int height) {
        JFreeChart chart = build();
        ChartFiles.fitEqualAspect(chart, width, height);
        return ChartFiles.savePng(chart, png, width, height);
    }
}
