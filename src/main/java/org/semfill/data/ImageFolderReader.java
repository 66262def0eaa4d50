package org.semfill.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.semfill.internal.UserError;

/**
 * Reads a folder of photos (PNG, JPEG, or anything else ImageIO decodes) into an {@link ImageSet} of
 * size x size images: each photo is cropped to its centred square and resized with area averaging
 * ({@link Resample}), then converted to 1 channel (luma) or 3 (RGB). This is the usual preparation of face
 * datasets such as CelebA for a DCGAN (Radford et al. 2015 centre-crop and scale to 64 x 64).
 *
 * <p>Files are taken in order of their path relative to the folder, so the same folder always gives the same
 * set. Files whose suffix is not an image suffix, and hidden files and folders (name starting with a dot,
 * such as the {@code ._photo.jpg} companions macOS leaves), are ignored. A file with an image suffix that cannot be decoded
 * stops the load with a {@link UserError} naming it: the user chose this folder, and silently training on
 * fewer images than it holds would surprise them.
 */
public final class ImageFolderReader {
    private ImageFolderReader() {}

    /**
     * Loads the images of {@code folder}.
     *
     * @param size      side of the square output images
     * @param channels  1 (grayscale) or 3 (RGB)
     * @param recursive also read the folder's subfolders
     * @param limit     read at most this many images (the first in order); 0 or less means all
     */
    public static ImageSet read(Path folder, int size, int channels, boolean recursive, int limit) {
        List<Path> files = list(folder, recursive);
        if (files.isEmpty())
            throw new UserError("no images (PNG, JPEG, ...) in folder " + folder
                    + (recursive ? "" : " (its subfolders were not searched)"));
        if (limit > 0 && files.size() > limit) files = files.subList(0, limit);
        int n = files.size(), imageSize = channels * size * size;
        float[] pixels = new float[n * imageSize]; // (N, C, size, size)
        for (int i = 0; i < n; i++) {
            float[] img = ImageFiles.readSquare(files.get(i), size, channels);
            System.arraycopy(img, 0, pixels, i * imageSize, imageSize);
        }
        return new ImageSet(pixels, n, channels, size, size, "folder " + folder);
    }

    /** The image files that {@link #read} would load, in the order it loads them. */
    public static List<Path> list(Path folder, boolean recursive) {
        if (!Files.isDirectory(folder)) throw new UserError("no such folder: " + folder);
        try (Stream<Path> paths = recursive ? Files.walk(folder) : Files.list(folder)) {
            return paths.filter(p -> !hidden(folder.relativize(p)))
                    .filter(p -> ImageFiles.hasImageSuffix(p) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> portable(folder.relativize(p))))
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("cannot list folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** True if any part of the relative path starts with a dot (hidden file or inside a hidden folder). */
    private static boolean hidden(Path relative) {
        for (Path part : relative)
            if (part.toString().startsWith(".")) return true;
        return false;
    }

    /** A relative path with '/' separators, so the order is the same on every operating system. */
    private static String portable(Path relative) {
        StringBuilder sb = new StringBuilder();
        for (Path part : relative) {
            if (sb.length() > 0) sb.append('/');
            sb.append(part);
        }
        return sb.toString();
    }
}
