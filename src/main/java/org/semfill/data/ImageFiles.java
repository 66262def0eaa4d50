package org.semfill.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
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

    /** Largest image decoded (pixels): a small file can claim a huge size, and decoding it would fill the heap. */
    public static final long MAX_PIXELS = 64L << 20;

    /**
     * Decodes an image file; a missing, unreadable, undecodable or oversized file is a {@link UserError} naming it.
     * The size in the file's header is checked against {@link #MAX_PIXELS} before any pixel is decoded.
     */
    public static BufferedImage decode(Path file) {
        if (!Files.isRegularFile(file)) throw new UserError("no such image file: " + file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, "image " + file);
        } catch (IOException e) {
            throw new UserError("cannot read image " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Decodes an image held in memory (an upload, a painted mask), with the same checks as {@link #decode(Path)}:
     * the header's size is checked before any pixel is decoded. {@code what} names it in errors ("the uploaded image").
     */
    public static BufferedImage decode(byte[] bytes, String what) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return decode(in, what);
        } catch (IOException e) {
            throw new UserError("cannot read " + what + " (" + e.getMessage() + ")", e);
        }
    }

    /** The one reader behind both: format from the content, size from the header, then the pixels. */
    private static BufferedImage decode(ImageInputStream in, String what) {
        try {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext())
                throw new UserError("cannot decode " + what + ": not a format ImageIO reads ("
                        + String.join(", ", SUFFIXES) + "); remove it or convert it to PNG");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS)
                    throw new UserError(String.format("%s is %d x %d pixels, more than the %d megapixels semfill decodes; "
                            + "shrink it first", what, reader.getWidth(0), reader.getHeight(0), MAX_PIXELS >> 20));
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError u) throw u;
            throw new UserError("cannot decode " + what + " (" + e.getMessage() + "); remove it or convert it to PNG", e);
        }
    }

    /**
     * Reads an image file, crops its centred square and resizes that to size x size.
     * Returns float (channels, size, size) in [-1, 1].
     */
    public static float[] readSquare(Path file, int size, int channels) {
        return square(decode(file), size, channels, 0);
    }

    /**
     * The centred square of a decoded image, resized to size x size: float (channels, size, size) in [-1, 1].
     * With {@code crop > 0} the square is at most crop x crop (the usual face preparation: CelebA's aligned
     * 178 x 218 photos give their centred 108 x 108, where the face is, before scaling to 64 x 64).
     * The image is not modified.
     */
    public static float[] square(BufferedImage img, int size, int channels, int crop) {
        int s = Math.min(img.getWidth(), img.getHeight());
        if (crop > 0) s = Math.min(s, crop);
        // Cropping the BufferedImage first shares its pixels, so only the square is converted to floats.
        BufferedImage square = img.getSubimage((img.getWidth() - s) / 2, (img.getHeight() - s) / 2, s, s);
        float[] pixels = Pixels.fromImage(square, channels); // (channels, s, s)
        return Resample.resize(pixels, channels, s, s, size, size);
    }

    /** {@link #square(BufferedImage, int, int, int)} without a crop limit. */
    public static float[] square(BufferedImage img, int size, int channels) {
        return square(img, size, channels, 0);
    }
}
