package org.semfill.data;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import org.semfill.internal.ReadableFiles;
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
        ReadableFiles.require(file, "image file");
        java.io.RandomAccessFile raf;
        try { // opened here, not by ImageIO, which turns "permission denied" into "no reader for this format"
            raf = new java.io.RandomAccessFile(file.toFile(), "r");
        } catch (java.io.FileNotFoundException e) {
            String m = String.valueOf(e.getMessage());
            throw new UserError("cannot read image " + file + ": " + (m.contains("Permission denied") ? "permission denied" : m), e);
        }
        try (ImageInputStream in = new javax.imageio.stream.FileImageInputStream(raf)) {
            return decode(in, "image " + file);
        } catch (IOException e) {
            throw new UserError("cannot read image " + file + " (" + ReadableFiles.reason(e) + ")", e);
        }
    }

    /**
     * Decodes an image held in memory (an upload, a painted mask), with the same checks as {@link #decode(Path)}:
     * the header's size is checked before any pixel is decoded. {@code what} names it in errors ("the uploaded image").
     */
    public static BufferedImage decode(byte[] bytes, String what) {
        return decode(bytes, what, null);
    }

    /**
     * Like {@link #decode(byte[], String)}, but {@code plan} sees the header first and says which part to decode and
     * how finely (or refuses by throwing); null from it, or a null plan, decodes the whole image.
     */
    public static BufferedImage decode(byte[] bytes, String what, Function<Header, Subsample> plan) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return decode(in, what, plan);
        } catch (IOException e) {
            throw new UserError("cannot read " + what + " (" + ReadableFiles.reason(e) + ")", e);
        }
    }

    /**
     * What an image's header says: its size, format, and the bytes one decoded pixel takes (data elements x bytes
     * per element of the reader's raw type, so a 16-bit RGBA PNG is 8), known before any pixel is decoded.
     */
    public record Header(int width, int height, String format, int bytesPerPixel) {}

    /** Decode only the square at (x, y) of this side, keeping every {@code step}-th pixel of each row and column. */
    /** The bytes are no image format ImageIO reads (as opposed to a damaged image of a known format). */
    public static final class NotAnImage extends UserError {
        NotAnImage(String message) {
            super(message);
        }
    }

    /** The formats the decoder reads, by suffix, for messages: "bmp, gif, jpeg, ...". */
    public static String readableFormats() {
        return String.join(", ", SUFFIXES);
    }

    public record Subsample(int x, int y, int side, int step) {
        /** Side of the decoded image. */
        public int decodedSide() {
            return (side + step - 1) / step;
        }
    }

    /** The one reader behind all: format from the content, size from the header, then the pixels. */
    private static BufferedImage decode(ImageInputStream in, String what) {
        return decode(in, what, null);
    }

    private static BufferedImage decode(ImageInputStream in, String what, Function<Header, Subsample> plan) {
        try {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext())
                throw new NotAnImage("cannot decode " + what + ": not a format ImageIO reads ("
                        + readableFormats() + "); remove it or convert it to PNG");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                ImageReadParam param = reader.getDefaultReadParam();
                long pixels = (long) w * h;
                if (plan != null) {
                    Subsample sub;
                    try {
                        sub = plan.apply(new Header(w, h, reader.getFormatName().toUpperCase(Locale.ROOT), bytesPerPixel(reader)));
                    } catch (RuntimeException refusal) { // the plan's own refusal reaches the caller as it was thrown
                        throw new PlanRefused(refusal);
                    }
                    if (sub != null) {
                        param.setSourceRegion(new Rectangle(sub.x(), sub.y(), sub.side(), sub.side()));
                        param.setSourceSubsampling(sub.step(), sub.step(), 0, 0);
                        pixels = (long) sub.decodedSide() * sub.decodedSide();
                    }
                }
                if (pixels > MAX_PIXELS)
                    throw new UserError(String.format("%s is %d x %d pixels, more than the %d megapixels semfill decodes; "
                            + "shrink it first", what, w, h, MAX_PIXELS >> 20));
                // A truncated JPEG decodes without an exception: its missing part comes out grey, and the reader only warns.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage img = reader.read(0, param);
                for (String warning : warnings)
                    if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end"))
                        throw new UserError("cannot decode " + what + ": the file ends early (" + warning.strip()
                                + "), it is truncated; remove it or save it again");
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PlanRefused r) throw (RuntimeException) r.getCause();
            if (e instanceof UserError u) throw u;
            throw new UserError("cannot decode " + what + " (" + e.getMessage() + "); remove it or convert it to PNG", e);
        }
    }

    /** Carries a plan's exception past the catch that turns the reader's own failures into {@link UserError}s. */
    private static final class PlanRefused extends RuntimeException {
        PlanRefused(RuntimeException cause) {
            super(cause);
        }
    }

    /** Bytes one decoded pixel takes: data elements x bytes per element of the reader's raw type (8 if it does not say). */
    private static int bytesPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types != null && types.hasNext() ? types.next() : null;
        }
        if (type == null) return 8;
        SampleModel sm = type.getSampleModel(1, 1);
        return Math.max(1, sm.getNumDataElements() * DataBuffer.getDataTypeSize(sm.getDataType()) / 8);
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
