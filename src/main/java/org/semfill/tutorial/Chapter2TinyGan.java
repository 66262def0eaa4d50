package org.semfill.tutorial;

import static org.semfill.tutorial.NumberText.fixed;
import static org.semfill.tutorial.NumberText.num;

import java.awt.Color;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.semfill.charts.ChartFiles;
import org.semfill.charts.ChartStyle;
import org.semfill.charts.HistogramChart;
import org.semfill.charts.LossChart;
import org.semfill.charts.Smoothing;
import org.semfill.internal.Progress;

/**
 * Tutorial chapter 2: a GAN learns a distribution you can see (tutorials/02-gan-1d.md).
 *
 * <p>Before a DCGAN learns the distribution of images (step 2 of B. Amos, "Image Completion with Deep Learning in
 * TensorFlow", 2016), a GAN (Goodfellow et al. 2014) of two tiny multilayer perceptrons learns a 1-D distribution
 * we can draw: an equal mixture of N(-2, 0.5²) and N(2, 0.5²). Two modes make mode coverage visible. The charts
 * show the target density, a histogram of the generator's samples and the discriminator's output D(x) at several
 * moments of training, and the losses, which settle at log 4 (D) and log 2 (G) where G matches the target.
 *
 * <p>Run: {@code ./semfill tutorial 2}, or {@code java --add-modules jdk.incubator.vector -cp target/semfill.jar org.semfill.tutorial.Chapter2TinyGan
 * [outDir [seed]]}. Takes a few seconds.
 */
public final class Chapter2TinyGan {
    private Chapter2TinyGan() {}

    public static final long DEFAULT_SEED = 0;
    /** The training steps shown in the small multiple (the last is the end of training). */
    static final int[] SNAPSHOT_STEPS = {0, 200, 1000, 3000};
    /** The x range of every picture. */
    public static final double X_LO = -4.5, X_HI = 4.5;
    static final int BINS = 90;
    /** Density axis of every panel: fixed so the panels compare; a taller spike is cut off (and said so). */
    static final double DENSITY_MAX = 1.0;

    static final String USAGE = "Chapter2TinyGan [charts folder (charts)] [seed (" + DEFAULT_SEED + ")]";

    public static void main(String[] args) {
        ChapterArgs.chartsFolderAndSeed(USAGE, DEFAULT_SEED, args, Chapter2TinyGan::run);
    }

    /** Trains, writes the chapter's charts into {@code outDir} silently, and returns their paths. */
    public static List<Path> run(Path outDir, long seed) {
        return run(outDir, seed, null);
    }

    /** Trains with {@link TinyGanConfig#DEFAULT} and the given seed (what the charts and the tests use). */
    public static TinyGanRun train(long seed, Progress progress) {
        return TinyGanRun.train(TinyGanConfig.DEFAULT, seed, SNAPSHOT_STEPS, X_LO, X_HI, progress);
    }

    /** Trains, writes the charts, and prints one line per chart and the final numbers to {@code log} (may be null). */
    public static List<Path> run(Path outDir, long seed, PrintStream log) {
        TinyGanRun run;
        if (log != null) {
            log.println("training a tiny GAN on " + TinyGanConfig.DEFAULT.target() + " for " + TinyGanConfig.DEFAULT.steps()
                + " steps (seed " + seed + ")");
            try (Progress p = log == System.out ? Progress.start("gan-1d", TinyGanConfig.DEFAULT.steps(), "steps")
                    : Progress.plain("gan-1d", TinyGanConfig.DEFAULT.steps(), "steps", log)) {
                run = train(seed, p);
            }
        } else {
            run = train(seed, null);
        }
        List<Path> written = writeCharts(run, outDir);
        if (log != null) {
            log.println(written.get(0) + "  target density, histogram of G's samples and D(x) after "
                + stepsList() + " training steps: G moves onto both modes and D(x) flattens towards 1/2");
            log.println(written.get(1) + "  D and G losses per step (settling at log 4 and log 2) and D's mean output"
                + " on real and fake samples (settling at 1/2)");
            printNumbers(run, log);
        }
        return written;
    }

    /** Draws {@code run} into {@code outDir}: gan1d-training.png, then gan1d-losses.png. */
    static List<Path> writeCharts(TinyGanRun run, Path outDir) {
        return List.of(writeTrainingPanels(run, outDir.resolve("gan1d-training.png")),
            writeLosses(run, outDir.resolve("gan1d-losses.png")));
    }

    /** The final numbers, generated vs target. */
    static void printNumbers(TinyGanRun run, PrintStream log) {
        NormalMixture target = run.config().target();
        SampleStats s = run.finalStats();
        StringBuilder t = new StringBuilder("target:    " + target + ": mean " + num(target.mean()) + ", std " + num(target.std()));
        for (int k = 0; target.components() > 1 && k < target.components(); k++) {
            t.append(k == 0 ? "; " : ", ").append(fixed(100 * target.weight(k), 0)).append("% near ")
                .append(num(target.componentMean(k))).append(" with std ").append(num(target.componentStd(k)));
        }
        log.println(t);
        log.println("generated: " + s.describe(target) + "  (" + s.n() + " samples)");
        log.println("distance from the target (total variation over " + BINS + " bins on [" + num(X_LO) + ", " + num(X_HI)
            + "]): " + fixed(distance(run.finalSamples(), target), 3) + "  (0 = same histogram, 1 = no overlap;"
            + " perfect samples score about 0.02 by chance)");
        TinyGanRun.Snapshot last = run.snapshots().get(run.snapshots().size() - 1);
        StringBuilder d = new StringBuilder("D(x) at the end:");
        for (int k = 0; k < target.components(); k++) {
            double m = target.componentMean(k);
            d.append(" D(").append(num(m)).append(") = ").append(fixed(valueAt(last, m), 3)).append(';');
        }
        double mid = (target.componentMean(0) + target.componentMean(target.components() - 1)) / 2;
        d.append(" D(").append(num(mid)).append(") = ").append(fixed(valueAt(last, mid), 3));
        log.println(d);
        log.println("losses over the last 200 steps: D " + fixed(TinyGanRun.tailMean(run.dLoss(), 200), 3)
            + " (log 4 = " + fixed(StrictMath.log(4), 3) + "), G " + fixed(TinyGanRun.tailMean(run.gLoss(), 200), 3)
            + " (log 2 = " + fixed(StrictMath.log(2), 3) + ")");
    }

    /** The total variation distance between samples and target on the chapter's bins ({@link SampleStats#totalVariation}). */
    public static double distance(float[] samples, NormalMixture target) {
        return SampleStats.totalVariation(samples, target, BINS, X_LO, X_HI);
    }

    /** D at x, read off the snapshot's curve by linear interpolation. */
    public static double valueAt(TinyGanRun.Snapshot s, double x) {
        double[] xs = s.x(), d = s.d();
        if (x <= xs[0]) return d[0];
        for (int i = 1; i < xs.length; i++) {
            if (x <= xs[i]) {
                double t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
                return d[i - 1] + t * (d[i] - d[i - 1]);
            }
        }
        return d[d.length - 1];
    }

    private static Path writeTrainingPanels(TinyGanRun run, Path png) {
        NormalMixture target = run.config().target();
        double[] xs = run.snapshots().get(0).x();
        double[] density = new double[xs.length];
        for (int i = 0; i < xs.length; i++) density[i] = target.density(xs[i]);
        List<JFreeChart> panels = new ArrayList<>();
        for (TinyGanRun.Snapshot s : run.snapshots()) {
            double[] samples = new double[s.samples().length];
            for (int i = 0; i < samples.length; i++) samples[i] = s.samples()[i];
            JFreeChart chart = new HistogramChart(s.step() == 0 ? "step 0 (before training)" : "after " + s.step() + " steps",
                    "x", "density")
                .histogram("samples of G, as a density", samples, BINS, X_LO, X_HI)
                .curve("target density p(x)", xs, density)
                .secondAxisCurve("D(x)", 0, 1, "D(x): D's probability that x is real", s.x(), s.d())
                .xRange(X_LO, X_HI)
                .build();
            XYPlot plot = chart.getXYPlot();
            plot.getRangeAxis(0).setRange(0, DENSITY_MAX);
            ValueMarker half = new ValueMarker(0.5, ChartStyle.AXIS, ChartStyle.dashed(0.8f));
            plot.addRangeMarker(2, half, Layer.BACKGROUND); // renderer 2 draws on the D(x) axis
            SampleStats st = SampleStats.of(s.samples(), target);
            String sub = "G: mean " + fixed(st.mean(), 2) + ", std " + fixed(st.std(), 2);
            if (target.components() > 1) sub += ";  " + fixed(100 * st.modeFraction()[0], 0) + "% left, "
                + fixed(100 * st.modeFraction()[1], 0) + "% right";
            if (maxHistogramDensity(samples) > DENSITY_MAX) sub += "  (histogram cut off at " + num(DENSITY_MAX) + ")";
            chart.addSubtitle(new TextTitle(sub));
            ChartStyle.apply(chart);
            panels.add(chart);
        }
        String title = "A GAN learns " + target + "  (target mean " + num(target.mean()) + ", std " + fixed(target.std(), 2)
            + "; dashed grey line: D = 1/2)";
        return SmallMultiples.writePng(png, title, panels, 2, 560, 380);
    }

    private static double maxHistogramDensity(double[] samples) {
        double[] d = org.semfill.charts.Histogram.of(samples, BINS, X_LO, X_HI).densities();
        double m = 0;
        for (double v : d) m = Math.max(m, v);
        return m;
    }

    private static Path writeLosses(TinyGanRun run, Path png) {
        int n = run.dLoss().length;
        double[] step = new double[n];
        for (int i = 0; i < n; i++) step[i] = i + 1;
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("D loss", run.dLoss());
        losses.put("G loss (non-saturating)", run.gLoss());
        Map<String, double[]> probs = new LinkedHashMap<>();
        probs.put("mean D(x) on real samples", run.dReal());
        probs.put("mean D(G(z)) on fakes", run.dFake());
        JFreeChart chart = LossChart.build("Tiny GAN on " + run.config().target() + ": losses and D's outputs",
            step, losses, probs, Smoothing.defaultWindow(n));
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getPlot();
        plot.getDomainAxis().setLabel("training step");
        XYPlot top = (XYPlot) plot.getSubplots().get(0);
        top.addRangeMarker(reference(StrictMath.log(4), "log 4 = 1.386 (D at equilibrium)"));
        top.addRangeMarker(reference(StrictMath.log(2), "log 2 = 0.693 (G at equilibrium)"));
        ChartStyle.apply(chart);
        return ChartFiles.savePng(chart, png, LossChart.WIDTH, LossChart.HEIGHT);
    }

    private static ValueMarker reference(double y, String label) {
        ValueMarker m = new ValueMarker(y, ChartStyle.AXIS, ChartStyle.dashed(1f));
        m.setLabel(label);
        m.setLabelFont(ChartStyle.ANNOTATION_FONT);
        m.setLabelPaint(ChartStyle.TEXT);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return m;
    }

    private static String stepsList() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < SNAPSHOT_STEPS.length; i++) sb.append(i == 0 ? "" : i == SNAPSHOT_STEPS.length - 1 ? " and " : ", ").append(SNAPSHOT_STEPS[i]);
        return sb.toString();
    }
}
