package org.semfill.tutorial;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.semfill.gan.RunData;
import org.semfill.gan.RunDirectory;
import org.semfill.completion.Completion;
import org.semfill.completion.CompletedImages;
import org.semfill.completion.CompletionReport;
import org.semfill.completion.CompletionResult;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.ImportanceWeights;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;
import org.semfill.completion.evaluation.Evaluation;
import org.semfill.data.DataSources;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.gan.ModelFiles;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.io.ImageGrid;

/**
 * Tutorial chapter 4: semantic completion with the chapter 3 DCGAN (tutorials/04-completion.md).
 *
 * <p>Step 3 of B. Amos, "Image Completion with Deep Learning in TensorFlow" (2016), after R. Yeh et al., "Semantic
 * Image Inpainting with Perceptual and Contextual Losses" (arXiv 1607.07539): held-out Fashion-MNIST images (never
 * trained on) get a hole; Adam searches the latent z whose G(z) matches the known pixels (contextual loss, with
 * Yeh's importance weights) and looks real to D (perceptual loss log(1 - D(G(z)))); G(z) fills the hole, pasted
 * and Poisson blended (Pérez et al. 2003). The pictures show the masks, the weights, the search, its loss, the
 * results, a close-up of blending, every mask completed, a comparison with simple fills, and several fills of one
 * image sampled by Hamiltonian Monte Carlo on z (Amos's {@code --approach hmc}).
 *
 * <p>Uses the model of chapter 3 in {@code runs/tutorial-3}, training it first (a few minutes) if it is missing;
 * writes the evaluation tables into {@code runs/tutorial-4}. Run: {@code ./semfill tutorial 4}, or
 * {@code java -cp target/semfill.jar org.semfill.tutorial.Chapter4Completion [chartsDir [seed [images [iterations]]]]}.
 */
public final class Chapter4Completion {
    public static final long DEFAULT_SEED = 1;
    /** Held-out images completed with the centre mask (the before/after, search and comparison pictures). */
    public static final int DEFAULT_IMAGES = 16;
    /** Adam steps on z per search: Amos's 1000 ({@link SearchSettings#defaults()}). */
    public static final int DEFAULT_ITERATIONS = SearchSettings.defaults().iterations();
    /** Images per mask in the picture that completes every mask type. */
    public static final int IMAGES_PER_MASK = 3;
    static final Path MODEL_RUN = Path.of("runs/tutorial-3"), WORK = Path.of("runs/tutorial-4");
    private static final int SIZE = 28, CHANNELS = 1, BEFORE_AFTER_ROWS = 8, SEARCH_ROWS = 4, ZOOMED = 2;
    /** Held-out images a run may complete: the before/after picture shows 8; the bundled hold-out has 1000. */
    static final int MIN_IMAGES = BEFORE_AFTER_ROWS, MAX_IMAGES = 1000;
    /** The held-out image shown under every mask (a pullover: it fills most of the frame). */
    private static final int MASK_EXAMPLE = 1;
    /** In the close-up, a difference of this much (a quarter of the pixel range) is drawn white or black. */
    private static final double ZOOM_DIFFERENCE_RANGE = 0.5;

    private Chapter4Completion() {}

    static final String USAGE = "Chapter4Completion [charts folder (charts)] [seed (" + DEFAULT_SEED + ")] [images, "
            + MIN_IMAGES + " to " + MAX_IMAGES + " (" + DEFAULT_IMAGES + ")] [iterations, at least 1 (" + DEFAULT_ITERATIONS + ")]";

    /** Arguments: [charts folder (default charts)] [seed (default 1)] [images (default 16)] [iterations (default 1000)]. */
    public static void main(String[] args) {
        ChapterArgs.main(USAGE, 4, args, a -> {
            Path out = a.path(0, "charts folder", "charts");
            long seed = a.seed(1, DEFAULT_SEED);
            int images = a.integer(2, "images", DEFAULT_IMAGES, MIN_IMAGES, MAX_IMAGES);
            int iterations = a.integer(3, "iterations", DEFAULT_ITERATIONS, 1, Integer.MAX_VALUE);
            Chapter.printKernels(System.out);
            run(out, MODEL_RUN, WORK, images, iterations, seed, System.out);
        });
    }

    public static List<Path> run(Path outDir, long seed, PrintStream log) {
        return run(outDir, MODEL_RUN, WORK, DEFAULT_IMAGES, DEFAULT_ITERATIONS, seed, log);
    }

    /**
     * @param modelRun   the chapter 3 run (trained here by chapter 3's code if it has no generator yet)
     * @param work       where the evaluation tables go
     * @param images     held-out images to complete with the centre mask (at least {@value #BEFORE_AFTER_ROWS})
     * @param iterations Adam steps on z per search
     */
    public static List<Path> run(Path outDir, Path modelRun, Path work, int images, int iterations, long seed, PrintStream log) {
        if (images < MIN_IMAGES || images > MAX_IMAGES)
            throw new UserError("chapter 4 completes between " + MIN_IMAGES + " and " + MAX_IMAGES + " images, got " + images);
        if (iterations < 1) throw new UserError("chapter 4 needs at least 1 search iteration, got " + iterations);
        if (!Files.exists(modelRun.resolve(ModelFiles.GENERATOR))) {
            log.println("no chapter 3 model in " + modelRun + ": training it first (chapter 3, a few minutes)");
            Chapter3Dcgan.run(outDir, modelRun, Chapter3Dcgan.DEFAULT_EPOCHS, seed, log);
        }
        Dcgan gan = ModelFiles.load(modelRun);
        if (gan.config.size() != SIZE || gan.config.channels() != CHANNELS)
            throw new UserError("chapter 4 needs the 28x28 grayscale model of chapter 3, but " + modelRun + " holds "
                    + gan.config + "; delete it and run 'semfill tutorial 3'");
        ImageSet held = DataSources.loadBundledHeldOut(SIZE, CHANNELS, images);
        log.println("model: " + modelRun + " (" + gan.config + "); " + held.n() + " " + held.source() + " images");
        Rng rng = new Rng(seed);
        Mask center = Masks.center(SIZE);
        List<Mask> masks = List.of(center, Masks.left(SIZE), Masks.random(SIZE, Masks.DEFAULT_RANDOM_MISSING, rng.split()),
                Masks.grid(SIZE, Masks.DEFAULT_GRID_STEP), Masks.lowres(SIZE, Masks.defaultLowresBlock(SIZE)), Masks.full(SIZE));
        List<Path> written = new ArrayList<>();
        written.add(masksFigure(outDir.resolve("completion-masks.png"), held.image(MASK_EXAMPLE), masks, log));
        written.add(weightsFigure(outDir.resolve("completion-weights.png"), held.image(MASK_EXAMPLE), center, masks.get(2), log));

        SearchSettings search = SearchSettings.defaults().withIterations(iterations);
        // random starts, as sections 1 to 7 explain the search (an encoder trained in section 8 does not change them)
        CompletionSession.Settings settings = new CompletionSession.Settings(search, true, true, false); // Yeh's weights, Poisson blending
        int snapshotEvery = Math.max(1, iterations / 10);
        log.printf(Locale.ROOT, "searching z for %d held-out images, centre hole: %d Adam steps (lr %.2f), lambda %.1f, Yeh's weights, Poisson blending%n",
                held.n(), iterations, search.lr(), search.lambda());
        CompletionResult r;
        long t0 = System.nanoTime();
        try (Progress p = Progress.start("complete", iterations, "it")) {
            r = Completion.run(gan, held.pixels(), held.n(), center, settings, Completion.Watch.every(snapshotEvery, iterations), rng.split(), p);
        }
        log.printf(Locale.ROOT, "search took %.0f s%n", (System.nanoTime() - t0) / 1e9);
        log.printf(Locale.ROOT, "loss per image: first step %.2f (contextual %.2f, log(1 - D) %.3f), last %.2f (contextual %.2f, log(1 - D) %.3f)%n",
                r.curve().loss()[0], r.curve().contextual()[0], r.curve().perceptual()[0],
                r.curve().loss()[iterations - 1], r.curve().contextual()[iterations - 1], r.curve().perceptual()[iterations - 1]);

        Path strip = CompletionReport.strip(outDir.resolve("completion-search.png"), r, SEARCH_ROWS);
        log.println(strip + ": G(z) every " + snapshotEvery + " steps of the search for " + SEARCH_ROWS
                + " images: from a random garment to one that fits the known pixels");
        written.add(strip);
        Path loss = CompletionReport.lossChart(outDir.resolve("completion-loss.png"), r);
        log.println(loss + ": the loss per image at every step: total, contextual, and the realism term log(1 - D(G(z)))");
        written.add(loss);
        written.add(beforeAfter(outDir.resolve("completion-before-after.png"), held, r.images(), center, log));
        written.add(blendZoom(outDir.resolve("completion-blend-zoom.png"), held, r.images(), center, log));
        written.add(allMasks(outDir.resolve("completion-all-masks.png"), gan, held, masks, search, rng, log));
        written.addAll(baselines(outDir.resolve("completion-vs-baselines.png"), outDir.resolve("completion-vs-baselines-examples.png"), work, modelRun, held, r.images(), center, log));
        // last, and from a random stream of its own, so that the figures above keep their numbers
        written.add(HmcFigure.write(outDir.resolve("completion-hmc.png"), gan, held, center, seed, log));
        return written;
    }

    private static Path masksFigure(Path file, float[] image, List<Mask> masks, PrintStream log) {
        List<String> names = new ArrayList<>();
        for (Mask m : masks) names.add(m.name());
        new ImageGrid(masks.size()).scale(4).title("The six masks: white = known pixel, blue = missing")
                .columnTitles(names).rowLabels(List.of("mask", "image"))
                .write(file, CompletionFigures.maskPanels(image, CHANNELS, SIZE, masks), 2 * masks.size(), 3, SIZE, SIZE);
        log.println(file + ": one held-out image under each mask (" + String.join(", ", names) + ")");
        return file;
    }

    private static Path weightsFigure(Path file, float[] image, Mask center, Mask random, PrintStream log) {
        int per = 3 * SIZE * SIZE;
        float[] cells = new float[6 * per];
        List<String> labels = new ArrayList<>();
        int row = 0;
        for (Mask m : List.of(center, random)) {
            float[] w = ImportanceWeights.of(m, true);
            double max = CompletionFigures.max(w);
            System.arraycopy(CompletionFigures.toRgb(image, 1, CHANNELS, SIZE, m), 0, cells, (3 * row) * per, per);
            System.arraycopy(CompletionFigures.toRgb(CompletionFigures.valuesAsPixels(m.toArray(), 1), 1, 1, SIZE, null), 0, cells, (3 * row + 1) * per, per);
            System.arraycopy(CompletionFigures.toRgb(CompletionFigures.valuesAsPixels(w, max), 1, 1, SIZE, null), 0, cells, (3 * row + 2) * per, per);
            labels.add(String.format(Locale.ROOT, "%s (white W = %.2f)", m.name(), max));
            log.printf(Locale.ROOT, "%s mask: %d known pixels; Yeh's weights range from 0 to %.3f (= %d/49), %d known pixels weigh more than 0%n",
                    m.name(), m.knownCount(), max, Math.round(max * 49), positive(w));
            row++;
        }
        new ImageGrid(3).scale(6).title("Contextual weights: plain mask M vs Yeh's W (7x7 window)")
                .columnTitles("image, hole in blue", "plain mask M", "Yeh's weights W").rowLabels(labels)
                .write(file, cells, 6, 3, SIZE, SIZE);
        log.println(file + ": the plain mask counts every known pixel alike; Yeh's weights only the known pixels near the hole");
        return file;
    }

    private static Path beforeAfter(Path file, ImageSet held, CompletedImages r, Mask mask, PrintStream log) {
        int n = BEFORE_AFTER_ROWS, per = r.imageSize();
        float[] cells = ImageGrid.asColumns(3 * SIZE * SIZE,
                CompletionFigures.toRgb(java.util.Arrays.copyOf(held.pixels(), n * per), n, CHANNELS, SIZE, null),
                CompletionFigures.toRgb(java.util.Arrays.copyOf(held.pixels(), n * per), n, CHANNELS, SIZE, mask),
                CompletionFigures.toRgb(java.util.Arrays.copyOf(r.generated(), n * per), n, CHANNELS, SIZE, null),
                CompletionFigures.toRgb(java.util.Arrays.copyOf(r.completed(), n * per), n, CHANNELS, SIZE, null),
                CompletionFigures.toRgb(java.util.Arrays.copyOf(r.blended(), n * per), n, CHANNELS, SIZE, null));
        new ImageGrid(5).title("Completing held-out images (centre hole)")
                .columnTitles("original", "damaged", "G(z)", "pasted", "blended").write(file, cells, 5 * n, 3, SIZE, SIZE);
        log.println(file + ": " + n + " held-out images: original | damaged | G(z) found by the search | G(z) pasted into the hole | Poisson blended");
        return file;
    }

    private static Path blendZoom(Path file, ImageSet held, CompletedImages r, Mask mask, PrintStream log) {
        int per = r.imageSize();
        int[] chosen = CompletionFigures.largestSeamDrop(r.completed(), r.blended(), r.n(), mask, ZOOMED);
        float[] pasted = CompletionFigures.pick(r.completed(), per, chosen), blended = CompletionFigures.pick(r.blended(), per, chosen);
        float[] cells = ImageGrid.asColumns(3 * SIZE * SIZE,
                CompletionFigures.toRgb(CompletionFigures.pick(held.pixels(), per, chosen), ZOOMED, CHANNELS, SIZE, null),
                CompletionFigures.toRgb(pasted, ZOOMED, CHANNELS, SIZE, null),
                CompletionFigures.toRgb(blended, ZOOMED, CHANNELS, SIZE, null),
                CompletionFigures.toRgb(CompletionFigures.differenceAsPixels(blended, pasted, ZOOM_DIFFERENCE_RANGE), ZOOMED, CHANNELS, SIZE, null));
        List<String> labels = new ArrayList<>();
        for (int i : chosen) labels.add("image " + i);
        new ImageGrid(4).scale(6).title("Pasted vs Poisson-blended, enlarged 6x")
                .columnTitles("original", "pasted", "blended", "blended - pasted")
                .rowLabels(labels).write(file, cells, 4 * ZOOMED, 3, SIZE, SIZE);
        log.printf(Locale.ROOT, "seam along the hole's border (mean |hole pixel - known neighbour|), all %d images: original %.3f, pasted %.3f, blended %.3f%n",
                r.n(), CompletionFigures.seam(held.pixels(), mask), CompletionFigures.seam(r.completed(), mask), CompletionFigures.seam(r.blended(), mask));
        for (int k = 0; k < ZOOMED; k++) {
            int i = chosen[k];
            log.printf(Locale.ROOT, "  image %d: original %.3f, pasted %.3f, blended %.3f%n", i,
                    CompletionFigures.seam(held.image(i), mask), CompletionFigures.seam(r.image(r.completed(), i), mask),
                    CompletionFigures.seam(r.image(r.blended(), i), mask));
        }
        log.println(file + ": the " + ZOOMED + " images whose seam blending lowered most (" + labels
                + "), enlarged, with the correction blending added (grey = none, white = brighter, black = darker)");
        return file;
    }

    /** Completes {@value #IMAGES_PER_MASK} images under every mask; one row per mask: (damaged, G(z), completed) per image. */
    private static Path allMasks(Path file, Dcgan gan, ImageSet held, List<Mask> masks, SearchSettings search, Rng rng, PrintStream log) {
        int k = IMAGES_PER_MASK, per = SIZE * SIZE * CHANNELS, rgb = 3 * SIZE * SIZE, cols = 3 * k;
        ImageSet some = held.subset(0, k);
        float[] cells = new float[masks.size() * cols * rgb];
        CompletionSession.Settings settings = CompletionSession.Settings.defaults().withSearch(search) // Yeh's weights, Poisson blending,
                .withLearnedStart(false); // random starts
        for (int m = 0; m < masks.size(); m++) {
            Mask mask = masks.get(m);
            CompletionSession.Fill r;
            try (CompletionSession session = new CompletionSession(gan, some.pixels(), k, mask, settings, rng.split());
                 Progress p = Progress.start("mask " + mask.name(), search.iterations(), "it")) {
                r = session.finish(p);
            }
            float[][] columns = {CompletionFigures.toRgb(some.pixels(), k, CHANNELS, SIZE, mask),
                    CompletionFigures.toRgb(r.generated(), k, CHANNELS, SIZE, null),
                    CompletionFigures.toRgb(r.blended(), k, CHANNELS, SIZE, null)};
            for (int i = 0; i < k; i++)
                for (int c = 0; c < 3; c++)
                    System.arraycopy(columns[c], i * rgb, cells, (m * cols + 3 * i + c) * rgb, rgb);
            log.printf(Locale.ROOT, "mask %-7s final loss per image %.2f; mean absolute error on the hole %s%n", mask.name(),
                    mean(r.loss()), mask.hasHole() ? String.format(Locale.ROOT, "%.3f", holeError(some.pixels(), r.blended(), mask)) : "n/a (no hole; G(z) vs image " + String.format(Locale.ROOT, "%.3f", meanAbs(some.pixels(), r.generated())) + ")");
        }
        List<String> titles = new ArrayList<>(), labels = new ArrayList<>();
        for (int i = 0; i < k; i++) titles.addAll(List.of("damaged", "G(z)", "completed"));
        for (Mask m : masks) labels.add(m.name());
        new ImageGrid(cols).title("Every mask, " + k + " held-out images (blue = missing)").columnTitles(titles).rowLabels(labels)
                .write(file, cells, masks.size() * cols, 3, SIZE, SIZE);
        log.println(file + ": " + k + " held-out images completed under every mask; 'full' has no hole, so G(z) shows how well G can redraw a whole image");
        return file;
    }

    private static List<Path> baselines(Path file, Path examples, Path work, Path modelRun, ImageSet held, CompletedImages r, Mask mask, PrintStream log) {
        ImageSet train = RunData.loadTrainingSet(RunDirectory.of(modelRun).config(), org.semfill.data.Preparation.defaultCacheFolder());
        Evaluation.Outcome outcome = Evaluation.compare(held, train, mask, r.blended(), r.completed());
        Path dir = work.resolve("evaluation");
        Evaluation.write(dir, outcome, held, mask, BEFORE_AFTER_ROWS);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(dir.resolve("psnr.png"), file, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve("examples.png"), examples, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.println("how close each fill is to the original (" + held.n() + " held-out images, centre hole; also in " + dir.resolve("table.md") + "):");
        log.print(outcome.table().toMarkdown());
        log.println(file + ": PSNR of our completions and three simple fills (mean colour, nearest training image, harmonic)");
        log.println(examples + ": the first " + BEFORE_AFTER_ROWS + " images filled by every method, side by side");
        return List.of(file, examples);
    }

    private static int positive(float[] w) {
        int n = 0;
        for (float v : w) if (v > 0) n++;
        return n;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s / v.length;
    }

    private static double meanAbs(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
        return s / a.length;
    }

    /** Mean absolute difference over the hole pixels of every image and channel (images of whole mask planes). */
    private static double holeError(float[] original, float[] completed, Mask mask) {
        int plane = mask.planeSize(), planes = original.length / plane;
        double s = 0;
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < plane; i++)
                if (!mask.isKnown(i)) s += Math.abs(original[p * plane + i] - completed[p * plane + i]);
        return s / ((double) planes * mask.holeCount());
    }
}
