package org.semfill.completion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.semfill.charts.LineChart;
import org.semfill.io.ImageGrid;
import org.semfill.io.Images;

/**
 * Writes what a completion produced: per-image PNGs, a grid with one row per image and the columns
 * original | damaged | G(z) | completed | blended, the loss curve, and a strip of G(z) snapshots.
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
        if (!r.snapshots().isEmpty()) files.add(strip(dir.resolve(String.format("search-strip-%03d.png", batch)), r, 6));
        return files;
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
