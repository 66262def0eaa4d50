package org.semfill.completion;

import org.semfill.internal.Check;

/**
 * The k x k block means of images, and the way back: what low-resolution completion knows of an image
 * (Amos 2016's {@code lowres} mask: an S x S picture seen only as its (S/k) x (S/k) block averages).
 *
 * <p>Arrays are whole planes, (P, H, W) at full size or (P, H/k, W/k) at low size; H and W multiples of k.
 * Sums run in double, so pooling a block-constant image gives its values back exactly.
 */
public final class BlockAverages {
    private BlockAverages() {}

    /** The k x k block means of every (H, W) plane: (P, H/k, W/k). */
    public static float[] pool(float[] images, int height, int width, int k) {
        int planes = planes(images, height, width, k), oh = height / k, ow = width / k;
        float[] out = new float[planes * oh * ow];
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    double s = 0;
                    for (int r = i * k; r < i * k + k; r++)
                        for (int c = j * k; c < j * k + k; c++) s += images[(p * height + r) * width + c];
                    out[(p * oh + i) * ow + j] = (float) (s / (k * k));
                }
        return out;
    }

    /** Nearest-neighbour upscale of (P, H/k, W/k) block values to (P, H, W): every pixel of a block gets its value. */
    public static float[] upscale(float[] low, int height, int width, int k) {
        Check.arg(height % k == 0 && width % k == 0, height + "x" + width + " is not a whole number of " + k + "x" + k + " blocks");
        int oh = height / k, ow = width / k;
        Check.arg(low.length % (oh * ow) == 0, "low-resolution array of " + low.length + " values is not made of " + oh + "x" + ow + " planes");
        int planes = low.length / (oh * ow);
        float[] out = new float[planes * height * width];
        for (int p = 0; p < planes; p++)
            for (int r = 0; r < height; r++)
                for (int c = 0; c < width; c++) out[(p * height + r) * width + c] = low[(p * oh + r / k) * ow + c / k];
        return out;
    }

    /**
     * The low-resolution fill: {@code generated} plus, on every block, the constant that makes its mean the known
     * one ({@code low}), clipped to [-1, 1]. G keeps the detail inside each block; the input decides each block's
     * brightness, so the result is consistent with what was seen (the analogue of pasting the known pixels).
     *
     * <p>Clipping: where the shift pushes pixels past +-1, clipping them would pull the block's mean off the target
     * (a bright block would lose some brightness). So the constant t is chosen for the clipped block: the t with
     * mean(clip(g + t)) = target, found by bisection (the mean grows with t). That is the nearest image to G(z-hat)
     * that has both the known block means and pixels in [-1, 1]; its saturated pixels lose their detail, and the
     * rest of the block is lifted to make up. Only a target of exactly +-1 leaves no freedom (a flat block).
     *
     * @param generated (P, H, W) G(z-hat); not modified
     * @param low       (P, H/k, W/k) the known block means
     */
    public static float[] correct(float[] generated, float[] low, int height, int width, int k) {
        float[] x = generated.clone();
        int oh = height / k, ow = width / k, planes = planes(x, height, width, k);
        Check.arg(low.length == planes * oh * ow, "block means: " + low.length + " values for " + planes + " planes of " + oh + "x" + ow);
        float[] block = new float[k * k];
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    for (int r = 0; r < k; r++)
                        System.arraycopy(x, (p * height + i * k + r) * width + j * k, block, r * k, k);
                    double t = shiftFor(block, Math.max(-1, Math.min(1, low[(p * oh + i) * ow + j])));
                    for (int r = 0; r < k; r++)
                        for (int c = 0, at = (p * height + i * k + r) * width + j * k; c < k; c++, at++)
                            x[at] = (float) Math.max(-1, Math.min(1, x[at] + t));
                }
        return x;
    }

    /** The t with mean(clip(v + t, -1, 1)) = target: the plain difference of means when nothing clips, else bisection. */
    static double shiftFor(float[] v, double target) {
        double mean = 0, max = 0;
        for (float a : v) {
            mean += a;
            max = Math.max(max, Math.abs(a));
        }
        double t = target - mean / v.length;
        boolean clips = false;
        for (float a : v) clips |= Math.abs(a + t) > 1;
        if (!clips) return t; // the usual case: the block is shifted as it is
        double lo = -2 - max, hi = 2 + max; // clippedMean(lo) = -1 <= target <= 1 = clippedMean(hi)
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            if (clippedMean(v, mid) < target) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static double clippedMean(float[] v, double t) {
        double s = 0;
        for (float a : v) s += Math.max(-1, Math.min(1, a + t));
        return s / v.length;
    }

    private static int planes(float[] images, int height, int width, int k) {
        Check.arg(k >= 1 && height % k == 0 && width % k == 0, height + "x" + width + " is not a whole number of " + k + "x" + k + " blocks");
        Check.arg(images.length > 0 && images.length % (height * width) == 0,
                images.length + " values are not a whole number of " + height + "x" + width + " planes");
        return images.length / (height * width);
    }
}
