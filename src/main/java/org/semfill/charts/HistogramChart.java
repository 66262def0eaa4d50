package org.semfill.charts;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultIntervalXYDataset;
import org.jfree.data.xy.DefaultXYDataset;
import org.semfill.internal.Check;

/**
 * Histograms of samples scaled as densities ({@link Histogram}) with density curves drawn over them, and optionally
 * curves against a second y axis on the right. Made for the 1-D GAN picture: the target density, a histogram of the
 * generator's samples, and the discriminator's output D(x) in [0, 1] on the second axis.
 */
public final class HistogramChart {
    private record Bars(String name, Histogram histogram) {}
    private record Curve(String name, double[] x, double[] y) {}

    private final String title, xLabel, densityLabel;
    private final List<Bars> bars = new ArrayList<>();
    private final List<Curve> curves = new ArrayList<>();
    private final List<Curve> secondCurves = new ArrayList<>();
    private String secondLabel;
    private double secondLo, secondHi;
    private double[] xRange;

    public HistogramChart(String title, String xLabel, String densityLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.densityLabel = densityLabel;
    }

    /** Adds a histogram of {@code samples} with {@code bins} equal bins over [lo, hi). */
    public HistogramChart histogram(String name, double[] samples, int bins, double lo, double hi) {
        bars.add(new Bars(name, Histogram.of(samples, bins, lo, hi)));
        return this;
    }

    /** Adds a curve against the density axis (e.g. the true density). */
    public HistogramChart curve(String name, double[] x, double[] y) {
        Check.arg(x.length == y.length, "curve " + name + ": x has " + x.length + " values but y has " + y.length);
        curves.add(new Curve(name, x.clone(), y.clone()));
        return this;
    }

    /**
     * Adds a curve against a second y axis on the right labelled {@code axisLabel} with the fixed range [lo, hi]
     * (e.g. "D(x)", 0, 1). All second-axis curves share that axis; the last label and range given win.
     */
    public HistogramChart secondAxisCurve(String axisLabel, double lo, double hi, String name, double[] x, double[] y) {
        Check.arg(x.length == y.length, "curve " + name + ": x has " + x.length + " values but y has " + y.length);
        Check.arg(lo < hi, "second axis range must have lo < hi, got " + lo + " .. " + hi);
        secondLabel = axisLabel;
        secondLo = lo;
        secondHi = hi;
        secondCurves.add(new Curve(name, x.clone(), y.clone()));
        return this;
    }

    public HistogramChart xRange(double lo, double hi) {
        Check.arg(lo < hi, "x range must have lo < hi, got " + lo + " .. " + hi);
        xRange = new double[] {lo, hi};
        return this;
    }

    public JFreeChart build() {
        Check.arg(!bars.isEmpty() || !curves.isEmpty(), "histogram chart '" + title + "' has nothing to draw");
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        if (xRange != null) xAxis.setRange(xRange[0], xRange[1]);
        NumberAxis densityAxis = new NumberAxis(densityLabel);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(xAxis);
        plot.setRangeAxis(0, densityAxis);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // bars first, curves over them
        int color = 0;

        DefaultIntervalXYDataset barData = new DefaultIntervalXYDataset();
        XYBarRenderer barRenderer = new XYBarRenderer(0);
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(true);
        for (int i = 0; i < bars.size(); i++, color++) {
            barData.addSeries(bars.get(i).name, intervals(bars.get(i).histogram));
            barRenderer.setSeriesPaint(i, ChartStyle.withAlpha(ChartStyle.seriesColor(color), 0.45));
            barRenderer.setSeriesOutlinePaint(i, Color.WHITE);
        }
        plot.setDataset(0, barData);
        plot.setRenderer(0, barRenderer);

        plot.setDataset(1, curveData(curves));
        plot.setRenderer(1, curveRenderer(curves.size(), color));
        color += curves.size();

        if (!secondCurves.isEmpty()) {
            NumberAxis second = new NumberAxis(secondLabel);
            second.setRange(secondLo, secondHi);
            plot.setRangeAxis(1, second);
            plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
            plot.setDataset(2, curveData(secondCurves));
            XYLineAndShapeRenderer r = curveRenderer(secondCurves.size(), color);
            for (int i = 0; i < secondCurves.size(); i++) r.setSeriesStroke(i, ChartStyle.dashed(1.8f));
            plot.setRenderer(2, r);
            plot.mapDatasetToRangeAxis(2, 1);
        }
        return ChartStyle.apply(new JFreeChart(title, ChartStyle.TITLE_FONT, plot, true));
    }

    /** {x, xStart, xEnd, y, yStart, yEnd} for every bin, as DefaultIntervalXYDataset wants it. */
    private static double[][] intervals(Histogram h) {
        int n = h.bins();
        double[][] out = new double[6][n];
        double[] d = h.densities();
        for (int b = 0; b < n; b++) {
            out[1][b] = h.binStart(b);
            out[2][b] = h.binStart(b) + h.binWidth();
            out[0][b] = (out[1][b] + out[2][b]) / 2;
            out[3][b] = d[b];
            out[5][b] = d[b];
        }
        return out;
    }

    private static DefaultXYDataset curveData(List<Curve> list) {
        DefaultXYDataset data = new DefaultXYDataset();
        for (Curve c : list) data.addSeries(c.name, new double[][] {c.x, c.y});
        return data;
    }

    private static XYLineAndShapeRenderer curveRenderer(int n, int firstColor) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(i, ChartStyle.seriesColor(firstColor + i));
            r.setSeriesStroke(i, ChartStyle.line(2f));
        }
        return r;
    }

    /** Builds the chart and writes it as PNG; returns {@code png}. */
    public Path writePng(Path png, int width, int height) {
        return ChartFiles.savePng(build(), png, width, height);
    }
}
