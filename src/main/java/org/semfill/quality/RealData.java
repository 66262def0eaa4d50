package org.semfill.quality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.semfill.data.DataSource;
import org.semfill.data.DataSources;
import org.semfill.data.IdxReader;
import org.semfill.data.ImageSet;
import org.semfill.data.PrepareOptions;
import org.semfill.data.PreparedImages;
import org.semfill.internal.UserError;
import org.semfill.kernels.Parallel;

/**
 * Real images to measure a generator against, at the generator's size and channel count: the images it was
 * trained on ({@code train}) and images it never saw ({@code heldOut}), each with class labels when the data has
 * them (null otherwise).
 *
 * <p>Where the held-out images come from:
 * <ul>
 *   <li>{@code bundled}: the 1,000 Fashion-MNIST test images shipped beside the training subset;</li>
 *   <li>a run trained with {@code --hold-out H}: the same last H images the trainer kept out;</li>
 *   <li>otherwise the last tenth of the data (at most 1,000 images). The generator was trained on those
 *       too, so train with {@code --hold-out} for a clean comparison.</li>
 * </ul>
 * Labels: an IDX images file {@code X-images-idx3-ubyte[.gz]} is labelled when {@code X-labels-idx1-ubyte[.gz]}
 * sits beside it (the MNIST and Fashion-MNIST naming).
 *
 * @param heldOutWasTrainedOn true when the held-out images were part of the generator's training data
 */
public record RealData(String spec, ImageSet train, int[] trainLabels, ImageSet heldOut, int[] heldOutLabels,
                       boolean heldOutWasTrainedOn) {
    /** Fewer images than this cannot give a meaningful mean and covariance of 64 features. */
    public static final int MIN_IMAGES = 100;
    static final int MAX_HELD_OUT = 1000;
    /** Training images kept in memory for measuring: at most this many floats (240 MB). */
    static final long MAX_TRAIN_VALUES = 60_000_000L;

    public boolean labelled() {
        return trainLabels != null;
    }

    /**
     * Loads the data as {@code RunData.prepare} does for the same {@code limit} and {@code holdOut} (through the
     * prepared cache), plus labels and held-out images. Large data is measured on fixed subsets: the first training
     * images up to {@value #MAX_TRAIN_VALUES} floats (6,000 garments, or 4,882 faces at 64 x 64 colour) and the first
     * {@value #MAX_HELD_OUT} held-out ones, so the quality check costs the same for 10,000 images as for 200,000.
     */
    public static RealData load(String spec, int size, int channels, int limit, int holdOut) {
        return load(DataSource.of(spec), size, channels, 0, limit, holdOut);
    }

    /** As {@link #load(String, int, int, int, int)} from {@code source}, photos cropped to their centred crop x crop square first. */
    public static RealData load(DataSource source, int size, int channels, int crop, int limit, int holdOut) {
        String spec = source.spec();
        boolean bundled = spec.trim().toLowerCase(Locale.ROOT).equals(DataSources.BUNDLED);
        PrepareOptions po = new PrepareOptions(size, channels, crop, limit > 0 ? limit + holdOut : 0, false);
        try (PreparedImages all = source.prepare(po, Parallel.threads(), System.out).images()) {
            int n = all.n();
            if (n < MIN_IMAGES) throw new UserError(spec + " has " + n + " images; measuring quality needs at least " + MIN_IMAGES);
            int[] labels = labelsFor(spec, bundled, n);
            int trainCap = (int) Math.max(MIN_IMAGES, MAX_TRAIN_VALUES / all.imageSize());
            if (bundled) {
                ImageSet heldOut = DataSources.loadBundledHeldOut(size, channels, 0);
                int[] heldOutLabels = IdxReader.readLabels(DataSources.bundledFile("t10k-labels-idx1-ubyte.gz"), heldOut.n());
                int train = Math.min(n - holdOut, trainCap);
                return new RealData(spec, all.load(0, train), cut(labels, 0, train), heldOut, heldOutLabels, false);
            }
            int h = holdOut > 0 ? holdOut : Math.min(MAX_HELD_OUT, n / 10);
            if (h >= n) throw new UserError("cannot hold out " + h + " of the " + n + " images of " + spec + "; hold out fewer");
            int train = Math.min(n - h, trainCap), held = Math.min(h, MAX_HELD_OUT);
            return new RealData(spec, all.load(0, train), cut(labels, 0, train), all.load(n - h, n - h + held),
                    cut(labels, n - h, n - h + held), holdOut == 0);
        }
    }

    private static int[] labelsFor(String spec, boolean bundled, int n) {
        Path file = bundled ? DataSources.bundledFile("train-labels-idx1-ubyte.gz") : labelFileBeside(Path.of(spec));
        if (file == null) return null;
        int[] labels = IdxReader.readLabels(file, n);
        if (labels.length < n) throw new UserError(file + " has " + labels.length + " labels for " + n + " images; give the matching labels file");
        return labels;
    }

    /** The labels file that goes with an IDX images file, or null (folders and unlabelled files). */
    static Path labelFileBeside(Path images) {
        if (!Files.isRegularFile(images)) return null;
        String name = images.getFileName().toString();
        if (!name.contains("images-idx3")) return null;
        Path labels = images.resolveSibling(name.replace("images-idx3", "labels-idx1"));
        return Files.isRegularFile(labels) ? labels : null;
    }

    private static int[] cut(int[] a, int from, int to) {
        return a == null ? null : Arrays.copyOfRange(a, from, to);
    }
}
