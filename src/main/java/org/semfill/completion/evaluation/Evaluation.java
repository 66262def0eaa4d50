package org.semfill.completion.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semfill.charts.BarChart;
import org.semfill.completion.Completion;
import org.semfill.completion.CompletedImages;
import org.semfill.completion.CompletionJob;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.Mask;
import org.semfill.data.ImageSet;
import org.semfill.data.TrainingImages;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.io.ImageGrid;

/**
 * Measures how well completion restores images it has never seen: masks held-out images, fills the hole by
 * our method (blended and pasted) and by three classic baselines (mean colour, the nearest training image on
 * the known pixels, harmonic diffusion), and scores each against the original with PSNR and SSIM over the
 * hole and over the whole image.
 *
 * <p>For {@code lowres} (only block means known) the hole is the whole image, "pasted" is G(z-hat) as it is and
 * "blended" is it shifted to the known block means; the simple fills read the block means (mean fill: the blocky
 * upscale), and bicubic upscaling of the block means is a fourth baseline.
 */
public final class Evaluation {
    public static final String OURS_BLENDED = "semfill blended", OURS_PASTED = "semfill pasted";

    /** The table, plus every method's completions (n, C, S, S) by name, for example grids. */
    public record Outcome(ResultTable table, Map<String, float[]> completions) {}

    /** Training sets at least this large show a progress bar while the nearest neighbours are searched. */
    private static final int LARGE_SEARCH = 20_000;

    private Evaluation() {}

    public static Outcome run(Dcgan gan, ImageSet heldOut, TrainingImages train, Mask mask, CompletionSession.Settings settings, long seed,
                              int batch) {
        int per = heldOut.imageSize(), n = heldOut.n();
        float[] blended = new float[n * per], pasted = new float[n * per];
        CompletionJob.run(gan, heldOut, mask, settings, Completion.Watch.NONE, new Rng(seed), batch, "complete", false, (b, from, to, r) -> {
            CompletedImages im = r.images();
            System.arraycopy(im.blended(), 0, blended, from * per, im.blended().length);
            System.arraycopy(im.completed(), 0, pasted, from * per, im.completed().length);
        });
        return compare(heldOut, train, mask, blended, pasted);
    }

    /**
     * Scores our completions (blended and pasted, (n, C, S, S)) and the three baselines against the originals. The
     * nearest-neighbour fill reads {@code train} (in memory or a prepared file of any size) once, a chunk at a time.
     */
    public static Outcome compare(ImageSet heldOut, TrainingImages train, Mask mask, float[] blended, float[] pasted) {
        int c = heldOut.c(), per = heldOut.imageSize(), n = heldOut.n();
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put(OURS_BLENDED, blended);
        out.put(OURS_PASTED, pasted);
        MeanFill mean = new MeanFill();
        NearestNeighbourFill nearest = new NearestNeighbourFill(train);
        HarmonicFill harmonic = new HarmonicFill();
        // lowres is super-resolution: its classic answer, bicubic upscaling, joins the simple fills
        List<BaselineFill> perImage = mask.knowsBlockAverages() ? List.of(mean, harmonic, new BicubicFill()) : List.of(mean, harmonic);
        out.put(mean.name(), new float[n * per]);
        out.put(nearest.name(), new float[n * per]);
        for (BaselineFill f : perImage) out.putIfAbsent(f.name(), new float[n * per]);
        float[] damaged = new float[n * per];
        for (int i = 0; i < n; i++) {
            float[] one = mask.damage(heldOut.image(i), 0f);
            System.arraycopy(one, 0, damaged, i * per, per);
            for (BaselineFill f : perImage) System.arraycopy(f.fill(one, c, mask), 0, out.get(f.name()), i * per, per);
        }
        try (Progress p = train.n() >= LARGE_SEARCH ? Progress.start("nearest neighbours", train.n(), "img") : null) {
            float[] filled = nearest.fillAll(damaged, n, c, mask, p);
            System.arraycopy(filled, 0, out.get(nearest.name()), 0, filled.length);
        }
        ResultTable table = new ResultTable();
        for (Map.Entry<String, float[]> e : out.entrySet())
            for (int i = 0; i < n; i++)
                table.add(e.getKey(), Scores.of(heldOut.image(i), java.util.Arrays.copyOfRange(e.getValue(), i * per, (i + 1) * per), mask));
        return new Outcome(table, out);
    }

    /** table.md, table.csv, psnr.png, ssim.png and examples.png (the first rows of every method side by side). */
    public static List<Path> write(Path dir, Outcome o, ImageSet heldOut, Mask mask, int exampleRows) {
        List<Path> files = new ArrayList<>();
        try {
            o.table().writeMarkdown(dir.resolve("table.md"));
            o.table().writeCsv(dir.resolve("table.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(dir.resolve("table.md"));
        files.add(dir.resolve("table.csv"));
        List<String> methods = new ArrayList<>();
        double[] psnrHole = new double[o.table().rows().size()], psnrWhole = new double[psnrHole.length];
        double[] ssimHole = new double[psnrHole.length], ssimWhole = new double[psnrHole.length];
        for (int i = 0; i < psnrHole.length; i++) {
            ResultTable.Row r = o.table().rows().get(i);
            methods.add(r.method());
            psnrHole[i] = r.psnrHole();
            psnrWhole[i] = r.psnrWhole();
            ssimHole[i] = r.ssimHole();
            ssimWhole[i] = r.ssimWhole();
        }
        String sub = heldOut.n() + " held-out images, mask " + mask.name();
        files.add(new BarChart("Completion quality: PSNR (higher is better), " + sub, "method", "PSNR (dB)", methods)
                .series("hole", psnrHole).series("whole image", psnrWhole).valueFormat("0.0").writePng(dir.resolve("psnr.png"), 1000, 520));
        files.add(new BarChart("Completion quality: SSIM (higher is better), " + sub, "method", "SSIM", methods)
                .series("hole", ssimHole).series("whole image", ssimWhole).valueFormat("0.00").writePng(dir.resolve("ssim.png"), 1000, 520));
        int rows = Math.min(exampleRows, heldOut.n()), per = heldOut.imageSize();
        List<float[]> cols = new ArrayList<>();
        List<String> titles = new ArrayList<>(List.of("original", "damaged"));
        cols.add(java.util.Arrays.copyOf(heldOut.pixels(), rows * per));
        cols.add(mask.damage(java.util.Arrays.copyOf(heldOut.pixels(), rows * per), 0f));
        for (Map.Entry<String, float[]> e : o.completions().entrySet()) {
            cols.add(java.util.Arrays.copyOf(e.getValue(), rows * per));
            titles.add(e.getKey());
        }
        Path ex = dir.resolve("examples.png");
        new ImageGrid(cols.size()).columnTitles(titles).write(ex, ImageGrid.asColumns(per, cols.toArray(new float[0][])), rows * cols.size(),
                heldOut.c(), heldOut.h(), heldOut.w());
        files.add(ex);
        return files;
    }
}
