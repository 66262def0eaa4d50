package org.semfill.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.semfill.reference.Support.finiteDifferenceError;
import static org.semfill.reference.Support.uniform;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference on its own: each backward against central differences of its own forward on tiny shapes,
 * with no fast code involved, so a disagreement with autograd cannot be the reference's fault.
 */
class ReferenceFiniteDifferenceTest {
    static final double H = 1e-2, TOL = 1e-2;

    @ParameterizedTest(name = "conv2d N={0} C={1} {2}x{3} K={4} k={5} stride={6} pad={7}")
    @CsvSource({"2, 2, 6, 6, 2, 4, 2, 1", "1, 1, 5, 4, 2, 3, 1, 0", "2, 3, 3, 3, 1, 3, 1, 1", "1, 2, 4, 4, 3, 4, 1, 0"})
    void conv2dBackward(int n, int c, int h, int w, int k, int ks, int stride, int pad) {
        Random rng = new Random(5000 + h);
        var d = new Conv2dReference.Dims(n, c, h, w, k, ks, ks, stride, pad);
        float[][] in = {uniform(rng, n * c * h * w, -1, 1), uniform(rng, k * c * ks * ks, -1, 1)};
        float[] r = uniform(rng, n * k * d.OH() * d.OW(), -1, 1);
        var g = Conv2dReference.backward(in[0], in[1], r, d);
        double err = finiteDifferenceError(a -> Conv2dReference.forward(a[0], a[1], d), in, r, new float[][] {g.dx(), g.dw()}, H);
        assertTrue(err < TOL, "conv2d reference gradient error " + err);
    }

    @ParameterizedTest(name = "convTranspose2d N={0} Cin={1} {2}x{3} Cout={4} k={5} stride={6} pad={7}")
    @CsvSource({"2, 3, 1, 1, 2, 4, 1, 0", "1, 2, 3, 3, 2, 4, 2, 1", "2, 1, 2, 3, 2, 3, 2, 0", "1, 2, 3, 3, 1, 3, 1, 1"})
    void convTranspose2dBackward(int n, int c, int h, int w, int k, int ks, int stride, int pad) {
        Random rng = new Random(6000 + h);
        var d = new ConvTranspose2dReference.Dims(n, c, h, w, k, ks, ks, stride, pad);
        float[][] in = {uniform(rng, n * c * h * w, -1, 1), uniform(rng, c * k * ks * ks, -1, 1)};
        float[] r = uniform(rng, n * k * d.OH() * d.OW(), -1, 1);
        var g = ConvTranspose2dReference.backward(in[0], in[1], r, d);
        double err = finiteDifferenceError(a -> ConvTranspose2dReference.forward(a[0], a[1], d), in, r, new float[][] {g.dx(), g.dw()}, H);
        assertTrue(err < TOL, "convTranspose2d reference gradient error " + err);
    }

    @Test
    void transposedConvolutionIsTheAdjointOfConvolution() {
        // <conv(x, w), y> = <x, convT(y, w)> with the same weight array: (K, C, R, S) read as (Cin = K, Cout = C).
        Random rng = new Random(6500);
        var conv = new Conv2dReference.Dims(2, 3, 8, 8, 5, 4, 4, 2, 1);
        var convT = new ConvTranspose2dReference.Dims(2, 5, conv.OH(), conv.OW(), 3, 4, 4, 2, 1);
        float[] x = uniform(rng, 2 * 3 * 64, -1, 1), w = uniform(rng, 5 * 3 * 16, -1, 1), y = uniform(rng, 2 * 5 * 16, -1, 1);
        float[] cx = Conv2dReference.forward(x, w, conv), ty = ConvTranspose2dReference.forward(y, w, convT);
        double lhs = 0, rhs = 0;
        for (int i = 0; i < cx.length; i++) lhs += (double) cx[i] * y[i];
        for (int i = 0; i < ty.length; i++) rhs += (double) x[i] * ty[i];
        assertTrue(Math.abs(lhs - rhs) < 1e-4 * Math.max(1, Math.abs(lhs)), lhs + " vs " + rhs);
    }

    @ParameterizedTest(name = "batch norm N={0} C={1} {2}x{3}")
    @CsvSource({"2, 2, 2, 2", "3, 1, 1, 2", "1, 3, 2, 3"})
    void batchNormBackward(int n, int c, int h, int w) {
        Random rng = new Random(7000 + n);
        var d = new BatchNormReference.Dims(n, c, h, w);
        float[][] in = {uniform(rng, n * c * h * w, -1, 1), uniform(rng, c, 0.5f, 1.5f), uniform(rng, c, -0.5f, 0.5f)};
        float[] r = uniform(rng, in[0].length, -1, 1);
        var f = BatchNormReference.forward(in[0], in[1], in[2], d, 1e-5f, 0.1f, null, null);
        var g = BatchNormReference.backward(in[0], in[1], r, f, d);
        double err = finiteDifferenceError(a -> BatchNormReference.forward(a[0], a[1], a[2], d, 1e-5f, 0.1f, null, null).y(),
                in, r, new float[][] {g.dx(), g.dgamma(), g.dbeta()}, 1e-3);
        assertTrue(err < TOL, "batch norm reference gradient error " + err);
    }

    @Test
    void lossBackwards() {
        Random rng = new Random(8000);
        float[] t = {1, 0, 1, 0, 0.3f};
        float[][] p = {uniform(rng, 5, 0.1f, 0.9f)};
        check("bce", a -> new float[] {LossReference.bce(a[0], t)}, p, LossReference.bceBackward(p[0], t, 1f), H * 0.1);
        float[][] x = {uniform(rng, 5, -3, 3)};
        check("bceWithLogits", a -> new float[] {LossReference.bceWithLogits(a[0], t)}, x,
                LossReference.bceWithLogitsBackward(x[0], t, 1f), H);
        float[][] d = {uniform(rng, 4, 0.05f, 0.9f)};
        check("perceptual", a -> new float[] {LossReference.perceptual(a[0])}, d, LossReference.perceptualBackward(d[0]), H * 0.1);
        int n = 2, c = 3, h = 2, w = 3;
        float[] y = uniform(rng, n * c * h * w, -1, 1), weights = uniform(rng, n * h * w, 0, 2);
        float[][] g = {uniform(rng, y.length, -1, 1)};
        for (int i = 0; i < y.length; i++) if (Math.abs(g[0][i] - y[i]) < 0.01f) g[0][i] += 0.05f; // keep off the kink of |.|
        check("contextual", a -> new float[] {LossReference.contextual(a[0], y, weights, n, c, h, w)}, g,
                LossReference.contextualBackward(g[0], y, weights, n, c, h, w), 1e-3);
    }

    @Test
    void activationBackwards() {
        Random rng = new Random(9000);
        float[][] x = {uniform(rng, 20, -3, 3)};
        for (int i = 0; i < x[0].length; i++) if (Math.abs(x[0][i]) < 0.05f) x[0][i] = 0.5f; // keep off the kink at 0
        float[] r = uniform(rng, 20, -1, 1);
        float[][] grads = {
                ActivationReference.reluBackward(x[0], r),
                ActivationReference.leakyReluBackward(x[0], r, 0.2f),
                ActivationReference.tanhBackward(ActivationReference.tanh(x[0]), r),
                ActivationReference.sigmoidBackward(ActivationReference.sigmoid(x[0]), r)};
        java.util.List<java.util.function.Function<float[][], float[]>> fs = java.util.List.of(
                a -> ActivationReference.relu(a[0]), a -> ActivationReference.leakyRelu(a[0], 0.2f),
                a -> ActivationReference.tanh(a[0]), a -> ActivationReference.sigmoid(a[0]));
        for (int j = 0; j < fs.size(); j++) {
            double err = finiteDifferenceError(fs.get(j), x, r, new float[][] {grads[j]}, 1e-2);
            assertTrue(err < TOL, "activation " + j + " reference gradient error " + err);
        }
    }

    /** A scalar loss: the contraction weight is 1. */
    private static void check(String what, java.util.function.Function<float[][], float[]> f, float[][] in, float[] grad, double h) {
        double err = finiteDifferenceError(f, in, new float[] {1f}, new float[][] {grad}, h);
        assertTrue(err < TOL, what + " reference gradient error " + err);
    }
}
