package org.semfill.charts;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.semfill.internal.Check;

/**
 * One-dimensional samples as black dots on a horizontal line, the y axis hidden: the plainest picture of "a
 * sample from a distribution". Where dots pile up, the density is high. Best drawn wide and short (7:3).
 */
public final class StripChart {
    private StripChart() {}

    public static JFreeChart build(String title, String xLabel, double[] samples, double lo, double hi) {
        Check.arg(lo < hi, "x range must have lo < hi, got " + lo + " .. " + hi);
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries("samples", new double[][] {samples.clone(), new double[samples.length]});
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesPaint(0, Color.BLACK);
        dots.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));

        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setRange(lo, hi);
        NumberAxis yAxis = new NumberAxis();
        yAxis.setRange(-1, 1);
        yAxis.setVisible(false);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, dots);
        plot.setRangeGridlinesVisible(false);
        plot.addRangeMarker(new ValueMarker(0, ChartStyle.AXIS, ChartStyle.line(1f)));
        return ChartStyle.apply(new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false));
    }

    /** Builds the chart and writes it as PNG; returns {@code png}. */
    public static Path writePng(Path png, int width, int height, String title, String xLabel, double[] samples,
                                double lo, double hi) {
        return ChartFiles.savePng(build(title, xLabel, samples, lo, hi), png, width, height);
    }
}
