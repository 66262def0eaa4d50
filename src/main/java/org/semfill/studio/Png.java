package org.semfill.studio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.semfill.io.Images;

/** PNG bytes and {@code data:} URLs of images held as float (C, H, W) in [-1, 1], for the page to show. */
final class Png {
    static final String DATA_URL_PREFIX = "data:image/png;base64,";

    private Png() {}

    /** Image (C, H, W) in [-1, 1] as PNG bytes (8-bit grey for C = 1, RGB for C = 3). */
    static byte[] encode(float[] chw, int c, int h, int w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(Images.toBufferedImage(chw, c, h, w), "png", out))
                throw new IllegalStateException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return out.toByteArray();
    }

    static String dataUrl(byte[] png) {
        return DATA_URL_PREFIX + Base64.getEncoder().encodeToString(png);
    }

    static String dataUrl(float[] chw, int c, int h, int w) {
        return dataUrl(encode(chw, c, h, w));
    }

    /**
     * The bytes of a {@code data:image/png;base64,...} URL.
     *
     * @throws HttpError 400 if it is not one
     */
    static byte[] fromDataUrl(String url, String what) {
        if (url == null || !url.startsWith(DATA_URL_PREFIX))
            throw HttpError.badRequest(what + " must be a data:image/png;base64 URL");
        try {
            return Base64.getDecoder().decode(url.substring(DATA_URL_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(what + ": the base64 data is damaged");
        }
    }
}
