package org.semfill.quality;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.semfill.data.DataSource;
import org.semfill.data.DataSources;
import org.semfill.gan.RunDirectory;
import org.semfill.gan.Dcgan;
import org.semfill.gan.ModelFiles;
import org.semfill.gan.TrainOptions;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Rng;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;

/**
 * What did a trained GAN learn? The job of {@code semfill inspect}: the FID of its samples (with the FID of two
 * real sets as the floor), the memorisation check, and a short Markdown report tying them together. Writes
 * {@code memorisation.png}, {@code memorisation-distances.png} and {@code inspect.md} into the output folder.
 */
public final class Inspection {
    private Inspection() {}

    /**
     * What to inspect and how.
     *
     * @param data     the data spec ({@code bundled}, an IDX file, a folder); null = the one in the run's config.json, else bundled
     * @param holdOut  images the run held out; null = from the run's config.json, else 0
     * @param gridRows samples shown in the memorisation grid
     * @param k        nearest training images shown per row
     * @param n        samples (and real images) for the FID and the distance distributions
     */
    public record Settings(Path model, DataSource data, Integer holdOut, Path out, int gridRows, int k, int n, long seed) {
        public Settings {
            if (gridRows < 1 || gridRows > 256) throw SettingError.of(InspectionSetting.SAMPLES, "must be between 1 and 256, got " + gridRows);
            if (k < 1 || k > 16) throw SettingError.of(InspectionSetting.NEIGHBOURS, "must be between 1 and 16, got " + k);
            if (n < RealData.MIN_IMAGES || n > 100_000)
                throw SettingError.of(InspectionSetting.IMAGES, "must be between " + RealData.MIN_IMAGES + " and 100000, got " + n);
        }
    }

    /** What the inspection found. */
    public record Report(FrechetDistance.Result fid, double realFloor, int n, MemorisationCheck.Result memorisation,
                         FeatureNetCache.Entry featureNet, Path markdown) {}

    public static Report run(Settings s, PrintStream log) {
        RunDirectory folder = RunDirectory.ofModel(s.model());
        Dcgan gan = folder.model();
        Path runDir = folder.path();
        // A run directory knows its data, hold-out and limit; a model file from elsewhere does not.
        TrainOptions trained = folder.configIfAny();
        DataSource source = s.data().orElse(trained != null ? trained.data() : DataSources.BUNDLED);
        String spec = source.spec();
        int holdOut = s.holdOut() != null ? s.holdOut() : trained != null ? trained.holdOut() : 0;
        int limit = !s.data().given() && trained != null ? trained.limit() : 0;
        int crop = !s.data().given() && trained != null ? trained.crop() : 0;
        RealData data = RealData.load(source, gan.config.size(), gan.config.channels(), crop, limit, holdOut);
        FeatureNetCache.Entry ruler = FeatureNetCache.obtain(data, FeatureNetCache.folderFor(runDir), log);
        log.println(ruler.describe());

        int n = Math.min(s.n(), Math.min(data.heldOut().n(), data.train().n()));
        int rows = Math.min(s.gridRows(), n), controls = Math.min(4, data.heldOut().n());
        float[] samples = FidMeter.generate(gan, gan.sampleZ(new Rng(s.seed()), n));
        FidMeter meter = new FidMeter(ruler.net(), data.heldOut().pixels(), n);
        FrechetDistance.Result fid = meter.measure(samples, n);
        double floor = meter.measure(Arrays.copyOf(data.train().pixels(), n * data.train().imageSize()), n).value();
        try {
            Files.createDirectories(s.out());
        } catch (IOException e) {
            throw new UserError("cannot create the output folder " + s.out() + ": " + ReadableFiles.reason(e));
        }
        Path grid = s.out().resolve("memorisation.png"), histogram = s.out().resolve("memorisation-distances.png");
        MemorisationCheck.Result memo = MemorisationCheck.run(samples, n, data.train(), data.heldOut(), rows, controls, s.k(), grid, histogram);

        String md = markdown(s, gan, spec, data, ruler, n, fid, floor, memo, QualityTracker.read(runDir.resolve(QualityTracker.CSV)));
        Path report = s.out().resolve("inspect.md");
        try {
            AtomicFiles.writeString(report, md);
        } catch (IOException e) {
            throw new UserError("cannot write " + report + ": " + ReadableFiles.reason(e));
        }
        log.printf(Locale.ROOT, "FID of %d samples vs %d held-out images: %s%n", n, n, fid);
        log.printf(Locale.ROOT, "FID of %d training vs %d held-out images (the floor): %.2f%n", n, n, floor);
        log.println(memo.summary());
        return new Report(fid, floor, n, memo, ruler, report);
    }

    private static String markdown(Settings s, Dcgan gan, String spec, RealData data, FeatureNetCache.Entry ruler, int n,
                                   FrechetDistance.Result fid, double floor, MemorisationCheck.Result memo, List<double[]> perEpoch) {
        StringBuilder md = new StringBuilder();
        md.append("# What did the GAN learn?\n\n");
        md.append("- model: `").append(s.model()).append("` (").append(gan.config).append(")\n");
        md.append("- data: `").append(spec).append("`: ").append(data.train().n()).append(" training images, ")
                .append(data.heldOut().n()).append(" held-out images").append(data.heldOutWasTrainedOn()
                        ? " (NOTE: the last images of the data; the generator was trained on them too, train with --hold-out for a clean split)" : "")
                .append("\n");
        md.append("- ").append(ruler.describe()).append("\n\n");
        md.append("## Sample quality (Fréchet distance in the feature network's 64-d feature space)\n\n");
        md.append("| compared | FID | mean term | covariance term |\n|---|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %d samples of G vs %d held-out images | %.2f | %.2f | %.2f |%n", n, n, fid.value(), fid.meanTerm(), fid.covarianceTerm()));
        md.append(String.format(Locale.ROOT, "| %d training vs %d held-out images (the floor) | %.2f | | |%n%n", n, n, floor));
        md.append("Lower is better; the floor is what a perfect generator would score with this many images. The mean term says how far ")
                .append("the average sample is from the average real image; the covariance term grows when samples vary too little ")
                .append("(mode collapse) or in the wrong ways.\n\n");
        if (!perEpoch.isEmpty()) {
            md.append("Per epoch during training (`quality.csv`, chart `quality.png` in the run):\n\n| epoch | FID |\n|---:|---:|\n");
            for (double[] row : perEpoch) md.append(String.format(Locale.ROOT, "| %d | %.2f |%n", (int) row[0], row[1]));
            md.append('\n');
        }
        md.append("## Memorisation check\n\n```\n").append(memo.summary()).append("\n```\n\n");
        md.append("![nearest training images](memorisation.png)\n\n");
        md.append("Each row: an image, then its ").append(s.k()).append(" nearest training images; the row label gives their distances. ")
                .append("The last rows are held-out real images, as a yardstick: they are certainly not copies.\n\n");
        md.append("![distance distributions](memorisation-distances.png)\n");
        return md.toString();
    }
}
