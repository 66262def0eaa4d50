package org.semfill.completion.evaluation;

import java.util.function.IntToDoubleFunction;
import org.semfill.completion.Mask;
import org.semfill.completion.Region;
import org.semfill.internal.Check;

/**
 * How close a completed image is to the original: PSNR and SSIM, over the hole or the whole image.
 *
 * <p>Both are computed on images rescaled from [-1, 1] to [0, 1] (x' = (x + 1) / 2), i.e. a peak signal range of
 * 2.0 on the engine's scale, so the numbers compare with the literature's on 8-bit images.
 *
 * <p><b>PSNR</b> (peak signal-to-noise ratio, e.g. Gonzalez and Woods, "Digital Image Processing"):
 * {@code PSNR = 10 log10(1 / MSE)} dB with MSE the mean of (a' - b')^2 over the region's pixels in every channel.
 * Identical images give +infinity (reports cap it, see {@link ResultTable#PSNR_CAP_DB}); an empty region (the
 * hole of the {@code full} mask) gives NaN.
 *
 * <p><b>SSIM</b> (Wang et al. 2004; see {@link Ssim} for the formula, window and constants): the SSIM map is
 * computed per channel at every pixel; SSIM over a region is the mean of the map over the region's pixels in
 * every channel (for WHOLE: the usual mean SSIM averaged over channels). 1 means identical; an empty region
 * gives NaN.
 *
 * <p>Arrays a and b are one image (C, H, W) (or any whole number of (H, W) planes) in [-1, 1]; the mask gives
 * H, W and, for {@link Region#HOLE}, the hole.
 */
public final class Metrics {
    private Metrics() {}

    /** Mean squared error on the [0, 1] scale over the region, all channels. NaN for an empty region. */
    public static double mse(float[] a, float[] b, Mask mask, Region region) {
        int planes = checkPair(a, b, mask);
        return meanOverRegion(planes, mask, region, i -> {
            double d = (a[i] - (double) b[i]) / 2.0;
            return d * d;
        });
    }

    /** PSNR in dB over the region: +infinity for identical pixels, NaN for an empty region. */
    public static double psnr(float[] a, float[] b, Mask mask, Region region) {
        double mse = mse(a, b, mask, region);
        if (Double.isNaN(mse)) return Double.NaN;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * StrictMath.log10(1.0 / mse);
    }

    /** PSNR in dB over every value of a and b (any shape). */
    public static double psnr(float[] a, float[] b) {
        Check.arg(a.length == b.length && a.length > 0, "images differ in size: " + a.length + " vs " + b.length);
        return psnr(a, b, new Mask("whole", 1, a.length, ones(a.length)), Region.WHOLE);
    }

    /** Mean SSIM over the region (per-channel maps, averaged over the region's pixels in every channel). */
    public static double ssim(float[] a, float[] b, Mask mask, Region region) {
        int planes = checkPair(a, b, mask);
        double[] map = Ssim.map(a, b, planes, mask.height(), mask.width()); // (P, H, W)
        return meanOverRegion(planes, mask, region, i -> map[i]);
    }

    /** Mean SSIM over the whole image: a and b are (C, H, W). */
    public static double ssim(float[] a, float[] b, int channels, int height, int width) {
        Check.arg(a.length == (long) channels * height * width, "image has " + a.length + " values, expected "
                + channels + "x" + height + "x" + width);
        return ssim(a, b, new Mask("whole", height, width, ones(height * width)), Region.WHOLE);
    }

    /** The SSIM map itself, (P, H, W), for pictures of where two images differ. */
    public static double[] ssimMap(float[] a, float[] b, Mask mask) {
        int planes = checkPair(a, b, mask);
        return Ssim.map(a, b, planes, mask.height(), mask.width());
    }

    /**
     * The mean of {@code value} over the region's pixels in every plane, in plane then pixel order; {@code value}
     * takes the index into (P, H, W). NaN for an empty region.
     */
    private static double meanOverRegion(int planes, Mask mask, Region region, IntToDoubleFunction value) {
        int plane = mask.planeSize();
        double sum = 0;
        long count = 0;
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < plane; i++) {
                if (region == Region.HOLE && mask.isKnown(i)) continue;
                sum += value.applyAsDouble(p * plane + i);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static int checkPair(float[] a, float[] b, Mask mask) {
        Check.arg(a.length == b.length, "images differ in size: " + a.length + " vs " + b.length + " values");
        return mask.planesIn(a, "image");
    }

    private static float[] ones(int n) {
        float[] o = new float[n];
        java.util.Arrays.fill(o, 1f);
        return o;
    }
}
