package org.semfill.completion.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.completion.Region;
import org.semfill.internal.Rng;

class MetricsTest {

    private static float[] randomImage(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.5 * Math.sin(i * 0.37) + 0.3 * (rng.nextDouble() - 0.5));
        return x;
    }

    private static float[] plusNoise(float[] x, double sigma, long seed) {
        Rng rng = new Rng(seed);
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) y[i] = (float) Math.max(-1, Math.min(1, y[i] + sigma * rng.nextGaussian()));
        return y;
    }

    @Test
    void psnrOfAKnownErrorLevel() {
        // Every pixel off by 0.1 on [-1, 1] = 0.05 on [0, 1]: MSE 0.0025, PSNR = 10 log10(400) = 26.0206 dB.
        float[] a = new float[3 * 8 * 8], b = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.2f;
            b[i] = 0.2f + (i % 2 == 0 ? 0.1f : -0.1f);
        }
        Mask m = Masks.full(8);
        assertEquals(10 * Math.log10(400), Metrics.psnr(a, b, m, Region.WHOLE), 1e-5);
        assertEquals(10 * Math.log10(400), Metrics.psnr(a, b), 1e-5);
        assertEquals(0.0025, Metrics.mse(a, b, m, Region.WHOLE), 1e-9);
    }

    @Test
    void psnrRegions() {
        Mask m = Masks.center(8); // 16 hole pixels of 64
        float[] a = new float[64], b = new float[64];
        for (int i = 0; i < 64; i++) if (!m.isKnown(i)) b[i] = 0.2f; // error only in the hole: 0.1 on [0, 1]
        assertEquals(20.0, Metrics.psnr(a, b, m, Region.HOLE), 1e-5);
        assertEquals(10 * Math.log10(1 / (0.01 * 16 / 64)), Metrics.psnr(a, b, m, Region.WHOLE), 1e-5);
        float[] c = new float[64];
        for (int i = 0; i < 64; i++) if (m.isKnown(i)) c[i] = 0.2f; // error only outside the hole
        assertEquals(Double.POSITIVE_INFINITY, Metrics.psnr(a, c, m, Region.HOLE));
        assertTrue(Double.isNaN(Metrics.psnr(a, b, Masks.full(8), Region.HOLE)), "empty region");
        assertTrue(Double.isNaN(Metrics.ssim(a, b, Masks.full(8), Region.HOLE)), "empty region");
    }

    @Test
    void ssimOfAnImageWithItselfIsOne() {
        float[] x = randomImage(3 * 20 * 20, 1);
        assertEquals(1.0, Metrics.ssim(x, x, 3, 20, 20), 1e-12);
        assertEquals(1.0, Metrics.ssim(x, x, Masks.left(20), Region.HOLE), 1e-12);
    }

    @Test
    void ssimFallsAsNoiseGrows() {
        float[] x = randomImage(32 * 32, 2);
        double previous = 1.0;
        for (double sigma : new double[] {0.02, 0.05, 0.1, 0.2, 0.4}) {
            double s = Metrics.ssim(x, plusNoise(x, sigma, 3), 1, 32, 32);
            assertTrue(s < previous, "sigma " + sigma + ": " + s + " should be below " + previous);
            previous = s;
        }
    }

    @Test
    void ssimOfTwoConstantImagesHasAClosedForm() {
        // No variance: SSIM = (2 mu_x mu_y + C1) / (mu_x^2 + mu_y^2 + C1) with mu on [0, 1].
        float[] a = new float[2 * 9 * 9], b = new float[a.length];
        java.util.Arrays.fill(a, -0.2f); // 0.4
        java.util.Arrays.fill(b, 0.4f);  // 0.7
        double c1 = 0.0001, expected = (2 * 0.4 * 0.7 + c1) / (0.4 * 0.4 + 0.7 * 0.7 + c1);
        assertEquals(expected, Metrics.ssim(a, b, 2, 9, 9), 1e-6);
    }

    @Test
    void ssimMatchesAStraightforwardDoubleReference() {
        // Sizes below and above the 11x11 window, so both the cut border windows and the full interior are checked.
        for (int[] shape : new int[][] {{2, 7, 9}, {1, 13, 15}}) {
            int c = shape[0], h = shape[1], w = shape[2];
            float[] a = randomImage(c * h * w, 4), b = plusNoise(a, 0.15, 5);
            double[] ref = referenceSsimMap(a, b, c, h, w);
            Rng rng = new Rng(6);
            float[] known = new float[h * w]; // (H, W): about half missing
            for (int i = 0; i < known.length; i++) known[i] = rng.nextDouble() < 0.5 ? 0f : 1f;
            Mask region = new Mask("r", h, w, known);
            double[] map = Metrics.ssimMap(a, b, region);
            for (int i = 0; i < map.length; i++) assertEquals(ref[i], map[i], 1e-9, "map entry " + i);
            double sumAll = 0, sumHole = 0;
            int nHole = 0;
            for (int i = 0; i < ref.length; i++) {
                sumAll += ref[i];
                if (!region.isKnown(i % (h * w))) {
                    sumHole += ref[i];
                    nHole++;
                }
            }
            assertEquals(sumAll / ref.length, Metrics.ssim(a, b, region, Region.WHOLE), 1e-9);
            assertEquals(sumHole / nHole, Metrics.ssim(a, b, region, Region.HOLE), 1e-9);
        }
    }

    /** SSIM map computed the slow, obvious way: a 2-D Gaussian window cut to the image and renormalised. */
    private static double[] referenceSsimMap(float[] a, float[] b, int c, int h, int w) {
        double c1 = Math.pow(0.01, 2), c2 = Math.pow(0.03, 2);
        double[] out = new double[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    double sw = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                    for (int dr = -5; dr <= 5; dr++) {
                        for (int dc = -5; dc <= 5; dc++) {
                            int rr = r + dr, cc = col + dc;
                            if (rr < 0 || rr >= h || cc < 0 || cc >= w) continue;
                            double wt = Math.exp(-(dr * dr + dc * dc) / (2 * 1.5 * 1.5));
                            double x = (a[(ch * h + rr) * w + cc] + 1.0) / 2, y = (b[(ch * h + rr) * w + cc] + 1.0) / 2;
                            sw += wt;
                            sx += wt * x;
                            sy += wt * y;
                            sxx += wt * x * x;
                            syy += wt * y * y;
                            sxy += wt * x * y;
                        }
                    }
                    double mx = sx / sw, my = sy / sw;
                    double vx = sxx / sw - mx * mx, vy = syy / sw - my * my, cxy = sxy / sw - mx * my;
                    out[(ch * h + r) * w + col] = (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                }
            }
        }
        return out;
    }

    @Test
    void scoresBundleTheFourNumbers() {
        Mask m = Masks.center(16);
        float[] a = randomImage(16 * 16, 8), b = plusNoise(a, 0.1, 9);
        Scores s = Scores.of(a, b, m);
        assertEquals(Metrics.psnr(a, b, m, Region.HOLE), s.psnrHole());
        assertEquals(Metrics.psnr(a, b, m, Region.WHOLE), s.psnrWhole());
        assertEquals(Metrics.ssim(a, b, m, Region.HOLE), s.ssimHole());
        assertEquals(Metrics.ssim(a, b, m, Region.WHOLE), s.ssimWhole());
    }
}
