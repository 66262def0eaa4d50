package org.semfill.completion.evaluation;

import org.semfill.completion.Mask;
import org.semfill.completion.Region;

/**
 * The four numbers the evaluation reports for one completed image: PSNR (dB) and SSIM, over the hole and over
 * the whole image (see {@link Metrics}). Hole values are NaN when the mask has no hole; PSNR is +infinity for a
 * perfect match.
 */
public record Scores(double psnrHole, double psnrWhole, double ssimHole, double ssimWhole) {

    /**
     * Scores {@code completed} against the original.
     *
     * @param original  (C, H, W) the undamaged image, in [-1, 1]
     * @param completed (C, H, W) a completion of it
     */
    public static Scores of(float[] original, float[] completed, Mask mask) {
        return new Scores(
                Metrics.psnr(original, completed, mask, Region.HOLE),
                Metrics.psnr(original, completed, mask, Region.WHOLE),
                Metrics.ssim(original, completed, mask, Region.HOLE),
                Metrics.ssim(original, completed, mask, Region.WHOLE));
    }
}
