package org.semfill.completion.evaluation;

import org.semfill.completion.BlockAverages;
import org.semfill.completion.Mask;
import org.semfill.internal.Check;

/**
 * The classic answer to low resolution ({@code lowres}): upscale the k x k block means back to full size by bicubic
 * interpolation (Keys 1981, "Cubic convolution interpolation for digital image processing", a = -0.5, the kernel
 * of most image editors), clamped to [-1, 1]. The yardstick a GAN prior has to beat at super-resolution.
 *
 * <p>Written out rather than taken from java.awt, whose bicubic resampling works on 8-bit rasters (it would
 * round every value to 1/255) and aligns the two grids in its own way. Here each block mean sits at its block's
 * centre, and output pixel r (0-based) is at (r + 0.5) / k - 0.5 in block units, as in OpenCV and PIL; taps
 * outside the grid repeat the edge block. Only for block-average masks.
 */
public final class BicubicFill implements BaselineFill {
    /** Keys' free parameter: -0.5 makes the interpolation third-order accurate. */
    static final double A = -0.5;

    @Override
    public String name() {
        return "bicubic";
    }

    @Override
    public float[] fill(float[] damaged, int channels, Mask mask) {
        Check.arg(mask.knowsBlockAverages(), "bicubic upscaling needs a block-average (lowres) mask, got " + mask.name());
        BaselineFill.checkImage(damaged, channels, mask);
        int k = mask.block(), h = mask.height(), w = mask.width();
        return upscale(BlockAverages.pool(damaged, h, w, k), channels, h / k, w / k, k);
    }

    /** Bicubic upscale of (P, lh, lw) values by k to (P, lh * k, lw * k), clamped to [-1, 1]. */
    static float[] upscale(float[] low, int planes, int lh, int lw, int k) {
        int h = lh * k, w = lw * k;
        float[] out = new float[planes * h * w];
        double[] rows = new double[h * lw]; // one plane interpolated along the rows first, then along the columns
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < h; r++) {
                double u = (r + 0.5) / k - 0.5;
                int base = (int) Math.floor(u);
                for (int j = 0; j < lw; j++) {
                    double s = 0;
                    for (int t = -1; t <= 2; t++) s += weight(u - (base + t)) * low[(p * lh + clamp(base + t, lh)) * lw + j];
                    rows[r * lw + j] = s;
                }
            }
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++) {
                    double u = (c + 0.5) / k - 0.5;
                    int base = (int) Math.floor(u);
                    double s = 0;
                    for (int t = -1; t <= 2; t++) s += weight(u - (base + t)) * rows[r * lw + clamp(base + t, lw)];
                    out[(p * h + r) * w + c] = (float) Math.max(-1, Math.min(1, s));
                }
        }
        return out;
    }

    /** Keys' cubic convolution kernel: 1 at 0, 0 at the other integers, zero beyond distance 2; its weights sum to 1. */
    static double weight(double x) {
        double d = Math.abs(x);
        if (d <= 1) return ((A + 2) * d - (A + 3)) * d * d + 1;
        if (d < 2) return ((A * d - 5 * A) * d + 8 * A) * d - 4 * A;
        return 0;
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }
}
