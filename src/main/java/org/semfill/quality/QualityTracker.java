package org.semfill.quality;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.semfill.charts.LineChart;
import org.semfill.data.DataSource;
import org.semfill.gan.Dcgan;
import org.semfill.gan.TrainOptions;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/**
 * Sample quality during training: at the end of each epoch, the FID of G(z) for a fixed set of seeded z against a
 * fixed set of held-out real images, appended to {@code RUN/quality.csv} and drawn as {@code RUN/quality.png}. A
 * learner sees the number fall as G improves, and rise again (or stall high) when G collapses onto a few modes.
 * The chart's dashed line is the FID between two sets of real images of the same size: the floor, where a
 * generator would be indistinguishable from the data in this feature space.
 *
 * <pre>{@code
 * QualityTracker tracker = QualityTracker.create(trainer.options(), cache, run, System.out);
 * trainer.onEpoch(e -> tracker.record(trainer.gan(), e, run));
 * }</pre>
 */
public final class QualityTracker {
    public static final String CSV = "quality.csv", CHART = "quality.png";
    /** Images per measurement: small enough to cost a few seconds per epoch. */
    public static final int DEFAULT_N = 1000;
    private static final String HEADER = "epoch,fid,mean_term,covariance_term,real_floor";

    private final FidMeter meter;
    private final double floor;
    private final long seed;
    private Tensor z;

    /** Measures against the first n held-out images of {@code data} with the given feature network; z drawn from {@code seed}. */
    public QualityTracker(FeatureNet net, RealData data, int n, long seed) {
        int m = Math.min(n, Math.min(data.heldOut().n(), data.train().n()));
        this.meter = new FidMeter(net, data.heldOut().pixels(), m);
        this.floor = meter.measure(Arrays.copyOf(data.train().pixels(), m * data.train().imageSize()), m).value();
        this.seed = seed;
    }

    /** The tracker for a training run: its data (labels and held-out images), the shared feature network (trained if needed). */
    public static QualityTracker create(TrainOptions opt, Path cache, Path run, PrintStream log) {
        RealData data = RealData.load(new DataSource(opt.data(), cache), opt.model().size(), opt.model().channels(), opt.crop(), opt.limit(), opt.holdOut());
        FeatureNetCache.Entry ruler = FeatureNetCache.obtain(data, FeatureNetCache.folderFor(run), log);
        log.println(ruler.describe());
        return new QualityTracker(ruler.net(), data, DEFAULT_N, opt.seed() ^ 0x0F1DL);
    }

    /** The FID between two real sets of this size: the best a generator can hope for. */
    public double floor() {
        return floor;
    }

    public int n() {
        return meter.n();
    }

    /**
     * Measures G after {@code epoch} (from 1), rewrites {@code run/quality.csv} with this epoch's row (replacing rows
     * of this and later epochs, left by a run that was resumed) and redraws {@code run/quality.png}.
     */
    public FrechetDistance.Result record(Dcgan gan, int epoch, Path run) {
        if (z == null) z = gan.sampleZ(new Rng(seed), meter.n());
        FrechetDistance.Result r = meter.measure(gan, z);
        List<double[]> rows = new ArrayList<>();
        for (double[] row : read(run.resolve(CSV))) if (row[0] < epoch) rows.add(row);
        rows.add(new double[] {epoch, r.value(), r.meanTerm(), r.covarianceTerm(), floor});
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (double[] row : rows)
            csv.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f%n", (int) row[0], row[1], row[2], row[3], row[4]));
        try {
            AtomicFiles.writeString(run.resolve(CSV), csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chart(rows, run.resolve(CHART), meter.n());
        return r;
    }

    /** The rows of a quality.csv (epoch, fid, mean term, covariance term, floor); empty if there is none. */
    static List<double[]> read(Path csv) {
        List<double[]> rows = new ArrayList<>();
        if (!Files.exists(csv)) return rows;
        try {
            for (String line : Files.readAllLines(csv)) {
                if (line.isBlank() || line.startsWith("epoch")) continue;
                String[] f = line.split(",");
                double[] row = new double[5];
                for (int i = 0; i < Math.min(5, f.length); i++) row[i] = Double.parseDouble(f[i]);
                rows.add(row);
            }
        } catch (IOException | NumberFormatException e) {
            return new ArrayList<>(); // a damaged log is rebuilt from here on rather than stopping training
        }
        return rows;
    }

    static void chart(List<double[]> rows, Path png, int n) {
        double[] epochs = new double[rows.size()], fid = new double[rows.size()];
        double lo = Double.MAX_VALUE, hi = 0;
        for (int i = 0; i < rows.size(); i++) {
            epochs[i] = rows.get(i)[0];
            fid[i] = rows.get(i)[1];
            lo = Math.min(lo, Math.min(fid[i], rows.get(i)[4]));
            hi = Math.max(hi, fid[i]);
        }
        double floor = rows.get(rows.size() - 1)[4];
        LineChart c = new LineChart("Sample quality per epoch: FID, lower is better", "epoch", "FID (log scale)")
                .line("FID of G(z)", epochs, fid).dots("each epoch", epochs, fid).legend(false)
                .subtitle(String.format(Locale.ROOT, "%d samples vs %d held-out images; dashed: two real sets, FID %.2f (the floor)", n, n, floor))
                .horizontalLine(floor).logY(true);
        if (lo > 0) c.yRange(lo / 1.5, hi * 1.5);
        if (epochs.length == 1) c.xRange(epochs[0] - 1, epochs[0] + 1);
        c.writePng(png, 800, 450);
    }
}
