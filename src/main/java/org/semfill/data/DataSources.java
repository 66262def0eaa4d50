package org.semfill.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;

/**
 * Turns a {@code --data} argument into an {@link ImageSet} of the size and channel count a model wants.
 *
 * <p>The argument is one of:
 * <ul>
 *   <li>{@code bundled}: the Fashion-MNIST subset shipped in the repository's {@code datasets/} folder
 *       (see {@code datasets/README.md});</li>
 *   <li>a path to an IDX images file, plain or gzip ({@link IdxReader});</li>
 *   <li>a path to a folder of photos, read with its subfolders ({@link ImageFolderReader}).</li>
 * </ul>
 * IDX images are 28 x 28: asked for 32 x 32 (the power-of-two size the DCGAN layer rule likes) they are padded
 * with 2 pixels of background on each side, as is usual for MNIST, so strokes stay sharp; any other size is
 * resized. Channels are converted by repeating the grey plane (1 -> 3) or taking the luma (3 -> 1).
 */
public final class DataSources {
    private DataSources() {}

    /** The {@code --data} word for the bundled dataset. */
    public static final String BUNDLED = "bundled";
    /** The bundled dataset's folder inside {@code datasets/}. */
    public static final String BUNDLED_NAME = "fashion-mnist";
    public static final String BUNDLED_TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String BUNDLED_HELD_OUT_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** System property naming a {@code datasets} folder to use before the usual places. */
    public static final String DATASETS_PROPERTY = "semfill.datasets";

    /**
     * Loads the images named by {@code spec}, as (N, channels, size, size).
     *
     * @param limit at most this many images (the first ones); 0 or less means all
     */
    public static ImageSet load(String spec, int size, int channels, int limit) {
        checkTarget(size, channels);
        if (spec == null || spec.isBlank())
            throw new UserError("no data given (give an IDX file, a folder of PNG/JPEG images, or 'bundled')");
        if (spec.trim().toLowerCase(Locale.ROOT).equals(BUNDLED))
            return conform(IdxReader.readImages(bundledFile(BUNDLED_TRAIN_IMAGES), limit), size, channels)
                    .withSource("bundled Fashion-MNIST training subset");
        Path path;
        try {
            path = Path.of(spec);
        } catch (InvalidPathException e) {
            throw new UserError("not a valid path: " + spec + " (give an IDX file, a folder of PNG/JPEG images,"
                    + " or 'bundled')");
        }
        if (Files.isDirectory(path)) return ImageFolderReader.read(path, size, channels, true, limit);
        if (Files.isRegularFile(path)) {
            if (ImageFiles.hasImageSuffix(path))
                throw new UserError(path + " is a single image; give the folder that holds the training images");
            return conform(IdxReader.readImages(path, limit), size, channels);
        }
        if (Files.exists(path)) ReadableFiles.require(path, DataSetting.DATA_SOURCE); // a FIFO or device: say what it is, not "no such file"
        throw new UserError("no such file or folder: " + spec
                + " (give an IDX file, a folder of PNG/JPEG images, or 'bundled')");
    }

    /**
     * The bundled held-out images (from Fashion-MNIST's test split, never trained on), for evaluating
     * completion on images the generator has not seen; (N, channels, size, size).
     */
    public static ImageSet loadBundledHeldOut(int size, int channels, int limit) {
        checkTarget(size, channels);
        return conform(IdxReader.readImages(bundledFile(BUNDLED_HELD_OUT_IMAGES), limit), size, channels)
                .withSource("bundled Fashion-MNIST held-out (test) subset");
    }

    /**
     * Brings a set to (N, channels, size, size): square IDX-style images a little smaller than the target
     * (a positive, even difference of at most a seventh of the side, such as 28 -> 32) are padded with the
     * background value -1; other sizes are centre-cropped to a square and resized; then channels are
     * converted. Returns the set itself when nothing changes.
     */
    public static ImageSet conform(ImageSet set, int size, int channels) {
        checkTarget(size, channels);
        int c = set.c(), h = set.h(), w = set.w();
        if (c == channels && h == size && w == size) return set;
        int in = set.imageSize(), out = channels * size * size;
        PreparedImages.checkFitsInMemory(set.n(), out, set.source());
        float[] pixels = new float[set.n() * out]; // (N, channels, size, size)
        float[] src = set.pixels();
        int diff = size - h;
        boolean pad = h == w && diff > 0 && diff % 2 == 0 && diff * 7 <= h;
        for (int i = 0; i < set.n(); i++) {
            float[] img = java.util.Arrays.copyOfRange(src, i * in, (i + 1) * in); // (C, H, W)
            if (pad) {
                img = Resample.pad(img, c, h, w, diff / 2, -1f);
            } else if (h != size || w != size) {
                int s = Math.min(h, w);
                if (h != w) img = Resample.centerCropSquare(img, c, h, w);
                img = Resample.resize(img, c, s, s, size, size);
            }
            img = Resample.convertChannels(img, c, size * size, channels);
            System.arraycopy(img, 0, pixels, i * out, out);
        }
        return new ImageSet(pixels, set.n(), channels, size, size, set.source());
    }

    /** A file of the bundled dataset; a {@link UserError} saying where it was looked for if missing. */
    public static Path bundledFile(String name) {
        List<Path> tried = new ArrayList<>();
        for (Path root : datasetRoots()) {
            Path file = root.resolve(BUNDLED_NAME).resolve(name);
            if (Files.isRegularFile(file)) return file;
            tried.add(file);
        }
        throw new SettingError(DataSetting.DATA_SOURCE, called -> "the bundled dataset is missing (looked for " + tried
                + "); run semfill from its own folder, set -D" + DATASETS_PROPERTY + "=DIR, or give " + called.apply(DataSetting.DATA_SOURCE) + " PATH");
    }

    /**
     * Where a {@code datasets} folder may be, in order: the {@value #DATASETS_PROPERTY} system property, the
     * working directory, then the folders above the jar or class folder this class was loaded from (so
     * {@code target/semfill.jar} finds {@code datasets/} beside {@code target/} from any working directory).
     */
    static List<Path> datasetRoots() {
        List<Path> roots = new ArrayList<>();
        String prop = System.getProperty(DATASETS_PROPERTY);
        if (prop != null && !prop.isBlank()) roots.add(Path.of(prop));
        roots.add(Path.of("datasets").toAbsolutePath());
        try {
            var location = DataSources.class.getProtectionDomain().getCodeSource().getLocation();
            for (Path candidate : besideCode(Path.of(location.toURI())))
                if (!roots.contains(candidate)) roots.add(candidate);
        } catch (URISyntaxException | RuntimeException e) {
            // No code location (unusual class loaders): the working directory is all we have.
        }
        return roots;
    }

    /**
     * The {@code datasets} folders next to the code: for {@code REPO/target/semfill.jar} or
     * {@code REPO/target/classes} these are {@code REPO/target/datasets} and {@code REPO/datasets}.
     */
    static List<Path> besideCode(Path codeLocation) {
        List<Path> out = new ArrayList<>();
        Path dir = codeLocation.toAbsolutePath().getParent();
        for (int up = 0; up < 2 && dir != null; up++, dir = dir.getParent()) out.add(dir.resolve("datasets"));
        return out;
    }

    private static void checkTarget(int size, int channels) {
        if (size < 1 || size > 4096) throw new UserError("image size must be between 1 and 4096, got " + size);
        if (channels != 1 && channels != 3) throw new UserError("channels must be 1 or 3, got " + channels);
    }
}
