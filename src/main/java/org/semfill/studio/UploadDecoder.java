package org.semfill.studio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.semfill.data.ImageFiles;
import org.semfill.internal.UserError;

/**
 * Turns the bytes of an uploaded file into an image the model can complete: decoded by the project's one image
 * reader ({@link ImageFiles#decode(byte[], String, java.util.function.Function)}: PNG, JPEG, GIF, BMP), its centred
 * square cropped and resized to the model's size and channel count.
 *
 * <p>Memory: the width and height are read from the file's header and checked against the studio's own limits
 * ({@link #MAX_SIDE}, {@link #MAX_PIXELS}) before any pixel is decoded, so a small file that claims a huge picture
 * is refused without allocating it. Only the centred square is decoded, and only every k-th pixel of it, so that
 * at least {@link #OVERSAMPLE} times the model's size is left for the area-averaging resize (a 4000 x 4000 photo
 * for a 28 x 28 model decodes to 236 x 236). The bytes that decode and the conversion to floats will allocate,
 * known from the header (pixels x bands x bytes per sample), are taken from the studio's {@link DecodeBudget}
 * first: parallel uploads wait for each other or get 503, never a full heap.
 */
final class UploadDecoder {
    /** Largest width or height accepted. */
    static final int MAX_SIDE = 8192;
    /** Largest pixel count accepted (16 megapixels: a phone photo). */
    static final long MAX_PIXELS = 16_000_000L;
    /** The decoded square keeps at least this many pixels per pixel of the model's side, for the resize to average. */
    static final int OVERSAMPLE = 8;
    /** Bytes per decoded pixel that the conversion to floats takes on top of the raster: ARGB ints, 3 float planes, the channel mix. */
    static final int CONVERSION_BYTES = 4 + 12 + 4;

    private UploadDecoder() {}

    /** What came out of an upload: pixels (channels, size, size) in [-1, 1] and the original dimensions. */
    record Decoded(float[] pixels, int originalWidth, int originalHeight, String format) {}

    /** Width, height and format name of an image, from its header only. */
    record Header(int width, int height, String format) {}

    /** The part of the image to decode for a model of this size: the centred square, every k-th pixel. */
    static ImageFiles.Subsample plan(int width, int height, int size) {
        int side = Math.min(width, height);
        int step = Math.max(1, side / (size * OVERSAMPLE));
        return new ImageFiles.Subsample((width - side) / 2, (height - side) / 2, side, step);
    }

    /** Bytes decoding {@code sub} of an image with this header allocates: the raster, its conversion, and the reader's rows. */
    static long cost(ImageFiles.Header h, ImageFiles.Subsample sub) {
        long d = sub.decodedSide();
        return d * d * (h.bytesPerPixel() + CONVERSION_BYTES) + 4L * h.width() * h.bytesPerPixel();
    }

    /**
     * @throws HttpError 400 if the bytes are not an image ImageIO can read, or the image is too large; 503 if its
     *                   decoding does not fit in the memory the budget has free
     */
    static Decoded decode(byte[] bytes, int size, int channels, DecodeBudget budget) {
        if (bytes.length == 0) throw HttpError.badRequest("the upload is empty: choose a PNG or JPEG file");
        ImageFiles.Header[] seen = new ImageFiles.Header[1];
        DecodeBudget.Lease[] lease = new DecodeBudget.Lease[1];
        try {
            BufferedImage img = ImageFiles.decode(bytes, "the uploaded image", h -> {
                if (h.width() > MAX_SIDE || h.height() > MAX_SIDE || (long) h.width() * h.height() > MAX_PIXELS)
                    throw HttpError.badRequest(String.format(
                            "the image is %d x %d pixels; the studio takes at most %d pixels a side and %d megapixels: shrink it first",
                            h.width(), h.height(), MAX_SIDE, MAX_PIXELS / 1_000_000));
                seen[0] = h;
                ImageFiles.Subsample sub = plan(h.width(), h.height(), size);
                lease[0] = budget.admit(cost(h, sub), String.format("this %d x %d %s", h.width(), h.height(), h.format()));
                return sub;
            });
            ImageFiles.Header h = seen[0];
            return new Decoded(ImageFiles.square(img, size, channels), h.width(), h.height(), h.format());
        } catch (HttpError e) {
            throw e;
        } catch (ImageFiles.NotAnImage e) {
            throw notAnImage("the upload");
        } catch (RuntimeException e) { // UserError from ImageFiles (its words suit files on disk) or a reader's failure
            Throwable why = e instanceof UserError && e.getCause() != null ? e.getCause() : e;
            throw HttpError.badRequest("the upload could not be decoded as an image (" + (why.getMessage() == null
                    ? why.getClass().getSimpleName() : why.getMessage()) + "): choose a PNG or JPEG file");
        } finally {
            if (lease[0] != null) lease[0].close();
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
                throw notAnImage(what);
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

    private static HttpError notAnImage(String what) {
        return HttpError.badRequest(what + " is not an image this studio can read (" + ImageFiles.readableFormats()
                + "): choose a PNG or JPEG file");
    }
}
