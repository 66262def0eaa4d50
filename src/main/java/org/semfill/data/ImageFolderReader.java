package org.semfill.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.UserError;

/**
 * Reads a folder of photos (PNG, JPEG, or anything else ImageIO decodes) into an {@link ImageSet} of
 * size x size images: each photo is cropped to its centred square and resized with area averaging
 * ({@link Resample}), then converted to 1 channel (luma) or 3 (RGB). This is the usual preparation of face
 * datasets such as CelebA for a DCGAN (Radford et al. 2015 centre-crop and scale to 64 x 64).
 *
 * <p>Files are taken in order of their path relative to the folder, so the same folder always gives the same
 * set. Files whose suffix is not an image suffix, and hidden files and folders (name starting with a dot,
 * such as the {@code ._photo.jpg} companions macOS leaves), are ignored. A subfolder that is a semfill run folder
 * ({@link RunFolderMarker}) is listed as skipped: its pictures are a run's samples, not photos. A file with an image suffix that cannot be decoded
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
        PreparedImages.checkFitsInMemory(n, imageSize, "folder " + folder);
        float[] pixels = new float[n * imageSize]; // (N, C, size, size)
        for (int i = 0; i < n; i++) {
            float[] img = ImageFiles.readSquare(files.get(i), size, channels);
            System.arraycopy(img, 0, pixels, i * imageSize, imageSize);
        }
        return new ImageSet(pixels, n, channels, size, size, "folder " + folder);
    }

    /** The image files that {@link #read} would load, in the order it loads them. */
    public static List<Path> list(Path folder, boolean recursive) {
        return entries(folder, recursive).stream().filter(e -> e.unreadable() == null).map(Entry::file).collect(Collectors.toList());
    }

    /**
     * An image file of a folder, with what tells whether it changed: its size and modification time; or a file or
     * subfolder the walk could not read, with the operating system's reason ({@code unreadable}, else null), so that
     * it is counted and listed rather than left out in silence; or a run folder, left out on purpose ({@code runFolder}).
     */
    public record Entry(Path file, String relative, long bytes, long modifiedMillis, String unreadable, boolean runFolder) {
        public Entry(Path file, String relative, long bytes, long modifiedMillis, String unreadable) {
            this(file, relative, bytes, modifiedMillis, unreadable, false);
        }

        public Entry(Path file, String relative, long bytes, long modifiedMillis) {
            this(file, relative, bytes, modifiedMillis, null);
        }
    }

    /**
     * The image files of {@code folder} (and its subfolders if {@code recursive}) in a fixed order: by their path
     * relative to the folder, with '/' separators. Sizes and times come with the listing (one directory walk, no
     * extra call per file), which matters for a folder of 200,000 photos.
     */
    public static List<Entry> entries(Path folder, boolean recursive) {
        if (!Files.isDirectory(folder)) throw new UserError("no such folder: " + folder);
        if (RunFolderMarker.isRunFolder(folder))
            throw new UserError(folder + " is a semfill run folder (" + RunFolderMarker.CONFIG + " and its model), not photos: give the folder of the training photos");
        List<Entry> out = new ArrayList<>();
        try {
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), recursive ? Integer.MAX_VALUE : 1, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(folder)) return FileVisitResult.CONTINUE;
                    Path rel = folder.relativize(dir);
                    if (hidden(rel)) return FileVisitResult.SKIP_SUBTREE;
                    if (RunFolderMarker.isRunFolder(dir)) {
                        out.add(new Entry(dir, portable(rel), -1, 0, "left out " + dir + ": a semfill run folder (its pictures are a run's "
                                + "samples, not photos)", true));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path rel = folder.relativize(file);
                    if (attrs.isRegularFile() && !hidden(rel) && ImageFiles.hasImageSuffix(file))
                        out.add(new Entry(file, portable(rel), attrs.size(), attrs.lastModifiedTime().toMillis()));
                    else if (attrs.isSymbolicLink() && !hidden(rel)) // links are followed, so this one leads nowhere
                        out.add(new Entry(file, portable(rel), -1, 0, "cannot read " + file + ": a broken link (its target does not exist)"));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (file.equals(folder)) throw e;
                    Path rel = folder.relativize(file);
                    if (!hidden(rel)) // an unreadable subfolder may hold photos: list it with the reason, never drop it silently
                        out.add(new Entry(file, portable(rel), -1, 0, (Files.isDirectory(file) ? "cannot read folder " : "cannot read ")
                                + file + ": " + ReadableFiles.reason(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("cannot list folder " + folder + ": " + ReadableFiles.reason(e), e);
        }
        out.sort(Comparator.comparing(Entry::relative));
        return out;
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
