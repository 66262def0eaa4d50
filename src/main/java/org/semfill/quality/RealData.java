package org.semfill.quality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.semfill.data.DataSources;
import org.semfill.data.IdxReader;
import org.semfill.data.ImageSet;
import org.semfill.internal.UserError;

/**
 * Real images to measure a generator against, at the generator's size and channel count: the images it was
 * trained on ({@code train}) and images it never saw ({@code heldOut}), each with class labels when the data has
 * them (null otherwise).
 *
 * <p>Where the held-out images come from:
 * <ul>
 *   <li>{@code bundled}: the 1,000 Fashion-MNIST test images shipped beside the training subset;</li>
 *   <li>a run trained with {@code --hold-out H}: the same last H images the trainer kept out;</li>
 *   <li>otherwise the last tenth of the data (at most 1,000 images). NOTE: the generator was trained on those
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

    public boolean labelled() {
        return trainLabels != null;
    }

    /**
     * Loads the data as {@code Trainer.loadData} does for the same {@code limit} and {@code holdOut}, plus labels
     * and held-out images.
     */
    public static RealData load(String spec, int size, int channels, int limit, int holdOut) {
        boolean bundled = spec.trim().toLowerCase(Locale.ROOT).equals(DataSources.BUNDLED);
        int want = limit > 0 ? limit + holdOut : 0;
        ImageSet all = DataSources.load(spec, size, channels, want);
        int[] labels = labelsFor(spec, bundled, all.n());
        if (all.n() < MIN_IMAGES) throw new UserError(spec + " has " + all.n() + " images; measuring quality needs at least " + MIN_IMAGES);
        if (bundled) {
            ImageSet heldOut = DataSources.loadBundledHeldOut(size, channels, 0);
            int[] heldOutLabels = IdxReader.readLabels(DataSources.bundledFile("t10k-labels-idx1-ubyte.gz"), heldOut.n());
            ImageSet train = holdOut > 0 ? all.split(holdOut).train() : all;
            return new RealData(spec, train, cut(labels, 0, train.n()), heldOut, heldOutLabels, false);
        }
        int h = holdOut > 0 ? holdOut : Math.min(MAX_HELD_OUT, all.n() / 10);
        ImageSet.Split split = all.split(h);
        return new RealData(spec, split.train(), cut(labels, 0, all.n() - h), split.heldOut(), cut(labels, all.n() - h, all.n()), holdOut == 0);
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
        return a == null ? null : java.util.Arrays.copyOfRange(a, from, to);
    }
}
