package org.semfill.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each builder writes a readable PNG of the asked size, and the numbers behind the chart are the ones given. */
class ChartBuildersTest {
    @TempDir Path dir;

    @Test
    void lineChartWithLogAxisDropsNonPositivePoints() throws IOException {
        LineChart c = new LineChart("loss", "step", "value").logY(true)
            .line("a", new double[] {0, 1, 2, 3}, new double[] {1, 0.1, 0, 0.01})
            .dots("b", new double[] {0, 1}, new double[] {2, 3});
        XYPlot plot = c.buildPlot();
        assertEquals(3, plot.getDataset().getItemCount(0), "y = 0 cannot be drawn on a log axis");
        assertEquals(2, plot.getDataset().getItemCount(1));
        ChartFilesTest.assertPng(c.writePng(dir.resolve("line.png"), 500, 300), 500, 300);
        assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y").line("a", new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class,
            () -> new LineChart("t", "x", "y").line("a", new double[1], new double[1]).line("a", new double[1], new double[1]));
    }

    @Test
    void lossChartStacksLossesAboveDiscriminatorOutputs() throws IOException {
        int n = 600;
        Random rnd = new Random(1);
        double[] step = new double[n], d = new double[n], g = new double[n], dx = new double[n], dgz = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = i;
            d[i] = 1.3 * Math.exp(-i / 300.0) + 0.2 * rnd.nextGaussian();
            g[i] = 0.8 + 1.5 * (1 - Math.exp(-i / 200.0)) + 0.3 * rnd.nextGaussian();
            dx[i] = Math.min(1, Math.max(0, 0.6 + 0.2 * (1 - Math.exp(-i / 200.0)) + 0.1 * rnd.nextGaussian()));
            dgz[i] = Math.min(1, Math.max(0, 0.4 - 0.25 * (1 - Math.exp(-i / 200.0)) + 0.1 * rnd.nextGaussian()));
        }
        Map<String, double[]> losses = new LinkedHashMap<>(), probs = new LinkedHashMap<>();
        losses.put("D loss", d);
        losses.put("G loss", g);
        probs.put("D(x)", dx);
        probs.put("D(G(z))", dgz);
        Path png = LossChart.write(dir.resolve("loss.png"), step, losses, probs);
        ChartFilesTest.assertPng(png, LossChart.WIDTH, LossChart.HEIGHT);

        JFreeChart chart = LossChart.build("t", step, losses, probs, 12);
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getPlot();
        assertEquals(2, plot.getSubplots().size());
        XYPlot top = plot.getSubplots().get(0), bottom = plot.getSubplots().get(1);
        assertEquals(4, top.getDataset().getSeriesCount(), "raw + smoothed for each loss");
        assertEquals("D loss", top.getDataset().getSeriesKey(2));
        assertEquals(0, bottom.getRangeAxis().getLowerBound(), 0.05);
        assertEquals(1, bottom.getRangeAxis().getUpperBound(), 0.05);
        assertEquals(4, chart.getXYPlot().getLegendItems().getItemCount(), "one legend entry per series, none for raw lines");

        // Only losses: one panel.
        assertEquals(1, ((CombinedDomainXYPlot) LossChart.build("t", step, losses, null, 1).getPlot()).getSubplots().size());
        assertThrows(IllegalArgumentException.class, () -> LossChart.build("t", new double[3], losses, null, 1));
    }

    @Test
    void barChartHasOneValuePerSeriesAndCategory() throws IOException {
        BarChart c = new BarChart("PSNR", "region", "PSNR (dB)", List.of("hole", "whole image"))
            .series("ours", 21.3, 30.8).series("mean fill", 14.2, 24.0).series("harmonic", 18.9, 28.1);
        JFreeChart chart = c.build();
        var data = chart.getCategoryPlot().getDataset();
        assertEquals(3, data.getRowCount());
        assertEquals(2, data.getColumnCount());
        assertEquals(24.0, data.getValue("mean fill", "whole image").doubleValue(), 0);
        ChartFilesTest.assertPng(c.writePng(dir.resolve("bar.png"), 700, 450), 700, 450);
        assertThrows(IllegalArgumentException.class, () -> c.series("short", 1.0));
    }

    @Test
    void histogramChartOverlaysDensityAndSecondAxis() throws IOException {
        Random rnd = new Random(3);
        double[] samples = new double[2000];
        for (int i = 0; i < samples.length; i++) samples[i] = 1 + 0.5 * rnd.nextGaussian();
        double[] x = MarchingSquaresTest.linspace(-1, 3, 200), pdf = new double[200], dx = new double[200];
        for (int i = 0; i < 200; i++) {
            pdf[i] = Math.exp(-2 * (x[i] - 1) * (x[i] - 1)) / Math.sqrt(Math.PI / 2);
            dx[i] = 1 / (1 + Math.exp(-3 * (x[i] - 1)));
        }
        HistogramChart c = new HistogramChart("1-D GAN", "x", "density")
            .histogram("generator samples", samples, 40, -1, 3).curve("target density", x, pdf)
            .secondAxisCurve("D(x)", 0, 1, "discriminator D(x)", x, dx).xRange(-1, 3);
        XYPlot plot = c.build().getXYPlot();
        assertEquals(40, plot.getDataset(0).getItemCount(0));
        assertEquals(2, plot.getRangeAxisCount());
        assertEquals(1, plot.getRangeAxis(1).getUpperBound(), 0);
        ChartFilesTest.assertPng(c.writePng(dir.resolve("hist.png"), 720, 450), 720, 450);
    }

    @Test
    void stripChartHidesTheYAxis() throws IOException {
        JFreeChart chart = StripChart.build("samples", "x", new double[] {-1, 0, 0.5}, -3, 3);
        assertTrue(!chart.getXYPlot().getRangeAxis().isVisible());
        assertEquals(3, chart.getXYPlot().getDataset().getItemCount(0));
        ChartFilesTest.assertPng(StripChart.writePng(dir.resolve("strip.png"), 700, 300, "s", "x",
            new double[] {-1, 0, 0.5}, -3, 3), 700, 300);
    }

    @Test
    void contourChartLabelsItsLevelsAndMarksThePoint() throws IOException {
        double[] g = MarchingSquaresTest.linspace(-3, 3, 121);
        double[][] z = MarchingSquaresTest.sample(g, g, (x, y) -> Math.exp(-(x * x + y * y) / 2) / (2 * Math.PI));
        ContourChart c = new ContourChart("normal", "x", "y").grid(g, g, z)
            .points("dots", new double[] {0, 1}, new double[] {0, 1})
            .verticalLine(1, "x = 1").mark(1, 0, "best y", "y* = 0");
        double[] levels = c.levels();
        assertEquals(7, levels.length);
        assertEquals(7, c.lines().size(), "one circle per level");
        for (ContourLine line : c.lines()) {
            double r = Math.sqrt(2 * Math.log(1 / (2 * Math.PI * line.level())));
            for (int i = 0; i < line.size(); i++) assertEquals(r, Math.hypot(line.x()[i], line.y()[i]), 0.01);
        }
        XYPlot plot = c.build().getXYPlot();
        long labels = plot.getAnnotations().stream().filter(a -> a instanceof XYTextAnnotation).count();
        assertEquals(levels.length + 1, labels, "a label per level plus the marked point's");
        for (XYAnnotation a : plot.getAnnotations()) {
            if (a instanceof XYTextAnnotation t && !t.getText().startsWith("y*"))
                assertTrue(Math.abs(t.getX() - 1) > 0.05, "no level label on the vertical line: " + t.getText());
        }
        assertEquals(1, plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size());
        ChartFilesTest.assertPng(c.writePng(dir.resolve("contour.png"), 600, 640), 600, 640);
    }
}
