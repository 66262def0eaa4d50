package org.semfill.tutorial;

import java.util.List;
import org.semfill.completion.Mask;
import org.semfill.internal.Check;

/**
 * The pixel work behind chapter 4's pictures, kept apart from the chapter so tests can check it on tiny images:
 * grey images turned into colour with the hole painted in one clear colour, masks and contextual weights drawn as
 * images, the strength of the seam along a hole's border, and signed differences as grey pictures.
 *
 * <p>All images are float arrays in [-1, 1], (N, C, S, S) with C = 1 or 3; results are RGB, (N, 3, S, S), so
 * that grey garments and a coloured hole can sit in one grid.
 */
public final class CompletionFigures {
    /** The colour of missing pixels in the pictures, as RGB in [-1, 1]: a clear blue that no grey pixel has. */
    public static final float[] HOLE_COLOUR = {-0.6f, -0.1f, 0.9f};

    private CompletionFigures() {}

    /**
     * Images as RGB: a grey plane is repeated into three, colour images are copied. If {@code mask} is not null,
     * every missing pixel is painted {@link #HOLE_COLOUR}, so a reader sees exactly which pixels the method was
     * not given. A lowres mask knows no pixel but every block's mean: its images are shown blocky, as the method sees them.
     *
     * @param images (n, c, size, size), c = 1 or 3
     * @return (n, 3, size, size)
     */
    public static float[] toRgb(float[] images, int n, int c, int size, Mask mask) {
        Check.arg(c == 1 || c == 3, "images have 1 or 3 channels, got " + c);
        int plane = size * size;
        Check.arg(images.length == n * c * plane, images.length + " values are not " + n + " images of " + c + "x" + size + "x" + size);
        Check.arg(mask == null || (mask.height() == size && mask.width() == size), "mask size differs from the images' " + size);
        if (mask != null && mask.knowsBlockAverages()) { // lowres: no pixel is known, the block means are: show those
            images = mask.damage(images, 0f);
            mask = null;
        }
        float[] out = new float[n * 3 * plane];
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < 3; ch++) {
                int from = (i * c + (c == 1 ? 0 : ch)) * plane, to = (i * 3 + ch) * plane;
                for (int p = 0; p < plane; p++)
                    out[to + p] = mask != null && !mask.isKnown(p) ? HOLE_COLOUR[ch] : images[from + p];
            }
        return out;
    }

    /**
     * Two rows for the masks picture: first every mask as black and white (white = known), then {@code image}
     * under every mask with its hole painted.
     *
     * @param image one image (c, size, size)
     * @return (2 * masks, 3, size, size), row by row
     */
    public static float[] maskPanels(float[] image, int c, int size, List<Mask> masks) {
        int m = masks.size(), per = 3 * size * size;
        float[] out = new float[2 * m * per];
        for (int k = 0; k < m; k++) {
            Mask mask = masks.get(k);
            float[] panel = mask.knowsBlockAverages() ? blocks(mask) : valuesAsPixels(mask.toArray(), 1.0);
            System.arraycopy(toRgb(panel, 1, 1, size, null), 0, out, k * per, per);
            System.arraycopy(toRgb(image, 1, c, size, mask), 0, out, (m + k) * per, per);
        }
        return out;
    }

    /** A lowres mask's panel: its k x k blocks as a white and light-grey checkerboard, one known mean per block. */
    static float[] blocks(Mask mask) {
        int k = mask.block(), w = mask.width();
        float[] out = new float[mask.planeSize()];
        for (int p = 0; p < out.length; p++) out[p] = ((p / w) / k + (p % w) / k) % 2 == 0 ? 1f : 0.5f;
        return out;
    }

    /**
     * Non-negative values (e.g. a mask or contextual weights, (H, W)) as a grey picture: 0 black, {@code white}
     * and above white, linear in between; returns pixels in [-1, 1].
     */
    public static float[] valuesAsPixels(float[] values, double white) {
        Check.arg(white > 0, "the white level must be positive, got " + white);
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = Math.max(0, Math.min(1, values[i] / white));
            out[i] = (float) (2 * v - 1);
        }
        return out;
    }

    /** The largest value of an array (0 for an all-negative or empty one): the white level for {@link #valuesAsPixels}. */
    public static double max(float[] values) {
        double m = 0;
        for (float v : values) m = Math.max(m, v);
        return m;
    }

    /**
     * How strong the edge along the hole's border is: the mean absolute difference between each hole pixel and
     * each of its known 4-neighbours, over every plane of {@code images} (whole (H, W) planes). A pasted fill whose
     * brightness does not match its surroundings has a larger value than the original image; blending lowers it.
     * 0 for a mask without a hole or without known pixels.
     */
    public static double seam(float[] images, Mask mask) {
        int h = mask.height(), w = mask.width(), plane = h * w, planes = mask.planesIn(images, "images");
        double sum = 0;
        long pairs = 0;
        for (int p = 0; p < planes; p++)
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++) {
                    if (mask.isKnown(r, c)) continue;
                    float hole = images[p * plane + r * w + c];
                    int[][] near = {{r - 1, c}, {r + 1, c}, {r, c - 1}, {r, c + 1}};
                    for (int[] q : near) {
                        if (q[0] < 0 || q[0] >= h || q[1] < 0 || q[1] >= w || !mask.isKnown(q[0], q[1])) continue;
                        sum += Math.abs(hole - images[p * plane + q[0] * w + q[1]]);
                        pairs++;
                    }
                }
        return pairs == 0 ? 0 : sum / pairs;
    }

    /**
     * The indices of the {@code k} images whose seam ({@link #seam}) blending lowered most, largest drop first:
     * the images where pasting leaves the most visible edge and blending removes most of it.
     *
     * @param pasted  (n, C, H, W)
     * @param blended (n, C, H, W)
     */
    public static int[] largestSeamDrop(float[] pasted, float[] blended, int n, Mask mask, int k) {
        Check.arg(pasted.length == blended.length && n > 0 && pasted.length % n == 0, "two sets of " + n + " images of equal size are needed");
        Check.arg(k >= 1 && k <= n, "k must be between 1 and " + n + ", got " + k);
        int per = pasted.length / n;
        float[] drop = new float[n];
        for (int i = 0; i < n; i++) {
            int[] one = {i};
            drop[i] = (float) (seam(pick(pasted, per, one), mask) - seam(pick(blended, per, one), mask));
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Float.compare(drop[y], drop[x])); // stable: ties keep index order
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = order[i];
        return out;
    }

    /**
     * A signed difference {@code a - b} as a grey picture: 0 mid-grey, +{@code range} and above white,
     * -{@code range} and below black. Returns pixels in [-1, 1], same length as a.
     */
    public static float[] differenceAsPixels(float[] a, float[] b, double range) {
        Check.arg(a.length == b.length, "arrays differ in length: " + a.length + " vs " + b.length);
        Check.arg(range > 0, "the range must be positive, got " + range);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (float) Math.max(-1, Math.min(1, (a[i] - b[i]) / range));
        return out;
    }

    /** Images {@code indices} of a set (n, per) as a new array (indices.length, per). */
    public static float[] pick(float[] images, int per, int[] indices) {
        float[] out = new float[indices.length * per];
        for (int i = 0; i < indices.length; i++) System.arraycopy(images, indices[i] * per, out, i * per, per);
        return out;
    }
}
