package org.semfill.completion;

import org.semfill.internal.Check;

/**
 * The per-pixel weights W of the contextual loss L_c(z) = || W ⊙ (G(z) - y) ||_1.
 *
 * <p>Yeh et al. (arXiv 1607.07539, eq. 2) weight each known pixel by how much of its neighbourhood is missing,
 * so known pixels next to the hole count more than those far from it:
 * <pre>
 *   W_i = sum_{j in N(i)} (1 - M_j) / |N(i)|   if M_i = 1 (known)
 *   W_i = 0                                      if M_i = 0 (missing)
 * </pre>
 * with N(i) the 7 x 7 window centred on i. At the image border we divide by the full window size 49 and count
 * pixels outside the image as not missing (the same as a zero-padded 7 x 7 box filter of 1 - M): the image edge
 * is not a hole, so pixels there should not gain weight from it.
 *
 * <p>The weights are not normalised: far from the hole they are 0, next to the straight edge of a large hole
 * 21/49 (three of the seven window columns are missing), so the contextual loss is smaller than the plain one
 * and its balance with the perceptual loss's lambda shifts accordingly.
 * With {@code weighted = false} the weights are the plain mask M and L_c is Amos's plain masked L1.
 */
public final class ImportanceWeights {
    /** Yeh et al.'s window side. */
    public static final int DEFAULT_WINDOW = 7;

    private ImportanceWeights() {}

    /**
     * The weights to use in the contextual loss, (H, W).
     *
     * @param weighted true: Yeh's 7 x 7 importance weights; false: the plain mask.
     *                 NOTE: if the mask has no hole ({@code full}), Yeh's weights are all zero and the search would
     *                 get no signal from the image; then the plain mask is returned even when weighted is true.
     */
    public static float[] of(Mask mask, boolean weighted) {
        if (!weighted || !mask.hasHole()) return mask.toArray();
        return yeh(mask, DEFAULT_WINDOW);
    }

    /**
     * {@link #of(Mask, boolean)} repeated for {@code planes} planes, (planes, H, W): e.g. planes = N * C to weigh a
     * whole batch (N, C, H, W) elementwise.
     */
    public static float[] of(Mask mask, boolean weighted, int planes) {
        Check.positive(planes, "planes");
        float[] plane = of(mask, weighted);
        float[] out = new float[planes * plane.length];
        for (int p = 0; p < planes; p++) System.arraycopy(plane, 0, out, p * plane.length, plane.length);
        return out;
    }

    /** Yeh's weights with a {@code window} x {@code window} neighbourhood (odd window), (H, W); no fallback. */
    public static float[] yeh(Mask mask, int window) {
        Check.arg(window >= 1 && window % 2 == 1, "window must be odd and positive, got " + window);
        int h = mask.height(), w = mask.width(), half = window / 2;
        double area = (double) window * window;
        float[] weights = new float[h * w]; // (H, W)
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                if (!mask.isKnown(r, c)) continue; // missing pixels weigh 0
                int missing = 0;
                for (int rr = Math.max(0, r - half); rr <= Math.min(h - 1, r + half); rr++)
                    for (int cc = Math.max(0, c - half); cc <= Math.min(w - 1, c + half); cc++)
                        if (!mask.isKnown(rr, cc)) missing++;
                weights[r * w + c] = (float) (missing / area);
            }
        }
        return weights;
    }
}
