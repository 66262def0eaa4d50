package org.semfill.studio;

import java.awt.image.BufferedImage;
import java.util.regex.Pattern;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.data.ImageFiles;
import org.semfill.data.Pixels;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;

/**
 * The mask of a completion request: either a preset type of {@link Masks} ({@code center}, {@code random:0.5},
 * ...) or the mask the user painted, sent as a PNG {@code data:} URL at the model's resolution with white =
 * known and black = the hole.
 *
 * <p>{@link Masks#parse} also opens a PNG file when given a path. A client's text must never reach that,
 * so a preset is first checked against the form {@code name[:number]} with a name from {@link Masks#NAMES}.
 */
final class MaskDecoder {
    private static final Pattern PRESET = Pattern.compile("([a-z]+)(:[0-9]+(\\.[0-9]+)?)?");

    private MaskDecoder() {}

    /** Whether a mask text from the client is a painted PNG rather than a preset. */
    static boolean isPainted(String spec) {
        return spec != null && spec.startsWith("data:");
    }

    /**
     * A preset mask for square images of side {@code size}.
     *
     * @throws HttpError 400 for anything but a known preset with a sensible parameter
     */
    static Mask preset(String spec, int size, Rng rng) {
        String s = spec == null ? "" : spec.trim().toLowerCase(java.util.Locale.ROOT);
        var m = PRESET.matcher(s);
        if (!m.matches() || !Masks.NAMES.contains(m.group(1)))
            throw HttpError.badRequest("unknown mask type \"" + abbreviate(spec) + "\": use one of " + String.join(", ", Masks.NAMES) + " or paint one");
        try {
            return Masks.parse(s, size, rng);
        } catch (UserError e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    /**
     * The painted mask: a PNG of exactly size x size; a pixel brighter than mid-grey is known, a darker one
     * is in the hole (colour images by their luma; transparent pixels count as black, i.e. hole).
     * The size is checked from the PNG's header before any pixel is decoded (a few bytes can claim 40000 x 40000).
     *
     * @throws HttpError 400 if it is not such a PNG
     */
    static Mask painted(String dataUrl, int size) {
        byte[] bytes = Png.fromDataUrl(dataUrl, "the painted mask");
        UploadDecoder.Header h;
        try {
            h = UploadDecoder.header(bytes, "the painted mask");
        } catch (HttpError e) {
            throw HttpError.badRequest("the painted mask is not a readable PNG");
        }
        if (h.width() != size || h.height() != size)
            throw HttpError.badRequest("the painted mask is " + h.width() + " x " + h.height() + "; it must be " + size + " x " + size + " like the model's images");
        BufferedImage img;
        try {
            img = ImageFiles.decode(bytes, "the painted mask");
        } catch (UserError e) {
            throw HttpError.badRequest("the painted mask is not a readable PNG (" + e.getMessage() + ")");
        }
        if (img.getWidth() != size || img.getHeight() != size) // cannot differ from the header, but never trust it
            throw HttpError.badRequest("the painted mask is " + img.getWidth() + " x " + img.getHeight() + "; it must be " + size + " x " + size);
        float[] grey = Pixels.fromImage(img, 1); // (1, S, S) in [-1, 1]
        float[] known = new float[size * size];
        for (int i = 0; i < known.length; i++) known[i] = grey[i] > 0f ? 1f : 0f;
        return new Mask("painted", size, size, known);
    }

    private static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
