package org.semfill.quality;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.semfill.charts.HistogramChart;
import org.semfill.data.ImageSet;
import org.semfill.internal.Check;
import org.semfill.io.ImageGrid;

/**
 * Did the generator learn to make new images, or to copy training images? For generated samples, the nearest
 * training images in pixel space, side by side, with their distances; and as a yardstick, the same for real
 * images that were never trained on (a held-out image is certainly not a copy). If samples sit much closer to
 * the training set than held-out images do, G is reproducing its training data (the check of Radford et al.
 * 2015, section 6.1, and of many GAN papers since).
 *
 * <p>Pixel distance is a blunt instrument: a shifted copy is far, a blurry average image is fairly close
 * to many images. Look at the grid, not only at the numbers.
 */
public final class MemorisationCheck {
    /** Fraction of samples closer than the closest 1% of held-out images above which we call it copying. */
    static final double COPY_ALERT = 0.05;
    static final double COPY_PERCENTILE = 0.01;

    private MemorisationCheck() {}

    /**
     * Nearest-distance distributions: of each generated sample and of each held-out real image to the training set.
     */
    public record Result(double[] sampleNearest, double[] heldOutNearest) {
        /** The distance below which only 1% of held-out images come: closer than that is suspiciously close. */
        public double copyThreshold() {
            return quantile(heldOutNearest, COPY_PERCENTILE);
        }

        /** Fraction of samples closer to a training image than {@link #copyThreshold()}: about 0.01 when G does not copy. */
        public double fractionSuspiciouslyClose() {
            double t = copyThreshold();
            return Arrays.stream(sampleNearest).filter(d -> d < t).count() / (double) sampleNearest.length;
        }

        public boolean looksLikeCopying() {
            return fractionSuspiciouslyClose() > COPY_ALERT;
        }

        /** A few lines for a learner. */
        public String summary() {
            return String.format(Locale.ROOT,
                    "nearest training image, pixel L2 distance (median [10th-90th percentile]):%n"
                            + "  generated samples    %.2f [%.2f - %.2f]  (n = %d)%n"
                            + "  held-out real images %.2f [%.2f - %.2f]  (n = %d)%n"
                            + "%.1f%% of samples are closer to a training image than 99%% of held-out images are (< %.2f); %s",
                    quantile(sampleNearest, 0.5), quantile(sampleNearest, 0.1), quantile(sampleNearest, 0.9), sampleNearest.length,
                    quantile(heldOutNearest, 0.5), quantile(heldOutNearest, 0.1), quantile(heldOutNearest, 0.9), heldOutNearest.length,
                    100 * fractionSuspiciouslyClose(), copyThreshold(),
                    looksLikeCopying() ? "that is MORE than the ~1% expected: G may be copying training images; look at the grid"
                            : "about the 1% expected when G makes new images rather than copies");
        }
    }

    /**
     * Measures the nearest training distances of {@code samples} (m, C, H, W) and of the held-out images, and
     * writes {@code gridPng}: one row per sample for the first {@code gridRows} samples, then {@code controlRows}
     * rows for held-out images; each row is the image and its {@code k} nearest training images, the row label
     * giving the distances. Also writes a histogram of both distance distributions to {@code histogramPng} (if not null).
     */
    public static Result run(float[] samples, int m, ImageSet train, ImageSet heldOut, int gridRows, int controlRows, int k,
                             Path gridPng, Path histogramPng) {
        int p = train.imageSize();
        Check.arg(samples.length == m * p, "samples do not match the training images' size " + Arrays.toString(train.imageShape()));
        Check.arg(gridRows <= m && controlRows <= heldOut.n(), "more grid rows than images");
        NearestNeighbours.Result gen = NearestNeighbours.find(samples, m, train.pixels(), train.n(), p, k);
        int h = Math.min(m, heldOut.n());
        NearestNeighbours.Result real = NearestNeighbours.find(Arrays.copyOf(heldOut.pixels(), h * p), h, train.pixels(), train.n(), p, k);
        Result result = new Result(gen.nearest(), real.nearest());
        writeGrid(gridPng, samples, gen, gridRows, heldOut.pixels(), real, controlRows, train, k, result);
        if (histogramPng != null) writeHistogram(histogramPng, result);
        return result;
    }

    private static void writeGrid(Path png, float[] samples, NearestNeighbours.Result gen, int gridRows, float[] heldOut,
                                  NearestNeighbours.Result real, int controlRows, ImageSet train, int k, Result result) {
        int p = train.imageSize(), cols = k + 1, rows = gridRows + controlRows;
        float[] cells = new float[rows * cols * p]; // (rows * (k + 1), C, H, W)
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            boolean control = r >= gridRows;
            int q = control ? r - gridRows : r;
            NearestNeighbours.Result nn = control ? real : gen;
            System.arraycopy(control ? heldOut : samples, q * p, cells, r * cols * p, p);
            StringBuilder label = new StringBuilder(control ? "real " : "G(z) ");
            for (int j = 0; j < k; j++) {
                System.arraycopy(train.pixels(), nn.index()[q][j] * p, cells, (r * cols + 1 + j) * p, p);
                label.append(j == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", nn.distance()[q][j]));
            }
            labels.add(label.toString());
        }
        List<String> titles = new ArrayList<>(List.of("image"));
        for (int j = 1; j <= k; j++) titles.add("nearest " + j);
        new ImageGrid(cols).title(String.format(Locale.ROOT, "Nearest training images (L2); %d samples, then %d held-out real images; %.1f%% of samples too close",
                        gridRows, controlRows, 100 * result.fractionSuspiciouslyClose()))
                .columnTitles(titles).rowLabels(labels)
                .write(png, cells, rows * cols, train.c(), train.h(), train.w());
    }

    private static void writeHistogram(Path png, Result r) {
        double hi = Math.max(max(r.sampleNearest()), max(r.heldOutNearest())) * 1.02;
        new HistogramChart("Distance to the nearest training image", "pixel L2 distance", "density")
                .histogram("generated samples", r.sampleNearest(), 40, 0, hi)
                .histogram("held-out real images", r.heldOutNearest(), 40, 0, hi)
                .writePng(png, 800, 450);
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(1);
    }

    /** The q-quantile (0..1) of the values, by linear interpolation between order statistics. */
    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
