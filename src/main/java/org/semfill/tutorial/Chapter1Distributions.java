package org.semfill.tutorial;

import static org.semfill.tutorial.NumberText.fixed;
import static org.semfill.tutorial.NumberText.num;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.semfill.charts.ContourChart;
import org.semfill.charts.LineChart;
import org.semfill.charts.StripChart;

/**
 * Tutorial chapter 1: images are samples of a probability distribution (tutorials/01-distributions.md).
 *
 * <p>Draws the distributions we can see, following step 1 of B. Amos, "Image Completion with Deep Learning in
 * TensorFlow" (2016): the standard normal density, samples from it, the 2-D standard normal as contours with
 * samples, and conditional maximisation (fix x = 1, find the most likely y), the whole idea of completion
 * (Yeh et al., arXiv 1607.07539) in miniature. Then the same for a correlated 2-D normal (rho = 0.7), where
 * knowing x moves the most likely y to the conditional mean mu_y + rho sigma_y / sigma_x (x - mu_x).
 *
 * <p>Run: {@code ./semfill tutorial 1}, or {@code java --add-modules jdk.incubator.vector ... org.semfill.tutorial.Chapter1Distributions [outDir [seed]]}.
 */
public final class Chapter1Distributions {
    private Chapter1Distributions() {}

    public static final long DEFAULT_SEED = 0;
    /** The correlation of the "go beyond" figures. */
    public static final double RHO = 0.7;
    /** The known coordinate in the conditional-maximisation figures. */
    public static final double KNOWN_X = 1.0;
    static final int SAMPLES_1D = 35, SAMPLES_2D = 200;

    static final String USAGE = "Chapter1Distributions [charts folder (charts)] [seed (" + DEFAULT_SEED + ")]";

    public static void main(String[] args) {
        ChapterArgs.chartsFolderAndSeed(USAGE, DEFAULT_SEED, args, Chapter1Distributions::run);
    }

    /** Writes every chart of the chapter into {@code outDir}, silently; returns their paths. */
    public static List<Path> run(Path outDir, long seed) {
        return run(outDir, seed, null);
    }

    /** Writes every chart into {@code outDir} and prints one line per chart (path and content) to {@code log}. */
    public static List<Path> run(Path outDir, long seed, PrintStream log) {
        List<Path> written = new ArrayList<>();
        Report report = (path, what) -> {
            written.add(path);
            if (log != null) log.println(path + "  " + what);
        };

        // 1. The standard normal density on [-3, 3), step 0.001.
        double[] x = Grid.arange(-3, 3, 0.001);
        double[] pdf = new double[x.length];
        for (int i = 0; i < x.length; i++) pdf[i] = Gaussian.standardPdf(x[i]);
        report.add(new LineChart("The standard normal density N(0, 1)", "x", "density p(x)")
                .line("p(x)", x, pdf)
                .subtitle("p(x) = exp(-x\u00B2 / 2) / \u221A(2\u03C0);   p(0) = " + fixed(Gaussian.standardPdf(0), 4))
                .xRange(-3, 3)
                .writePng(outDir.resolve("normal-pdf.png"), 720, 450),
            "the standard normal density p(x) on [-3, 3): a bell around 0, highest at p(0) = 0.399");

        // 2. 35 samples from N(0, 1) on a line.
        double[] samples1d = Grid.column(Gaussian.standard(1).sample(SAMPLES_1D, seed), 0);
        report.add(StripChart.writePng(outDir.resolve("normal-samples.png"), 700, 300,
                SAMPLES_1D + " samples from N(0, 1)", "x", samples1d, -3, 3),
            SAMPLES_1D + " samples from N(0, 1) as dots on a line: they crowd where the density is high");

        // 3-4. The 2-D standard normal, then with x = KNOWN_X known.
        double[] grid = Grid.arange(-3, 3, 0.025); // 240 points per axis
        Gaussian standard = Gaussian.standard(2);
        contours(report, outDir, "normal-2d", standard, grid, seed, "2-D standard normal");

        // 5-6. Go beyond: a correlated 2-D normal, where knowing x tells us about y.
        Gaussian correlated = Gaussian.bivariate(0, 0, 1, 1, RHO);
        contours(report, outDir, "normal-2d-correlated", correlated, grid, seed, "2-D normal with \u03C1 = " + RHO);

        // 7. The density along the line x = KNOWN_X for both, with each maximum.
        double[] slice0 = new double[grid.length], slice1 = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            slice0[i] = standard.density(KNOWN_X, grid[i]);
            slice1[i] = correlated.density(KNOWN_X, grid[i]);
        }
        double y0 = mostLikelyY(standard, KNOWN_X, grid), y1 = mostLikelyY(correlated, KNOWN_X, grid);
        report.add(new LineChart("The density along the line " + known(), "unknown y", "p(" + known() + ", y)")
                .line("\u03C1 = 0 (independent)", grid, slice0)
                .line("\u03C1 = " + RHO + " (correlated)", grid, slice1)
                .verticalLine(y0, "y* = " + fixed(y0, 2), 0)
                .verticalLine(y1, "y* = " + fixed(y1, 2), 1)
                .xRange(-3, 3)
                .writePng(outDir.resolve("normal-2d-slice.png"), 720, 450),
            "p(" + num(KNOWN_X) + ", y) as a function of y for \u03C1 = 0 and \u03C1 = " + RHO + ": the peaks are the most likely y");

        if (log != null) {
            log.println("most likely y on " + known() + ", rho = 0:   numeric " + fixed(y0, 6)
                + ", analytic mu_y + rho*sigma_y/sigma_x*(x - mu_x) = " + fixed(standard.conditionalMeanOfY(KNOWN_X), 6));
            log.println("most likely y on " + known() + ", rho = " + RHO + ": numeric " + fixed(y1, 6)
                + ", analytic mu_y + rho*sigma_y/sigma_x*(x - mu_x) = " + fixed(correlated.conditionalMeanOfY(KNOWN_X), 6));
        }
        return written;
    }

    /** The contour chart of {@code g} with samples, then the same with the line x = KNOWN_X and its most likely y. */
    private static void contours(Report report, Path outDir, String name, Gaussian g, double[] grid, long seed, String what) {
        double[][] density = g.densityGrid(grid, grid); // (240, 240)
        double[][] s = g.sample(SAMPLES_2D, seed);
        double[] sx = Grid.column(s, 0), sy = Grid.column(s, 1);
        String samples = SAMPLES_2D + " samples";
        String sub = "contour labels: density p(x, y)";
        report.add(new ContourChart(what + ": density and samples", "x", "y")
                .grid(grid, grid, density).points(samples, sx, sy).range(-3, 3, -3, 3).subtitle(sub)
                .writePng(outDir.resolve(name + ".png"), 640, 680),
            "the density of the " + what + " as labelled contour lines, with " + SAMPLES_2D + " samples as black dots");

        double best = mostLikelyY(g, KNOWN_X, grid);
        report.add(new ContourChart(what + ": the most likely y when " + known(), "x", "y")
                .grid(grid, grid, density).points(samples, sx, sy).range(-3, 3, -3, 3).subtitle(sub)
                .verticalLine(KNOWN_X, known() + " (known)")
                .mark(KNOWN_X, best, "most likely y given " + known(), "y* = " + fixed(best, 2))
                .writePng(outDir.resolve(name + "-maximize.png"), 640, 680),
            "the same, with " + known() + " known (black line) and the y that maximises p(" + num(KNOWN_X) + ", y) marked: y* = " + fixed(best, 2));
    }

    /**
     * The y that maximises p(x, y) with x fixed, found numerically: the best point of {@code grid}, refined by
     * golden-section search to 1e-9. For a 2-D normal it equals {@link Gaussian#conditionalMeanOfY(double)}.
     */
    public static double mostLikelyY(Gaussian g, double x, double[] grid) {
        return LineMaximizer.argmax(y -> g.logDensity(x, y), grid, 1e-9);
    }

    /** "x = 1", "x = 2.5": the known coordinate as the charts and the printed lines name it. */
    static String known() {
        return "x = " + num(KNOWN_X);
    }

    @FunctionalInterface
    private interface Report {
        void add(Path path, String what);
    }
}
