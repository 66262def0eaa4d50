package org.semfill.completion;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.semfill.charts.LineChart;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.UserError;
import org.semfill.io.AnimatedGif;
import org.semfill.io.ImageGrid;
import org.semfill.io.Images;

/**
 * Writes what a completion produced: per-image PNGs, a grid with one row per image and the columns
 * original | damaged | G(z) | completed | blended, the loss curve, a strip of G(z) snapshots, the search as an
 * animated GIF and its per-image log as CSV.
 */
public final class CompletionReport {
    private CompletionReport() {}

    /**
     * @param originals the images before damage (n, C, S, S), or null when unknown
     * @param names     a short name per image for file names
     * @param batch     batch number, for file names when several batches are written
     * @return the files written
     */
    public static List<Path> write(Path dir, CompletionResult r, float[] originals, List<String> names, int batch) {
        return write(dir, r, originals, names, batch, it -> true);
    }

    /** As above, the search strip showing only the snapshots at the iterations (0-based) {@code stripAt} accepts. */
    public static List<Path> write(Path dir, CompletionResult r, float[] originals, List<String> names, int batch, IntPredicate stripAt) {
        List<Path> files = new ArrayList<>();
        CompletedImages im = r.images();
        for (int i = 0; i < im.n(); i++) {
            String base = names.get(i);
            files.add(png(dir.resolve("images").resolve(base + "-damaged.png"), im, im.damaged(), i));
            files.add(png(dir.resolve("images").resolve(base + "-generated.png"), im, im.generated(), i));
            files.add(png(dir.resolve("images").resolve(base + "-completed.png"), im, im.completed(), i));
            files.add(png(dir.resolve("images").resolve(base + "-blended.png"), im, im.blended(), i));
        }
        Path grid = dir.resolve(String.format("grid-%03d.png", batch));
        List<String> titles = new ArrayList<>(List.of("damaged", "G(z)", "completed", "blended"));
        float[] cells;
        if (originals != null) {
            titles.add(0, "original");
            cells = ImageGrid.asColumns(im.imageSize(), originals, im.damaged(), im.generated(), im.completed(), im.blended());
        } else {
            cells = ImageGrid.asColumns(im.imageSize(), im.damaged(), im.generated(), im.completed(), im.blended());
        }
        new ImageGrid(titles.size()).columnTitles(titles).write(grid, cells, im.n() * titles.size(), im.channels(), im.size(), im.size());
        files.add(grid);
        files.add(lossChart(dir.resolve(String.format("loss-%03d.png", batch)), r));
        CompletionResult forStrip = only(r, stripAt);
        if (!forStrip.snapshots().isEmpty()) files.add(strip(dir.resolve(String.format("search-strip-%03d.png", batch)), forStrip, 6));
        return files;
    }

    /**
     * Everything {@code complete} writes for one batch (number {@code batch}, from 1; its first image is input
     * {@code firstIndex}): {@link #write} (PNGs, grid, loss chart, search strip), with {@code gifAt} non-null the
     * search as search-NNN.gif ({@code gifRows} images), with {@code csv} its log as search-NNN.csv. Safe to call on
     * another thread than the search's (it reads only {@code r}).
     */
    public static List<Path> writeBatch(Path dir, CompletionResult r, float[] originals, List<String> names, int batch, int firstIndex,
                                        IntPredicate stripAt, IntPredicate gifAt, int gifRows, boolean csv) {
        List<Path> files = write(dir, r, originals, names, batch, stripAt);
        if (gifAt != null) {
            Path gif = searchGif(dir.resolve(String.format("search-%03d.gif", batch)), only(r, gifAt), gifRows, 100);
            if (gif != null) files.add(gif);
        }
        if (csv) {
            Path c = searchCsv(dir.resolve(String.format("search-%03d.csv", batch)), r, names, firstIndex);
            if (c != null) files.add(c);
        }
        return files;
    }

    /**
     * HMC's fills as a grid: a row per image with its damaged input and then its k blended fills (one per chain).
     */
    public static Path samplesGrid(Path file, SampledFills s) {
        CompletedImages im = s.images();
        int per = im.imageSize(), n = im.n(), k = s.chains().k(), cols = k + 1;
        float[] cells = new float[n * cols * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(im.damaged(), i * per, cells, (i * cols) * per, per);
            for (int r = 0; r < k; r++) System.arraycopy(im.blended(), (r * n + i) * per, cells, (i * cols + 1 + r) * per, per);
        }
        List<String> titles = new ArrayList<>(List.of("damaged"));
        for (int r = 1; r <= k; r++) titles.add("fill " + r);
        new ImageGrid(cols).columnTitles(titles).write(file, cells, n * cols, im.channels(), im.size(), im.size());
        return file;
    }

    /** The mean loss per image over the iterations, with its contextual and perceptual parts. */
    public static Path lossChart(Path file, CompletionResult r) {
        LossParts curve = r.curve();
        double[] it = new double[curve.loss().length];
        for (int i = 0; i < it.length; i++) it[i] = i + 1;
        return new LineChart("Latent search: loss per image", "iteration", "loss")
                .subtitle("contextual = weighted L1 to the known pixels; realism = log(1 - D(G(z))), weighted by lambda in the total")
                .line("total", it, toDouble(curve.loss()))
                .line("contextual", it, toDouble(curve.contextual()))
                .line("realism log(1 - D(G(z)))", it, toDouble(curve.perceptual()))
                .writePng(file, 900, 520);
    }

    /** Rows = the first few images, columns = G(z) at the snapshot iterations, then the blended result. */
    public static Path strip(Path file, CompletionResult r, int maxRows) {
        CompletedImages im = r.images();
        CompletionResult.SearchSnapshots snaps = r.snapshots();
        int rows = Math.min(maxRows, im.n()), cols = snaps.size() + 1, per = im.imageSize();
        float[] cells = new float[rows * cols * per];
        List<String> titles = new ArrayList<>();
        for (int k = 0; k < snaps.size(); k++) titles.add("it " + (snaps.iterations().get(k) + 1));
        titles.add("blended");
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols - 1; k++) System.arraycopy(snaps.generated().get(k), i * per, cells, (i * cols + k) * per, per);
            System.arraycopy(im.blended(), i * per, cells, (i * cols + cols - 1) * per, per);
        }
        new ImageGrid(cols).title("G(z) during the search").columnTitles(titles).write(file, cells, rows * cols, im.channels(), im.size(), im.size());
        return file;
    }

    /** The result with only the snapshots at the iterations {@code keep} accepts. */
    public static CompletionResult only(CompletionResult r, IntPredicate keep) {
        return new CompletionResult(r.images(), r.curve(), r.finalLoss(), r.snapshots().only(keep), r.trace());
    }

    /**
     * The search as an animated GIF: one frame per snapshot, each a grid with a row per image (the first
     * {@code maxRows}) and the columns damaged | G(z) | pasted (G(z) in the hole) at that iteration; the last frame
     * is held two seconds before the loop starts again. Null (nothing written) without snapshots.
     */
    public static Path searchGif(Path file, CompletionResult r, int maxRows, int delayMs) {
        CompletedImages im = r.images();
        CompletionResult.SearchSnapshots snaps = r.snapshots();
        if (snaps.isEmpty()) return null;
        int rows = Math.min(maxRows, im.n()), per = im.imageSize(), iters = r.curve().loss().length;
        float[] damaged = Arrays.copyOf(im.damaged(), rows * per);
        List<String> titles = new ArrayList<>();
        List<float[]> cells = new ArrayList<>();
        for (int k = 0; k < snaps.size(); k++) {
            cells.add(ImageGrid.asColumns(per, damaged, Arrays.copyOf(snaps.generated().get(k), rows * per),
                    Arrays.copyOf(snaps.pasted().get(k), rows * per)));
            titles.add(String.format("iteration %d / %d", snaps.iterations().get(k) + 1, iters));
        }
        return gif(file, List.of("damaged", "G(z)", "pasted"), titles, cells, rows, im.channels(), im.size(), delayMs);
    }

    /**
     * HMC's run as an animated GIF, like {@link #searchGif}: one frame per snapshot, a row per image (the first
     * {@code maxRows} of the kept ones) with the columns damaged | chain 1 .. chain k, each chain's G(z) pasted into
     * the hole at that iteration; the title gives the iteration and the acceptance rate so far. Null without snapshots.
     */
    public static Path samplesGif(Path file, SampledFills s, int maxRows, int delayMs) {
        SampledFills.ChainSnapshots snaps = s.snapshots();
        if (snaps.isEmpty()) return null;
        CompletedImages im = s.images();
        int m = snaps.images(), rows = Math.min(maxRows, m), per = im.imageSize(), k = s.chains().k(), cols = k + 1;
        List<String> columns = new ArrayList<>(List.of("damaged"));
        for (int r = 1; r <= k; r++) columns.add("chain " + r);
        List<String> titles = new ArrayList<>();
        List<float[]> cells = new ArrayList<>();
        for (int f = 0; f < snaps.size(); f++) {
            float[] snap = snaps.pasted().get(f), grid = new float[rows * cols * per];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(im.damaged(), i * per, grid, i * cols * per, per);
                for (int r = 0; r < k; r++) System.arraycopy(snap, (r * m + i) * per, grid, (i * cols + 1 + r) * per, per);
            }
            cells.add(grid);
            titles.add(String.format("HMC iteration %d / %d, acceptance %.2f", snaps.iterations().get(f) + 1, s.chains().iterations(),
                    snaps.acceptance()[f]));
        }
        return gif(file, columns, titles, cells, rows, im.channels(), im.size(), delayMs);
    }

    /** The frames (cells row by row, {@code columns.size()} per row, {@code rows} rows) as a looping GIF, the last held 2 s. */
    private static Path gif(Path file, List<String> columns, List<String> titles, List<float[]> cells, int rows, int channels, int size, int delayMs) {
        List<BufferedImage> frames = new ArrayList<>();
        for (int f = 0; f < cells.size(); f++)
            frames.add(new ImageGrid(columns.size()).title(titles.get(f)).columnTitles(columns)
                    .render(cells.get(f), rows * columns.size(), channels, size, size));
        AnimatedGif.write(file, frames, delayMs, 2000);
        return file;
    }

    /** The CSV columns before the z values: see {@link #searchCsv}. */
    public static final String CSV_COLUMNS = "iteration,image,name,restart,loss,contextual,perceptual";

    /** HMC's CSV columns before the z values: see {@link #samplesCsv}. */
    public static final String HMC_CSV_COLUMNS = "iteration,image,name,chain,loss,contextual,perceptual,accepted,acceptance";

    /**
     * The search's log (Amos's per-image log) as CSV: a header, then one row per iteration (1-based) per image
     * (in iteration order), for each image's winning restart: {@link #CSV_COLUMNS}, then z0 .. z(nz-1), the z that
     * gave those losses. {@code image} counts from {@code firstIndex}. Null (nothing written) without a trace.
     */
    public static Path searchCsv(Path file, CompletionResult r, List<String> names, int firstIndex) {
        CompletionResult.Trace t = r.trace();
        if (t == null) return null;
        try (t) { // read back an iteration at a time, then the temporary file goes
            return csv(file, CSV_COLUMNS, t.nz(), t.iterations(), r.images().n(), (it, i, line) -> {
                if (i == 0) t.at(it);
                line.append(it + 1).append(',').append(firstIndex + i).append(',').append(csvText(names.get(i))).append(',')
                        .append(t.restart()[i]).append(',').append(t.loss()[i]).append(',')
                        .append(t.contextual()[i]).append(',').append(t.perceptual()[i]);
                appendZ(line, t.z(), i, t.nz());
            });
        }
    }

    /**
     * HMC's log as CSV, like {@link #searchCsv}: a header, then per iteration (1-based, in order) per image per chain
     * (1-based) one row: {@link #HMC_CSV_COLUMNS} (the losses at the chain's z after the iteration; {@code accepted} 1
     * if that iteration's proposal was taken, else 0; {@code acceptance} the chain's accepted share of its iterations
     * so far), then z0 .. z(nz-1), the chain's z. Null (nothing written) without a trace.
     */
    public static Path samplesCsv(Path file, SampledFills s, List<String> names, int firstIndex) {
        SampledFills.ChainTrace t = s.trace();
        if (t == null) return null;
        int n = s.images().n(), k = s.chains().k();
        int[] taken = new int[n * k]; // accepted proposals so far, per row; rows are written in iteration order
        return csv(file, HMC_CSV_COLUMNS, t.nz(), t.iterations(), n * k, (it, j, line) -> {
            int i = j / k, r = j % k, row = r * n + i;
            boolean ok = t.accepted()[it][row];
            if (ok) taken[row]++;
            line.append(it + 1).append(',').append(firstIndex + i).append(',').append(csvText(names.get(i))).append(',')
                    .append(r + 1).append(',').append(t.loss()[it][row]).append(',').append(t.contextual()[it][row]).append(',')
                    .append(t.perceptual()[it][row]).append(',').append(ok ? 1 : 0).append(',').append(taken[row] / (float) (it + 1));
            appendZ(line, t.z()[it], row, t.nz());
        });
    }

    /** One CSV line's fields before its z: {@code j} counts the lines of iteration {@code it} from 0. */
    private interface CsvLine {
        void append(int it, int j, StringBuilder line);
    }

    /** A header ({@code columns}, z0 .. z(nz-1)) and {@code perIteration} lines per iteration, written atomically. */
    private static Path csv(Path file, String columns, int nz, int iterations, int perIteration, CsvLine lines) {
        try {
            AtomicFiles.write(file, out -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                StringBuilder line = new StringBuilder(columns);
                for (int j = 0; j < nz; j++) line.append(",z").append(j);
                w.write(line.append('\n').toString());
                for (int it = 0; it < iterations; it++) {
                    for (int j = 0; j < perIteration; j++) {
                        line.setLength(0);
                        lines.append(it, j, line);
                        w.write(line.append('\n').toString());
                    }
                }
                w.flush();
            });
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + ReadableFiles.reason(e), e);
        }
        return file;
    }

    private static void appendZ(StringBuilder line, float[] z, int row, int nz) {
        for (int j = 0; j < nz; j++) line.append(',').append(z[row * nz + j]);
    }

    /** A name as a CSV field: quoted when it holds a comma, quote or line break. */
    static String csvText(String s) {
        if (s.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static Path png(Path file, CompletedImages im, float[] set, int i) {
        Images.writePng(file, im.image(set, i), im.channels(), im.size(), im.size());
        return file;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
