package org.semfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.semfill.kernels.KernelTestData.uniform;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WinogradConvolution} against plain double loops of the definitions (conv2d and convTranspose2d, stride 2,
 * kernel 4, padding 1), for the scalar and the vector kernels: accuracy, accumulate, the adjoint identity between
 * the two ops, and the same bits for an image however the images are grouped.
 */
class WinogradConvolutionTest {
    /** Max abs error over the output's max abs. Measured: about 1e-7 (m = 2) and 3e-7 (m = 4). */
    static final double REL_TOLERANCE = 1e-5;

    static Kernels kernels(String name) {
        return name.equals("scalar") ? new ScalarKernels() : KernelTestData.vectorOrSkip();
    }

    /** y[o][a][b] = sum W[o][c][ky][kx] x[c][2a + ky - 1][2b + kx - 1], in double. */
    static double[] naiveConv(float[] x, float[] wt, int batch, int c, int o, int h, int w) {
        int oh = h / 2, ow = w / 2;
        double[] y = new double[batch * o * oh * ow];
        for (int n = 0; n < batch; n++)
            for (int oc = 0; oc < o; oc++)
                for (int a = 0; a < oh; a++)
                    for (int b = 0; b < ow; b++) {
                        double s = 0;
                        for (int ic = 0; ic < c; ic++)
                            for (int ky = 0; ky < 4; ky++)
                                for (int kx = 0; kx < 4; kx++) {
                                    int iy = 2 * a + ky - 1, ix = 2 * b + kx - 1;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                    s += (double) wt[((oc * c + ic) * 4 + ky) * 4 + kx] * x[((n * c + ic) * h + iy) * w + ix];
                                }
                        y[((n * o + oc) * oh + a) * ow + b] = s;
                    }
        return y;
    }

    /** y[o][2 iy - 1 + ky][2 ix - 1 + kx] += x[c][iy][ix] W[c][o][ky][kx], in double. */
    static double[] naiveTransposed(float[] x, float[] wt, int batch, int c, int o, int h, int w) {
        int oh = 2 * h, ow = 2 * w;
        double[] y = new double[batch * o * oh * ow];
        for (int n = 0; n < batch; n++)
            for (int ic = 0; ic < c; ic++)
                for (int iy = 0; iy < h; iy++)
                    for (int ix = 0; ix < w; ix++)
                        for (int oc = 0; oc < o; oc++)
                            for (int ky = 0; ky < 4; ky++)
                                for (int kx = 0; kx < 4; kx++) {
                                    int yy = 2 * iy - 1 + ky, xx = 2 * ix - 1 + kx;
                                    if (yy < 0 || yy >= oh || xx < 0 || xx >= ow) continue;
                                    y[((n * o + oc) * oh + yy) * ow + xx] +=
                                            (double) x[((n * c + ic) * h + iy) * w + ix] * wt[((ic * o + oc) * 4 + ky) * 4 + kx];
                                }
        return y;
    }

    /**
     * (kernels, transposed, batch, inC, outC, h, w, tile asked (0: automatic), tiles per block asked (0: automatic),
     * expected m). The forced 16-tile blocks on images of more tiles than that take the path without staging, where
     * blocks start and end inside images.
     */
    static Stream<Arguments> shapes() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (String k : new String[] {"scalar", "vector"}) {
            s.add(Arguments.of(k, false, 1, 8, 8, 8, 8, 0, 0, 4));       // one 4x4 output tile
            s.add(Arguments.of(k, false, 3, 8, 16, 12, 20, 0, 0, 2));    // 6x10 output: m = 2, non-square
            s.add(Arguments.of(k, false, 3, 16, 8, 32, 16, 0, 0, 4));    // 16x8 output, several tiles per image
            s.add(Arguments.of(k, false, 3, 8, 8, 32, 24, 2, 16, 2));    // m = 2 asked; 48 tiles an image, 16 a block
            s.add(Arguments.of(k, true, 1, 8, 8, 4, 4, 0, 0, 4));        // G's 4x4 input: one tile per phase
            s.add(Arguments.of(k, true, 3, 16, 8, 6, 10, 0, 0, 2));
            s.add(Arguments.of(k, true, 3, 8, 12, 8, 16, 0, 0, 4));
            s.add(Arguments.of(k, true, 3, 8, 8, 16, 12, 0, 16, 4));     // 12 tiles an image: blocks of 12 (staged)
            s.add(Arguments.of(k, true, 3, 8, 8, 12, 20, 2, 16, 2));     // 60 tiles an image, 16 a block
        }
        return s.build();
    }

    private static float[] run(WinogradConvolution plan, float[] x, int batch, int outPerImage, float[] init, boolean acc) {
        float[] out = init == null ? new float[batch * outPerImage] : init.clone();
        plan.apply(x, 0, batch, out, acc);
        return out;
    }

    private static double relativeError(float[] actual, double[] expected, float[] base) {
        double maxAbs = 0, maxErr = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i] + (base == null ? 0 : base[i]);
            maxAbs = Math.max(maxAbs, Math.abs(e));
            maxErr = Math.max(maxErr, Math.abs(actual[i] - e));
        }
        return maxErr / maxAbs;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matchesTheDefinition(String kernels, boolean transposed, int batch, int c, int o, int h, int w, int tile,
                              int blockTiles, int m) {
        Kernels kk = kernels(kernels);
        float[] x = uniform(1, batch * c * h * w);
        float[] wt = uniform(2, c * o * 16, -0.5f, 0.5f);
        WinogradConvolution plan = tile == 0 && blockTiles == 0
                ? (transposed ? WinogradConvolution.transposed(kk, wt, c, o, h, w) : WinogradConvolution.conv(kk, wt, o, c, h, w))
                : WinogradConvolution.withBlock(transposed, kk, wt, c, o, h, w, blockTiles, tile);
        assertEquals(m, plan.tileSize());
        double[] expected = transposed ? naiveTransposed(x, wt, batch, c, o, h, w) : naiveConv(x, wt, batch, c, o, h, w);
        int outPerImage = expected.length / batch;
        float[] init = uniform(3, expected.length);
        java.util.Arrays.fill(init, Float.NaN); // overwrite must not read out
        double err = relativeError(run(plan, x, batch, outPerImage, init, false), expected, null);
        System.out.printf("winograd %s %s %dx%d m=%d: max abs error / max abs = %.2e%n", kernels,
                transposed ? "transposed" : "conv", h, w, m, err);
        assertTrue(err <= REL_TOLERANCE, "relative error " + err);

        float[] base = uniform(4, expected.length);
        double errAcc = relativeError(run(plan, x, batch, outPerImage, base, true), expected, base);
        assertTrue(errAcc <= REL_TOLERANCE, "accumulate: relative error " + errAcc);
    }

    /** The two ops with one weight are adjoint: <conv(x), y> = <x, convTranspose(y)>. */
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void convAndTransposedAreAdjoint(String kernels) {
        Kernels kk = kernels(kernels);
        int batch = 2, c = 8, o = 16, h = 16, w = 24, oh = h / 2, ow = w / 2;
        float[] wt = uniform(5, o * c * 16);
        float[] x = uniform(6, batch * c * h * w), y = uniform(7, batch * o * oh * ow);
        float[] cx = new float[y.length], ty = new float[x.length];
        WinogradConvolution.conv(kk, wt, o, c, h, w).apply(x, 0, batch, cx, false);
        WinogradConvolution.transposed(kk, wt, o, c, oh, ow).apply(y, 0, batch, ty, false); // W (O, C, 4, 4) as (in O, out C)
        double left = 0, right = 0, scale = 0;
        for (int i = 0; i < y.length; i++) {
            left += (double) cx[i] * y[i];
            scale += Math.abs((double) cx[i] * y[i]);
        }
        for (int i = 0; i < x.length; i++) right += (double) x[i] * ty[i];
        assertEquals(left, right, 1e-5 * scale);
    }

    /** An image gets the same bits alone, in a batch, split over calls, and with blocks cut elsewhere. */
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void imageResultDoesNotDependOnItsCompany(String kernels) {
        Kernels kk = kernels(kernels);
        for (boolean transposed : new boolean[] {false, true}) {
            int batch = 5, c = 8, o = 8, h = 8, w = 12; // conv: 2x3 tiles of m = 2; transposed: 2x3 of m = 4
            float[] wt = uniform(8, c * o * 16);
            float[] x = uniform(9, batch * c * h * w);
            WinogradConvolution whole = WinogradConvolution.withBlock(transposed, kk, wt, c, o, h, w, 0, 0);
            WinogradConvolution small = WinogradConvolution.withBlock(transposed, kk, wt, c, o, h, w, 16, 0);
            int per = (transposed ? 4 * h * w : h * w / 4) * o;
            float[] all = new float[batch * per];
            whole.apply(x, 0, batch, all, false);
            float[] alone = new float[batch * per], split = new float[batch * per], blocks = new float[batch * per];
            for (int i = 0; i < batch; i++) whole.apply(x, i, i + 1, alone, false);
            whole.apply(x, 0, 2, split, false);
            whole.apply(x, 2, batch, split, false);
            small.apply(x, 1, batch, blocks, false);
            small.apply(x, 0, 1, blocks, false);
            // Images of 36 tiles (m = 2) in blocks of 16, cut inside images and at other places in another split.
            int hh = transposed ? 12 : 24, big = (transposed ? 4 * hh * hh : hh * hh / 4) * o;
            float[] xBig = uniform(13, batch * c * hh * hh);
            WinogradConvolution unstaged = WinogradConvolution.withBlock(transposed, kk, wt, c, o, hh, hh, 16, 2);
            float[] cut = new float[batch * big], cutElsewhere = new float[batch * big];
            unstaged.apply(xBig, 0, batch, cut, false);
            unstaged.apply(xBig, 0, 3, cutElsewhere, false);
            unstaged.apply(xBig, 3, batch, cutElsewhere, false);
            assertEquals(16, unstaged.blockTiles());
            assertArrayEquals(cut, cutElsewhere, "blocks cut inside images, transposed=" + transposed);
            assertTrue(small.blockTiles() <= 16 && whole.blockTiles() > 16);
            assertArrayEquals(all, alone, "alone, transposed=" + transposed);
            assertArrayEquals(all, split, "split, transposed=" + transposed);
            assertArrayEquals(all, blocks, "16-tile blocks, transposed=" + transposed);
        }
    }

    /** The vector transform is the scalar one on whole vectors: the same bits, tail lanes included. */
    @Test
    void vectorTileTransformHasTheScalarBits() {
        Kernels vector = KernelTestData.vectorOrSkip(), scalar = new ScalarKernels();
        WinogradMatrices mats = WinogradMatrices.forTile(4);
        float[] bt = WinogradMatrices.toFloat(mats.bt(), false), b = WinogradMatrices.toFloat(mats.bt(), true);
        int lanes = 37;
        float[] in = uniform(10, 25 * lanes), o1 = new float[25 * lanes], o2 = new float[25 * lanes];
        scalar.tileTransform(5, 5, bt, 5, 5, b, in, 0, 5 * lanes, lanes, o1, 0, lanes, lanes);
        vector.tileTransform(5, 5, bt, 5, 5, b, in, 0, 5 * lanes, lanes, o2, 0, lanes, lanes);
        assertArrayEquals(o1, o2);
    }

    /** The Toom-Cook construction is exact (in double) for F(m, 2) with the chosen points, and for F(2, 3). */
    @Test
    void oneDimensionalAlgorithmIsExact() {
        WinogradMatrices[] all = {WinogradMatrices.forTile(2), WinogradMatrices.forTile(4),
                WinogradMatrices.toomCook(2, 3, 0, 1, -1), WinogradMatrices.toomCook(6, 2, 0, 1, -1, 2, -2, 0.5)};
        for (WinogradMatrices wm : all) {
            int m = wm.m(), r = wm.r(), n = wm.n();
            float[] d = uniform(11, n), g = uniform(12, r);
            double[] gd = new double[n], bd = new double[n];
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < r; j++) gd[k] += wm.g()[k][j] * g[j];
                for (int i = 0; i < n; i++) bd[k] += wm.bt()[k][i] * d[i];
            }
            for (int i = 0; i < m; i++) {
                double direct = 0, fast = 0;
                for (int j = 0; j < r; j++) direct += (double) g[j] * d[i + j];
                for (int k = 0; k < n; k++) fast += wm.at()[i][k] * gd[k] * bd[k];
                assertEquals(direct, fast, 1e-12, "F(" + m + ", " + r + ") output " + i);
            }
        }
    }

    @Test
    void appliesOnlyWhereItPaysAndFits() {
        assertFalse(WinogradConvolution.applies(false, 3, 64, 64, 64), "D's first layer: 3 input channels");
        assertFalse(WinogradConvolution.applies(true, 64, 3, 32, 32), "G's last layer: 3 output channels");
        assertFalse(WinogradConvolution.applies(true, 32, 16, 16, 16), "16 output channels: measured slower");
        assertFalse(WinogradConvolution.applies(false, 64, 128, 63, 64), "odd input height");
        assertFalse(WinogradConvolution.applies(false, 64, 128, 6, 6), "3x3 output: no tile divides it");
        assertFalse(WinogradConvolution.applies(true, 64, 64, 5, 4), "odd transposed input");
        assertFalse(WinogradConvolution.applies(true, 128, 64, 14, 14), "transposed with m = 2: broke even");
        assertFalse(WinogradConvolution.handles(false, 64, 64, 6, 6));
        assertTrue(WinogradConvolution.handles(true, 8, 8, 6, 10), "computable, though not worth it");
        // config a and b's layers
        assertTrue(WinogradConvolution.applies(false, 64, 128, 32, 32));
        assertTrue(WinogradConvolution.applies(false, 256, 512, 8, 8));
        assertTrue(WinogradConvolution.applies(true, 512, 256, 4, 4));
        assertTrue(WinogradConvolution.applies(true, 64, 32, 8, 8));
        assertTrue(WinogradConvolution.applies(false, 32, 64, 16, 16));
        assertTrue(WinogradConvolution.applies(false, 64, 128, 28, 28)); // 14x14 output: m = 2
    }
}
