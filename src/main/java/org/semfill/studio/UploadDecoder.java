package org.semfill.studio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.semfill.data.ImageFiles;

/**
 * Turns the bytes of an uploaded file into an image the model can complete: decoded by the JDK's ImageIO
 * (PNG, JPEG, GIF, BMP), its centred square cropped and resized to the model's size and channel count.
 *
 * <p>The width and height are read from the file's header before any pixel is decoded, so a small file that
 * claims a huge picture (a "decompression bomb") is refused without allocating it.
 */
final class UploadDecoder {
    /** Largest width or height accepted. */
    static final int MAX_SIDE = 10_000;
    /** Largest pixel count accepted (40 megapixels). */
    static final long MAX_PIXELS = 40_000_000L;

    private UploadDecoder() {}

    /** What came out of an upload: pixels (channels, size, size) in [-1, 1] and the original dimensions. */
    record Decoded(float[] pixels, int originalWidth, int originalHeight, String format) {}

    /**
     * @throws HttpError 400 if the bytes are not an image ImageIO can read, or the image is too large
     */
    static Decoded decode(byte[] bytes, int size, int channels) {
        if (bytes.length == 0) throw HttpError.badRequest("the upload is empty: choose a PNG or JPEG file");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext())
                throw HttpError.badRequest("the upload is not an image this studio can read: choose a PNG or JPEG file");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS)
                    throw HttpError.badRequest(String.format(
                            "the image is %d x %d pixels; the studio takes at most %d pixels a side and %d megapixels",
                            w, h, MAX_SIDE, MAX_PIXELS / 1_000_000));
                BufferedImage img = reader.read(0);
                return new Decoded(ImageFiles.square(img, size, channels), w, h, reader.getFormatName().toUpperCase(java.util.Locale.ROOT));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof HttpError he) throw he;
            throw HttpError.badRequest("the upload could not be decoded as an image (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): choose a PNG or JPEG file");
        }
    }
}
