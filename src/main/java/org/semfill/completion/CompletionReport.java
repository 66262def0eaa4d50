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
        for (int i = 0; i < r.n(); i++) {
            String base = names.get(i);
            files.add(png(dir.resolve("images").resolve(base + "-damaged.png"), r, r.damaged(), i));
            files.add(png(dir.resolve("images").resolve(base + "-generated.png"), r, r.generated(), i));
            files.add(png(dir.resolve("images").resolve(base + "-completed.png"), r, r.completed(), i));
            files.add(png(dir.resolve("images").resolve(base + "-blended.png"), r, r.blended(), i));
        }
        Path grid = dir.resolve(String.format("grid-%03d.png", batch));
        List<String> titles = new ArrayList<>(List.of("damaged", "G(z)", "completed", "blended"));
        float[] cells;
        if (originals != null) {
            titles.add(0, "original");
            cells = ImageGrid.asColumns(r.imageSize(), originals, r.damaged(), r.generated(), r.completed(), r.blended());
        } else {
            cells = ImageGrid.asColumns(r.imageSize(), r.damaged(), r.generated(), r.completed(), r.blended());
        }
        new ImageGrid(titles.size()).columnTitles(titles).write(grid, cells, r.n() * titles.size(), r.channels(), r.size(), r.size());
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
    public static Path samplesGrid(Path file, Completion.Samples s) {
        int per = s.channels() * s.size() * s.size(), cols = s.k() + 1;
        float[] cells = new float[s.n() * cols * per];
        for (int i = 0; i < s.n(); i++) {
            System.arraycopy(s.damaged(), i * per, cells, (i * cols) * per, per);
            for (int r = 0; r < s.k(); r++) System.arraycopy(s.blended(), (r * s.n() + i) * per, cells, (i * cols + 1 + r) * per, per);
        }
        List<String> titles = new ArrayList<>(List.of("damaged"));
        for (int r = 1; r <= s.k(); r++) titles.add("fill " + r);
        new ImageGrid(cols).columnTitles(titles).write(file, cells, s.n() * cols, s.channels(), s.size(), s.size());
        return file;
    }

    /** The mean loss per image over the iterations, with its contextual and perceptual parts. */
    public static Path lossChart(Path file, CompletionResult r) {
        double[] it = new double[r.loss().length];
        for (int i = 0; i < it.length; i++) it[i] = i + 1;
        return new LineChart("Latent search: loss per image", "iteration", "loss")
                .subtitle("contextual = weighted L1 to the known pixels; realism = log(1 - D(G(z))), weighted by lambda in the total")
                .line("total", it, toDouble(r.loss()))
                .line("contextual", it, toDouble(r.contextual()))
                .line("realism log(1 - D(G(z)))", it, toDouble(r.perceptual()))
                .writePng(file, 900, 520);
    }

    /** Rows = the first few images, columns = G(z) at the snapshot iterations, then the blended result. */
    public static Path strip(Path file, CompletionResult r, int maxRows) {
        int rows = Math.min(maxRows, r.n()), cols = r.snapshots().size() + 1, per = r.imageSize();
        float[] cells = new float[rows * cols * per];
        List<String> titles = new ArrayList<>();
        for (int k = 0; k < r.snapshots().size(); k++) titles.add("it " + (r.snapshotIterations().get(k) + 1));
        titles.add("blended");
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols - 1; k++) System.arraycopy(r.snapshots().get(k), i * per, cells, (i * cols + k) * per, per);
            System.arraycopy(r.blended(), i * per, cells, (i * cols + cols - 1) * per, per);
        }
        new ImageGrid(cols).title("G(z) during the search").columnTitles(titles).write(file, cells, rows * cols, r.channels(), r.size(), r.size());
        return file;
    }

    /** The result with only the snapshots at the iterations {@code keep} accepts. */
    public static CompletionResult only(CompletionResult r, IntPredicate keep) {
        List<float[]> g = new ArrayList<>(), pasted = new ArrayList<>();
        List<Integer> its = new ArrayList<>();
        for (int k = 0; k < r.snapshots().size(); k++) {
            if (!keep.test(r.snapshotIterations().get(k))) continue;
            g.add(r.snapshots().get(k));
            pasted.add(r.pastedSnapshots().get(k));
            its.add(r.snapshotIterations().get(k));
        }
        return new CompletionResult(r.n(), r.channels(), r.size(), r.damaged(), r.generated(), r.completed(), r.blended(), r.loss(),
                r.contextual(), r.perceptual(), g, its, r.finalLoss(), r.rows(), pasted, r.trace());
    }

    /**
     * The search as an animated GIF: one frame per snapshot, each a grid with a row per image (the first
     * {@code maxRows}) and the columns damaged | G(z) | pasted (G(z) in the hole) at that iteration; the last frame
     * is held two seconds before the loop starts again. Null (nothing written) without snapshots.
     */
    public static Path searchGif(Path file, CompletionResult r, int maxRows, int delayMs) {
        if (r.snapshots().isEmpty()) return null;
        int rows = Math.min(maxRows, r.n()), per = r.imageSize(), iters = r.loss().length;
        float[] damaged = Arrays.copyOf(r.damaged(), rows * per);
        List<String> titles = new ArrayList<>();
        List<float[]> cells = new ArrayList<>();
        for (int k = 0; k < r.snapshots().size(); k++) {
            cells.add(ImageGrid.asColumns(per, damaged, Arrays.copyOf(r.snapshots().get(k), rows * per),
                    Arrays.copyOf(r.pastedSnapshots().get(k), rows * per)));
            titles.add(String.format("iteration %d / %d", r.snapshotIterations().get(k) + 1, iters));
        }
        return gif(file, List.of("damaged", "G(z)", "pasted"), titles, cells, rows, r.channels(), r.size(), delayMs);
    }

    /**
     * HMC's run as an animated GIF, like {@link #searchGif}: one frame per snapshot, a row per image (the first
     * {@code maxRows} of the kept ones) with the columns damaged | chain 1 .. chain k, each chain's G(z) pasted into
     * the hole at that iteration; the title gives the iteration and the acceptance rate so far. Null without snapshots.
     */
    public static Path samplesGif(Path file, Completion.Samples s, int maxRows, int delayMs) {
        if (s.snapshots().isEmpty()) return null;
        int rows = Math.min(maxRows, s.snapshotImages()), per = s.imageSize(), m = s.snapshotImages(), cols = s.k() + 1;
        List<String> columns = new ArrayList<>(List.of("damaged"));
        for (int r = 1; r <= s.k(); r++) columns.add("chain " + r);
        List<String> titles = new ArrayList<>();
        List<float[]> cells = new ArrayList<>();
        for (int f = 0; f < s.snapshots().size(); f++) {
            float[] snap = s.snapshots().get(f), grid = new float[rows * cols * per];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(s.damaged(), i * per, grid, i * cols * per, per);
                for (int r = 0; r < s.k(); r++) System.arraycopy(snap, (r * m + i) * per, grid, (i * cols + 1 + r) * per, per);
            }
            cells.add(grid);
            titles.add(String.format("HMC iteration %d / %d, acceptance %.2f", s.snapshotIterations().get(f) + 1, s.iterations(),
                    s.snapshotAcceptance()[f]));
        }
        return gif(file, columns, titles, cells, rows, s.channels(), s.size(), delayMs);
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
            return csv(file, CSV_COLUMNS, t.nz(), t.iterations(), r.n(), (it, i, line) -> {
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
    public static Path samplesCsv(Path file, Completion.Samples s, List<String> names, int firstIndex) {
        Completion.ChainTrace t = s.trace();
        if (t == null) return null;
        int n = s.n(), k = s.k();
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

    private static Path png(Path file, CompletionResult r, float[] set, int i) {
        Images.writePng(file, r.image(set, i), r.channels(), r.size(), r.size());
        return file;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
