package org.semfill.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/** Convolutions and batch norm: against a direct convolution, and against central differences. */
class ConvolutionTest {
    final Rng rng = new Rng(11);

    Tensor var(int... shape) {
        return Tensor.variable(Tensor.uniform(rng, -1f, 1f, shape).data(), shape);
    }

    /** The textbook definition: y[n,o,i,j] = sum_{c,u,v} x[n,c,i s - p + u, j s - p + v] w[o,c,u,v]. */
    static float[] directConv(float[] x, int n, int c, int h, int w, float[] wt, int o, int k, int s, int p) {
        int oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1;
        float[] y = new float[n * o * oh * ow];
        for (int b = 0; b < n; b++)
            for (int oc = 0; oc < o; oc++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) {
                        double acc = 0;
                        for (int ch = 0; ch < c; ch++)
                            for (int u = 0; u < k; u++)
                                for (int v = 0; v < k; v++) {
                                    int yy = i * s - p + u, xx = j * s - p + v;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < w)
                                        acc += x[((b * c + ch) * h + yy) * w + xx] * wt[((oc * c + ch) * k + u) * k + v];
                                }
                        y[((b * o + oc) * oh + i) * ow + j] = (float) acc;
                    }
        return y;
    }

    @ParameterizedTest
    @CsvSource({"2,3,8,8,4,4,2,1", "1,1,7,7,2,3,1,1", "3,2,28,28,5,4,2,1", "2,4,7,7,1,7,1,0", "1,2,9,6,3,3,2,0",
            "3,5,4,4,6,4,1,0"}) // the last two: the kernel covers the image (a dense layer)
    void conv2dMatchesDirectConvolution(int n, int c, int h, int w, int o, int k, int s, int p) {
        Tensor x = Tensor.uniform(rng, -1, 1, n, c, h, w), wt = Tensor.uniform(rng, -1, 1, o, c, k, k);
        float[] got = Ops.conv2d(x, wt, s, p).data();
        float[] want = directConv(x.data(), n, c, h, w, wt.data(), o, k, s, p);
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-4, "element " + i);
    }

    @ParameterizedTest
    @CsvSource({"2,3,6,6,2,4,2,1", "1,2,5,5,3,3,1,1", "2,2,4,4,2,3,2,0", "1,1,7,7,1,7,1,0", "2,3,4,4,5,4,2,0"})
    void conv2dGradients(int n, int c, int h, int w, int o, int k, int s, int p) {
        double err = GradCheck.maxError(t -> Ops.conv2d(t[0], t[1], s, p), 1e-2, var(n, c, h, w), var(o, c, k, k));
        assertTrue(err < 2e-2, "conv2d gradient error " + err);
    }

    @ParameterizedTest
    @CsvSource({"2,3,3,3,2,4,2,1", "1,4,1,1,3,4,1,0", "2,2,4,4,2,3,1,1", "1,2,1,1,2,7,1,0", "2,2,3,3,1,3,2,0",
            "3,5,1,1,4,4,2,0"})
    void convTranspose2dGradients(int n, int c, int h, int w, int o, int k, int s, int p) {
        double err = GradCheck.maxError(t -> Ops.convTranspose2d(t[0], t[1], s, p), 1e-2, var(n, c, h, w), var(c, o, k, k));
        assertTrue(err < 2e-2, "convTranspose2d gradient error " + err);
    }

    @Test
    void convTransposeIsTheAdjointOfConv() {
        // <conv(x, w), y> == <x, convT(y, w)> for the same weights: the defining property of the transpose.
        int n = 2, c = 3, h = 8, o = 5, k = 4, s = 2, p = 1;
        Tensor x = Tensor.uniform(rng, -1, 1, n, c, h, h), w = Tensor.uniform(rng, -1, 1, o, c, k, k);
        Tensor y = Tensor.uniform(rng, -1, 1, n, o, 4, 4);
        float[] cx = Ops.conv2d(x, w, s, p).data(), ty = Ops.convTranspose2d(y, w, s, p).data();
        double lhs = 0, rhs = 0;
        for (int i = 0; i < cx.length; i++) lhs += cx[i] * y.data()[i];
        for (int i = 0; i < ty.length; i++) rhs += x.data()[i] * ty[i];
        assertEquals(lhs, rhs, 1e-3 * Math.max(1, Math.abs(lhs)));
        assertEquals(n * c * h * h, ty.length, "convT output shape restores the conv input");
    }

    @ParameterizedTest
    @CsvSource({"4,3,2,2", "2,2,3,3", "8,1,1,1"})
    void batchNormGradientsInTraining(int n, int c, int h, int w) {
        float[] rm = new float[c], rv = new float[c];
        double err = GradCheck.maxError(t -> Ops.batchNorm2d(t[0], t[1], t[2], rm.clone(), rv.clone(), true, 0.1f, 1e-5f),
                1e-2, var(n, c, h, w), var(c), var(c));
        assertTrue(err < 3e-2, "batch norm (train) gradient error " + err);
    }

    /**
     * Batch norm with the activation folded in equals batch norm then the activation, bit for bit: output and
     * the gradients of x, gamma and beta (each op is gradient-checked on its own), in training and in eval.
     */
    @ParameterizedTest
    @CsvSource({"0.2,true", "0,true", "0.2,false", "1,true"})
    void batchNormWithActivationIsTheTwoOps(float slope, boolean training) {
        Tensor x = var(6, 3, 4, 4), gamma = var(3), beta = var(3);
        float[] seed = Tensor.uniform(new Rng(9), -1f, 1f, 6, 3, 4, 4).data();
        float[] rm = {0.1f, -0.2f, 0.3f}, rv = {0.5f, 2f, 1f};
        float[][] results = new float[2][];
        for (int fused = 0; fused < 2; fused++) {
            x.zeroGrad();
            gamma.zeroGrad();
            beta.zeroGrad();
            Tensor y = fused == 1
                    ? Ops.batchNorm2dLeakyRelu(x, gamma, beta, rm.clone(), rv.clone(), training, 0.1f, 1e-5f, slope)
                    : Ops.leakyRelu(Ops.batchNorm2d(x, gamma, beta, rm.clone(), rv.clone(), training, 0.1f, 1e-5f), slope);
            y.backward(seed);
            float[] all = new float[y.numel() + x.numel() + 6];
            System.arraycopy(y.data(), 0, all, 0, y.numel());
            System.arraycopy(x.grad(), 0, all, y.numel(), x.numel());
            System.arraycopy(gamma.grad(), 0, all, y.numel() + x.numel(), 3);
            System.arraycopy(beta.grad(), 0, all, y.numel() + x.numel() + 3, 3);
            results[fused] = all;
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(results[0], results[1], 0f);
    }

    @Test
    void batchNormGradientsInEval() {
        float[] rm = {0.1f, -0.2f}, rv = {0.5f, 2f};
        double err = GradCheck.maxError(t -> Ops.batchNorm2d(t[0], t[1], t[2], rm, rv, false, 0.1f, 1e-5f),
                1e-2, var(3, 2, 2, 2), var(2), var(2));
        assertTrue(err < 2e-2, "batch norm (eval) gradient error " + err);
    }

    @Test
    void batchNormNormalisesAndTracksRunningStatistics() {
        Tensor x = Tensor.normal(rng, 3f, 2f, 16, 2, 4, 4);
        float[] rm = new float[2], rv = {1f, 1f};
        Tensor y = Ops.batchNorm2d(x, Tensor.of(new float[] {1, 1}, 2), Tensor.of(new float[] {0, 0}, 2), rm, rv, true, 0.1f, 1e-5f);
        double s = 0, ss = 0;
        int cnt = 0;
        for (int b = 0; b < 16; b++)
            for (int i = 0; i < 16; i++) {
                float v = y.data()[b * 32 + i]; // channel 0
                s += v;
                ss += v * v;
                cnt++;
            }
        assertEquals(0, s / cnt, 1e-4);
        assertEquals(1, ss / cnt, 1e-3);
        assertEquals(0.3, rm[0], 0.05, "running mean moved 10% towards ~3");
        assertTrue(rv[0] > 1.2 && rv[0] < 1.5, "running var moved 10% towards ~4: " + rv[0]);
    }
}
