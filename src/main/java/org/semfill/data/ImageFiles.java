package org.semfill.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.semfill.internal.UserError;

/**
 * Decoding single image files (PNG, JPEG, and whatever else the JDK's ImageIO reads: BMP, GIF, TIFF, WBMP)
 * into float pixels, with one clear error naming the file when that fails.
 */
public final class ImageFiles {
    private ImageFiles() {}

    private static final Set<String> SUFFIXES = new TreeSet<>();

    static {
        for (String s : ImageIO.getReaderFileSuffixes()) SUFFIXES.add(s.toLowerCase(Locale.ROOT));
    }

    /** True if the file name ends in a suffix ImageIO can read (png, jpg, jpeg, bmp, gif, tif, ...). */
    public static boolean hasImageSuffix(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && SUFFIXES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Decodes an image file; a missing, unreadable or undecodable file is a {@link UserError} naming it. */
    public static BufferedImage decode(Path file) {
        if (!Files.isRegularFile(file)) throw new UserError("no such image file: " + file);
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot decode image " + file + " (" + e.getMessage()
                    + "); remove it or convert it to PNG", e);
        }
        if (img == null)
            throw new UserError("cannot decode image " + file + ": not a format ImageIO reads ("
                    + String.join(", ", SUFFIXES) + "); remove it or convert it to PNG");
        return img;
    }

    /**
     * Reads an image file, crops its centred square and resizes that to size x size.
     * Returns float (channels, size, size) in [-1, 1].
     */
    public static float[] readSquare(Path file, int size, int channels) {
        return square(decode(file), size, channels);
    }

    /**
     * The centred square of a decoded image, resized to size x size: float (channels, size, size) in [-1, 1].
     * The image is not modified.
     */
    public static float[] square(BufferedImage img, int size, int channels) {
        int s = Math.min(img.getWidth(), img.getHeight());
        // Cropping the BufferedImage first shares its pixels, so only the square is converted to floats.
        BufferedImage square = img.getSubimage((img.getWidth() - s) / 2, (img.getHeight() - s) / 2, s, s);
        float[] pixels = Pixels.fromImage(square, channels); // (channels, s, s)
        return Resample.resize(pixels, channels, s, s, size, size);
    }
}
