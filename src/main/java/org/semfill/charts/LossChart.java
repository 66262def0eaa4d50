package org.semfill.charts;

import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.title.TextTitle;
import org.semfill.internal.Check;

/**
 * The training chart of a GAN: losses on top (e.g. "D loss", "G loss") and the discriminator's mean outputs below
 * (e.g. "D(x)" on real images, "D(G(z))" on fakes, both in [0, 1], with a dashed line at 0.5 where D can no longer
 * tell them apart), sharing one x axis of iterations. Long runs are noisy, so from 100 points on each curve is
 * drawn pale as recorded and solid as a moving average ({@link Smoothing}).
 * Series appear in the maps' iteration order: pass a {@link java.util.LinkedHashMap} to fix it.
 */
public final class LossChart {
    private LossChart() {}

    public static final int WIDTH = 900, HEIGHT = 640;

    /** Writes the chart at {@link #WIDTH} x {@link #HEIGHT} with the default smoothing; returns {@code png}. */
    public static Path write(Path png, double[] step, Map<String, double[]> losses, Map<String, double[]> probs) {
        return ChartFiles.savePng(build("Training: losses and discriminator outputs", step, losses, probs,
            step.length >= 100 ? Smoothing.defaultWindow(step.length) : 1), png, WIDTH, HEIGHT);
    }

    /**
     * Builds the chart. Either map may be empty or null (then only the other panel is drawn), not both.
     *
     * @param step   x value of every record, e.g. the iteration number; every series has this length
     * @param window moving-average window; 1 draws the raw values only
     */
    public static JFreeChart build(String title, double[] step, Map<String, double[]> losses,
                                   Map<String, double[]> probs, int window) {
        Check.positive(window, "smoothing window");
        boolean hasLosses = losses != null && !losses.isEmpty(), hasProbs = probs != null && !probs.isEmpty();
        Check.arg(hasLosses || hasProbs, "loss chart needs at least one series");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("iteration"));
        plot.setGap(12);
        int colors = 0;
        if (hasLosses) {
            LineChart top = panel("loss", step, losses, window, colors);
            plot.add(top.buildPlot(), 3);
            colors += losses.size();
        }
        if (hasProbs) {
            LineChart bottom = panel("D output", step, probs, window, colors).yRange(-0.02, 1.02).horizontalLine(0.5);
            plot.add(bottom.buildPlot(), 2);
        }
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, true);
        if (window > 1)
            chart.addSubtitle(new TextTitle("pale: every record; solid: moving average over " + window + " records"));
        return ChartStyle.apply(chart);
    }

    private static LineChart panel(String yLabel, double[] step, Map<String, double[]> values, int window, int firstColor) {
        LineChart panel = new LineChart(null, "iteration", yLabel).firstColor(firstColor);
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            double[] y = e.getValue();
            Check.arg(y.length == step.length,
                "series " + e.getKey() + " has " + y.length + " values but there are " + step.length + " steps");
            if (window > 1) {
                panel.faintLine(e.getKey(), step, y);
                panel.line(e.getKey(), step, Smoothing.movingAverage(y, window));
            } else {
                panel.line(e.getKey(), step, y);
            }
        }
        return panel;
    }
}
