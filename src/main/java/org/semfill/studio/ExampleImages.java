package org.semfill.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.semfill.gan.RunDirectory;
import org.semfill.data.DataSources;
import org.semfill.data.ImageSet;
import org.semfill.data.PreparedImages;
import org.semfill.gan.TrainOptions;
import org.semfill.internal.UserError;

/**
 * The example images the studio offers beside uploads, taken from the model's own data, in this order:
 * <ol>
 *   <li>{@code --data PATH}: the first images of PATH (a folder of photos, an IDX file or {@code bundled});</li>
 *   <li>the run's {@value #HELD_OUT_FILE}: the images {@code semfill train --hold-out N} kept out of training;</li>
 *   <li>a run trained on {@code bundled}: the bundled Fashion-MNIST held-out (test) images;</li>
 *   <li>a run trained on another source that still exists: its first images, labelled as training data (the
 *       model saw them);</li>
 *   <li>otherwise none, with a hint; uploads still work.</li>
 * </ol>
 * Garments are offered only to a model trained on the bundled data (or when asked for with {@code --data bundled}).
 *
 * @param images the examples (N, C, S, S) at the model's size, or null for none
 * @param note   where they come from, or why there are none: shown on the page and printed at startup
 */
public record ExampleImages(ImageSet images, String note) {
    /** The run's held-out images, written by the trainer with {@code --hold-out N}. */
    static final String HELD_OUT_FILE = RunDirectory.HELD_OUT;
    static final String HINT = "start the studio with --data FOLDER, or train with --hold-out N";

    public ExampleImages {
        if (note == null) throw new IllegalArgumentException("an example set needs a note");
        if (images != null && images.n() == 0) images = null;
    }

    /** No examples, for the given reason. */
    public static ExampleImages none(String why) {
        return new ExampleImages(null, why);
    }

    /** How many examples there are. */
    public int n() {
        return images == null ? 0 : images.n();
    }

    /**
     * The examples for the model at {@code model} (a run directory, or a generator file whose folder may be a run).
     *
     * @param data     the studio's {@code --data} (null when not given): it wins over everything the run has
     * @param size     the model's image size
     * @param channels the model's channels
     * @param count    at most this many examples; 0 for none
     * @throws UserError only when {@code data} is given and cannot be read (anything the run lacks just means fewer choices)
     */
    public static ExampleImages choose(Path model, String data, int size, int channels, int count) {
        if (count <= 0) return none("no example images asked for (--examples 0)");
        if (data != null && !data.isBlank()) {
            ImageSet set = DataSources.conform(DataSources.load(data, size, channels, count), size, channels);
            String what = isBundled(data) ? "the " + set.source() : data;
            return new ExampleImages(set, "the first " + set.n() + " images of " + what + " (--data), at " + size + " x " + size);
        }
        Path run = runOf(model);
        if (run == null) return none("no example images (the model has no run folder): " + HINT);
        String problem = "";
        Path heldOut = run.resolve(HELD_OUT_FILE);
        if (Files.isRegularFile(heldOut)) {
            try {
                return heldOut(heldOut, size, channels, count);
            } catch (UserError | IllegalArgumentException e) {
                problem = "; " + heldOut + " is unreadable: " + e.getMessage();
            }
        }
        if (!Files.isRegularFile(run.resolve(RunDirectory.CONFIG)))
            return none("no example images (no " + RunDirectory.CONFIG + " in " + run + problem + "): " + HINT);
        TrainOptions o;
        try {
            o = RunDirectory.of(run).config();
        } catch (UserError e) {
            return none("no example images (" + e.getMessage() + problem + "): " + HINT);
        }
        String source = o.data();
        if (source == null || source.isBlank()) return none("no example images (the run's config names no data" + problem + "): " + HINT);
        if (isBundled(source)) {
            try {
                ImageSet set = DataSources.loadBundledHeldOut(size, channels, count);
                return new ExampleImages(set, set.n() + " images of the " + set.source() + ", never trained on, at " + size + " x " + size);
            } catch (UserError e) {
                return none("no example images (" + e.getMessage() + "): " + HINT);
            }
        }
        try {
            ImageSet set = DataSources.conform(DataSources.load(source, size, channels, count), size, channels);
            return new ExampleImages(set, set.n() + " images from the training data (" + source + "): the model saw them while training"
                    + "; for unseen ones, train with --hold-out N or start the studio with --data FOLDER");
        } catch (UserError e) {
            String why = exists(source) ? "cannot be read: " + e.getMessage() : "is gone";
            return none("no example images (the training data " + source + " " + why + problem + "): " + HINT);
        }
    }

    private static boolean isBundled(String spec) {
        return spec.trim().toLowerCase(Locale.ROOT).equals(DataSources.BUNDLED);
    }

    private static boolean exists(String path) {
        try {
            return Files.exists(Path.of(path));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The run folder of a model: the directory itself, or a generator file's folder when it holds config.json; else null. */
    static Path runOf(Path model) {
        if (Files.isDirectory(model)) return model;
        Path parent = model.toAbsolutePath().normalize().getParent();
        return parent != null && Files.isRegularFile(parent.resolve(RunDirectory.CONFIG)) ? parent : null;
    }

    private static ExampleImages heldOut(Path file, int size, int channels, int count) {
        ImageSet set;
        try (PreparedImages p = PreparedImages.open(file, "held-out images of the run", RunDirectory.HELD_OUT_REMEDY)) {
            set = p.load(0, Math.min(count, p.n()));
        }
        if (set.n() == 0) throw new UserError("it holds no images");
        set = DataSources.conform(set, size, channels);
        return new ExampleImages(set, set.n() + " held-out images of the run, never trained on (" + file + ")");
    }
}
