package org.semfill.studio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.semfill.data.ImageFiles;
import org.semfill.internal.UserError;

/**
 * Turns the bytes of an uploaded file into an image the model can complete: decoded by the project's one image
 * reader ({@link ImageFiles#decode(byte[], String)}: PNG, JPEG, GIF, BMP), its centred square cropped and
 * resized to the model's size and channel count.
 *
 * <p>Decompression bombs: the width and height are read from the file's header ({@link #header}) and checked
 * against the studio's own limits ({@link #MAX_SIDE}, {@link #MAX_PIXELS}) before any pixel is decoded, so a
 * small file that claims a huge picture is refused without allocating it; {@link ImageFiles#decode} checks
 * the header again against the project's limit. At most {@link #DECODERS} uploads are decoded at once.
 */
final class UploadDecoder {
    /** Largest width or height accepted. */
    static final int MAX_SIDE = 8192;
    /** Largest pixel count accepted (16 megapixels: a phone photo, a few hundred MB while it is scaled down). */
    static final long MAX_PIXELS = 16_000_000L;
    /** Uploads decoded at the same time: each may take a few hundred MB while it is scaled down. */
    static final int DECODERS = 2;

    private static final Semaphore DECODING = new Semaphore(DECODERS, true);

    private UploadDecoder() {}

    /** What came out of an upload: pixels (channels, size, size) in [-1, 1] and the original dimensions. */
    record Decoded(float[] pixels, int originalWidth, int originalHeight, String format) {}

    /** Width, height and format name of an image, from its header only. */
    record Header(int width, int height, String format) {}

    /**
     * @throws HttpError 400 if the bytes are not an image ImageIO can read, or the image is too large
     */
    static Decoded decode(byte[] bytes, int size, int channels) {
        if (bytes.length == 0) throw HttpError.badRequest("the upload is empty: choose a PNG or JPEG file");
        Header h = header(bytes, "the upload");
        if (h.width() > MAX_SIDE || h.height() > MAX_SIDE || (long) h.width() * h.height() > MAX_PIXELS)
            throw HttpError.badRequest(String.format(
                    "the image is %d x %d pixels; the studio takes at most %d pixels a side and %d megapixels: shrink it first",
                    h.width(), h.height(), MAX_SIDE, MAX_PIXELS / 1_000_000));
        try {
            DECODING.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "the studio is shutting down");
        }
        try {
            BufferedImage img = ImageFiles.decode(bytes, "the uploaded image");
            return new Decoded(ImageFiles.square(img, size, channels), h.width(), h.height(), h.format());
        } catch (RuntimeException e) { // UserError from ImageFiles (its words suit files on disk) or a reader's failure
            Throwable why = e instanceof UserError && e.getCause() != null ? e.getCause() : e;
            throw HttpError.badRequest("the upload could not be decoded as an image (" + (why.getMessage() == null
                    ? why.getClass().getSimpleName() : why.getMessage()) + "): choose a PNG or JPEG file");
        } finally {
            DECODING.release();
        }
    }

    /**
     * The size in an image's header, read without decoding a pixel.
     *
     * @param what names the image in errors ("the upload", "the painted mask")
     * @throws HttpError 400 if it is not an image ImageIO reads, or its header is damaged
     */
    static Header header(byte[] bytes, String what) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext())
                throw HttpError.badRequest(what + " is not an image this studio can read: choose a PNG or JPEG file");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                if (w < 1 || h < 1) throw HttpError.badRequest(what + " claims to be " + w + " x " + h + " pixels: choose a PNG or JPEG file");
                return new Header(w, h, reader.getFormatName().toUpperCase(Locale.ROOT));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof HttpError he) throw he;
            throw HttpError.badRequest(what + " could not be decoded as an image (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): choose a PNG or JPEG file");
        }
    }
}
