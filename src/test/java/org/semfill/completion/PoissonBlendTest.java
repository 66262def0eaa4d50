package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semfill.completion.evaluation.HarmonicFill;
import org.semfill.internal.Rng;

class PoissonBlendTest {

    /** A smooth-ish test image (P, S, S) in [-0.6, 0.6]: a different pattern per plane plus a little noise. */
    private static float[] picture(int planes, int size, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[planes * size * size];
        for (int p = 0; p < planes; p++)
            for (int r = 0; r < size; r++)
                for (int c = 0; c < size; c++)
                    x[(p * size + r) * size + c] = (float) (0.4 * Math.sin(0.3 * r + p) * Math.cos(0.2 * c - p)
                            + 0.1 * (rng.nextDouble() - 0.5));
        return x;
    }

    private static double maxHoleError(float[] a, float[] b, Mask m) {
        int plane = m.planeSize();
        double worst = 0;
        for (int i = 0; i < a.length; i++) if (!m.isKnown(i % plane)) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        return worst;
    }

    @Test
    void generatorEqualToTheTruthGivesTheTruth() {
        Mask m = Masks.center(32);
        float[] truth = picture(3, 32, 1);
        float[] y = m.damage(truth, 0f);
        float[] blended = PoissonBlend.blend(y, truth, m);
        assertEquals(0, maxHoleError(blended, truth, m), 1e-5);
        assertArrayEquals(truth, blended, 1e-5f);
    }

    @Test
    void aConstantOffsetDisappearsSeamlessly() {
        Mask m = Masks.center(64);
        float[] truth = picture(2, 64, 2);
        float[] g = truth.clone();
        for (int i = 0; i < g.length; i++) g[i] += (i < 64 * 64) ? 0.35f : -0.25f; // a different offset per channel
        float[] y = m.damage(truth, 0f);
        float[] naive = PoissonBlend.completeNaive(y, g, m);
        assertEquals(0.35, maxHoleError(naive, truth, m), 1e-5, "pasting keeps the offset");
        float[] blended = new PoissonBlend(m).blend(y, g);
        assertTrue(maxHoleError(blended, truth, m) < 1e-4, "blend removes it: " + maxHoleError(blended, truth, m));
    }

    @Test
    void solutionSatisfiesTheDiscretePoissonEquation() {
        // An independent check of every hole pixel against the equation, including hole pixels on the image border.
        int s = 16;
        Mask m = Masks.left(s);
        float[] y = picture(1, s, 3), g = picture(1, s, 4);
        PoissonSolver solver = new PoissonSolver(m);
        float[] x = solver.solve(y, g);
        assertEquals(PoissonSolver.Method.CHOLESKY, solver.lastMethod());
        for (int r = 0; r < s; r++) {
            for (int c = 0; c < s; c++) {
                if (m.isKnown(r, c)) {
                    assertEquals(y[r * s + c], x[r * s + c], 0f);
                    continue;
                }
                double lhs = 0, rhs = 0;
                int[][] steps = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
                for (int[] d : steps) {
                    int rr = r + d[0], cc = c + d[1];
                    if (rr < 0 || rr >= s || cc < 0 || cc >= s) continue;
                    lhs += x[r * s + c];
                    if (m.isKnown(rr, cc)) rhs += y[rr * s + cc];
                    else lhs -= x[rr * s + cc];
                    rhs += g[r * s + c] - g[rr * s + cc];
                }
                assertEquals(rhs, lhs, 1e-5, "pixel " + r + "," + c);
            }
        }
    }

    @Test
    void conjugateGradientFallbackAgreesWithCholesky() {
        Mask m = Masks.random(24, 0.5, new Rng(9));
        float[] y = picture(3, 24, 5), g = picture(3, 24, 6);
        PoissonSolver cg = new PoissonSolver(m, false);
        float[] viaCg = cg.solve(y, g);
        assertEquals(PoissonSolver.Method.CONJUGATE_GRADIENT, cg.lastMethod());
        PoissonSolver chol = new PoissonSolver(m, true);
        float[] viaChol = chol.solve(y, g);
        assertEquals(PoissonSolver.Method.CHOLESKY, chol.lastMethod());
        assertArrayEquals(viaChol, viaCg, 1e-5f);
    }

    @Test
    void aBatchIsBlendedPlaneByPlaneWithOneFactor() {
        Mask m = Masks.center(28);
        float[] batch = picture(4, 28, 7); // e.g. (N=2, C=2, 28, 28)
        float[] g = batch.clone();
        for (int i = 0; i < g.length; i++) g[i] += 0.1f * (i / (28 * 28)) - 0.15f;
        PoissonBlend blend = new PoissonBlend(m);
        float[] all = blend.blend(batch, g);
        assertTrue(maxHoleError(all, batch, m) < 1e-4);
        float[] secondImage = java.util.Arrays.copyOfRange(batch, 2 * 784, 4 * 784);
        float[] secondG = java.util.Arrays.copyOfRange(g, 2 * 784, 4 * 784);
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 2 * 784, 4 * 784), blend.blend(secondImage, secondG), 1e-6f);
    }

    @Test
    void outputIsClampedToTheImageRange() {
        Mask m = Masks.center(16);
        float[] y = new float[256];
        java.util.Arrays.fill(y, 0.9f);
        float[] g = new float[256];
        for (int i = 0; i < 256; i++) g[i] = (i % 16 == 8) ? 3f : 0f; // a sharp ridge: the blend overshoots 1
        float[] x = PoissonBlend.blend(y, g, m);
        float max = -2f;
        for (float v : x) {
            assertTrue(v >= -1f && v <= 1f);
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 0f);
    }

    @Test
    void fullMaskReturnsTheKnownImageAndEmptyMaskReturnsTheGenerator() {
        float[] y = picture(1, 8, 8), g = picture(1, 8, 9);
        assertArrayEquals(y, PoissonBlend.blend(y, g, Masks.full(8)));
        Mask nothingKnown = Masks.random(8, 1.0, new Rng(0));
        assertArrayEquals(g, PoissonBlend.blend(y, g, nothingKnown));
    }

    @Test
    void harmonicFillReproducesALinearRamp() {
        // A linear function is discrete-harmonic, so Laplace's equation with its values on the boundary returns it.
        int s = 32;
        float[] ramp = new float[s * s];
        for (int r = 0; r < s; r++) for (int c = 0; c < s; c++) ramp[r * s + c] = -0.8f + 0.03f * r + 0.02f * c;
        Mask m = Masks.center(s);
        float[] filled = new HarmonicFill().fill(m.damage(ramp, 0f), 1, m);
        assertArrayEquals(ramp, filled, 1e-5f);
        // A random hole that keeps the image border known (the border is a Neumann edge, which a tilted ramp breaks).
        float[] rm = Masks.random(s, 0.6, new Rng(11)).toArray();
        for (int i = 0; i < s; i++) rm[i] = rm[(s - 1) * s + i] = rm[i * s] = rm[i * s + s - 1] = 1f;
        Mask random = new Mask("random-inner", s, s, rm);
        assertArrayEquals(ramp, new HarmonicFill().fill(random.damage(ramp, 0f), 1, random), 1e-5f);
    }

    @Test
    void harmonicFillOfOneHolePixelIsTheMeanOfItsNeighbours() {
        float[] img = {0.1f, 0.2f, 0.3f, 0.4f, 9f, 0.6f, 0.7f, 0.8f, -0.9f};
        float[] mk = {1, 1, 1, 1, 0, 1, 1, 1, 1};
        float[] x = new HarmonicFill().fill(img, 1, new Mask("mid", 3, 3, mk));
        assertEquals((0.2f + 0.4f + 0.6f + 0.8f) / 4, x[4], 1e-6f);
        float[] corner = {1, 1, 1, 1, 1, 1, 1, 1, 0}; // corner (2,2): only (1,2) and (2,1) are neighbours
        float[] y = new HarmonicFill().fill(img, 1, new Mask("corner", 3, 3, corner));
        assertEquals((0.6f + 0.8f) / 2, y[8], 1e-6f);
    }
}
