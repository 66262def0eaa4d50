package org.semfill.completion.evaluation;

/**
 * The SSIM map of Wang, Bovik, Sheikh and Simoncelli, "Image Quality Assessment: From Error Visibility to
 * Structural Similarity", IEEE Trans. Image Processing 13(4), 2004, eq. 13, with their Gaussian window
 * (11 x 11, sigma 1.5) and constants K1 = 0.01, K2 = 0.03, L = 1:
 * <pre>
 *   SSIM(x, y) = (2 mu_x mu_y + C1) (2 sigma_xy + C2) / ((mu_x^2 + mu_y^2 + C1) (sigma_x^2 + sigma_y^2 + C2)),
 *   C1 = (K1 L)^2, C2 = (K2 L)^2,
 * </pre>
 * where mu, sigma^2 and sigma_xy are the Gaussian-weighted local means, variances and covariance around each
 * pixel. Inputs in [-1, 1] are rescaled to [0, 1] first, so L = 1.
 *
 * <p>NOTE: Wang's reference code keeps only the "valid" pixels, whose whole window lies inside the image (an
 * 18 x 18 map for 28 x 28). We want a value at every pixel, because the hole of a {@code left} mask reaches the
 * border; so near the border the window is cut to the image and its weights renormalised to sum to 1. Inside,
 * both definitions agree. The 2-D window is the outer product of two 1-D Gaussians, so the cut-and-renormalised
 * filter is still separable: a row pass and a column pass, each renormalised.
 */
final class Ssim {
    static final int WINDOW = 11;
    static final double SIGMA = 1.5;
    static final double K1 = 0.01, K2 = 0.03, L = 1.0;
    static final double C1 = (K1 * L) * (K1 * L), C2 = (K2 * L) * (K2 * L);

    private Ssim() {}

    /** The 1-D Gaussian weights exp(-d^2 / (2 sigma^2)), d = -5..5 (unnormalised: every use renormalises). */
    static double[] gaussian() {
        double[] g = new double[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            g[i] = StrictMath.exp(-d * d / (2 * SIGMA * SIGMA));
        }
        return g;
    }

    /**
     * The SSIM map of every plane: a and b are (P, H, W) in [-1, 1]; returns (P, H, W).
     */
    static double[] map(float[] a, float[] b, int planes, int h, int w) {
        int plane = h * w;
        double[] out = new double[planes * plane];
        double[] x = new double[plane], y = new double[plane], tmp = new double[plane];
        double[] mx = new double[plane], my = new double[plane], mxx = new double[plane], myy = new double[plane],
                mxy = new double[plane], prod = new double[plane];
        double[] g = gaussian();
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < plane; i++) {
                x[i] = (a[p * plane + i] + 1.0) / 2.0;
                y[i] = (b[p * plane + i] + 1.0) / 2.0;
            }
            blur(x, h, w, g, tmp, mx);
            blur(y, h, w, g, tmp, my);
            for (int i = 0; i < plane; i++) prod[i] = x[i] * x[i];
            blur(prod, h, w, g, tmp, mxx);
            for (int i = 0; i < plane; i++) prod[i] = y[i] * y[i];
            blur(prod, h, w, g, tmp, myy);
            for (int i = 0; i < plane; i++) prod[i] = x[i] * y[i];
            blur(prod, h, w, g, tmp, mxy);
            for (int i = 0; i < plane; i++) {
                double vx = mxx[i] - mx[i] * mx[i], vy = myy[i] - my[i] * my[i], cxy = mxy[i] - mx[i] * my[i];
                out[p * plane + i] = (2 * mx[i] * my[i] + C1) * (2 * cxy + C2)
                        / ((mx[i] * mx[i] + my[i] * my[i] + C1) * (vx + vy + C2));
            }
        }
        return out;
    }

    /** out = in filtered by the window cut to the image and renormalised; a row pass into tmp, then a column pass. */
    private static void blur(double[] in, int h, int w, double[] g, double[] tmp, double[] out) {
        int half = WINDOW / 2;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double s = 0, norm = 0;
                for (int k = Math.max(-half, -c); k <= Math.min(half, w - 1 - c); k++) {
                    s += g[k + half] * in[r * w + c + k];
                    norm += g[k + half];
                }
                tmp[r * w + c] = s / norm;
            }
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double s = 0, norm = 0;
                for (int k = Math.max(-half, -r); k <= Math.min(half, h - 1 - r); k++) {
                    s += g[k + half] * tmp[(r + k) * w + c];
                    norm += g[k + half];
                }
                out[r * w + c] = s / norm;
            }
        }
    }
}
