package org.semfill.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.semfill.internal.Rng;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;
import org.semfill.kernels.WinogradConvolution;
import org.semfill.tensor.Tensor;

/**
 * The ops with {@code --conv winograd}: inside a search (a {@link FrozenWeights} scope, frozen weights) the stride-2
 * layers' forward and input gradients go through {@link WinogradConvolution}. The same values as direct up to
 * rounding, the finite-difference check passes, each plan is made once. In training (weights that learn) the layers
 * with at least four tiles an image take the same path, with a plan per call, or per part of a step; smaller maps and
 * the weight gradient stay direct.
 */
class ConvolutionWinogradTest {
    // channel counts and sizes the Winograd plans take (checked below, so the test cannot pass on the direct path)
    static final int N = 3, C = 32, H = 8, O = 64;

    @AfterEach
    void restore() {
        ConvAlgorithm.select(ConvAlgorithm.direct);
        KernelProvider.select("auto");
    }

    /** D's kind of layer then G's: conv (C -> O, H -> H/2), then transposed conv back (O -> C, H/2 -> H); output and dL/dx. */
    private static float[][] run(Tensor w1, Tensor w2, float[] xv) {
        Tensor x = Tensor.variable(xv.clone(), N, C, H, H);
        Tensor y = Ops.convTranspose2d(Ops.conv2d(x, w1, 2, 1), w2, 2, 1);
        Ops.sum(Ops.mul(y, y)).backward();
        return new float[][] {y.data().clone(), x.grad().clone()};
    }

    /** {@link #run} in a search's scope, with the given algorithm. */
    private static float[][] search(ConvAlgorithm a, Tensor w1, Tensor w2, float[] xv) {
        ConvAlgorithm.select(a);
        try (var scope = new FrozenWeights().use()) {
            return run(w1, w2, xv);
        }
    }

    private static double relativeError(float[] want, float[] got) {
        double scale = 0, worst = 0;
        for (float v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(want[i] - got[i]));
        return worst / scale;
    }

    @Test
    void theShapesHereTakeTheWinogradPath() {
        // conv2d(x, w1): forward, and the transposed conv's input gradient
        assertTrue(WinogradConvolution.applies(false, C, O, H, H), "conv (C -> O) on H x H");
        // convTranspose2d(., w2): forward, and the conv's input gradient
        assertTrue(WinogradConvolution.applies(true, O, C, H / 2, H / 2), "transposed conv (O -> C) on H/2 x H/2");
    }

    @Test
    void forwardAndInputGradientEqualDirectUpToRounding() {
        for (String k : new String[] {"vector", "scalar"}) {
            KernelProvider.select(k);
            Rng rng = new Rng(21);
            float[] x = Tensor.uniform(rng, -1f, 1f, N, C, H, H).data();
            Tensor w1 = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4), w2 = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4);
            float[][] direct = search(ConvAlgorithm.direct, w1, w2, x);
            float[][] wino = search(ConvAlgorithm.winograd, w1, w2, x);
            String[] what = {"output", "dL/dx"};
            for (int i = 0; i < what.length; i++) {
                double err = relativeError(direct[i], wino[i]);
                assertTrue(err < 1e-4, k + " " + what[i] + ": relative error " + err);
                assertFalse(Arrays.equals(direct[i], wino[i]), k + " " + what[i] + ": the Winograd path really ran (other rounding)");
            }
        }
    }

    @Test
    void finiteDifferencesAgreeOnTheWinogradPath() {
        ConvAlgorithm.select(ConvAlgorithm.winograd);
        Rng rng = new Rng(22);
        Tensor w1 = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4), w2 = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4);
        Tensor x = Tensor.variable(Tensor.uniform(rng, -1f, 1f, 1, C, H, H).data(), 1, C, H, H);
        Tensor z = Tensor.variable(Tensor.uniform(rng, -1f, 1f, 1, O, H / 2, H / 2).data(), 1, O, H / 2, H / 2);
        FrozenWeights frozen = new FrozenWeights();
        try (var scope = frozen.use()) {
            double conv = GradCheck.maxError(t -> Ops.conv2d(t[0], w1, 2, 1), 1e-2, x);
            assertTrue(conv < 2e-2, "conv2d gradient error " + conv);
            double convT = GradCheck.maxError(t -> Ops.convTranspose2d(t[0], w2, 2, 1), 1e-2, z);
            assertTrue(convT < 2e-2, "convTranspose2d gradient error " + convT);
        }
        assertEquals(4, frozen.size(), "the check ran on Winograd plans: two per weight");
    }

    @Test
    void aSearchMakesEachPlanOnceWithTheSameBits() {
        ConvAlgorithm.select(ConvAlgorithm.winograd);
        Rng rng = new Rng(23);
        Tensor w1 = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4), w2 = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4);
        float[] xv = Tensor.uniform(rng, -1f, 1f, N, C, H, H).data();
        FrozenWeights frozen = new FrozenWeights();
        float[][] first = null;
        for (int step = 0; step < 3; step++) {
            try (var scope = frozen.use()) {
                float[][] r = run(w1, w2, xv);
                if (first == null) first = r;
                assertArrayEquals(first[0], r[0], "output, step " + step);
                assertArrayEquals(first[1], r[1], "dL/dx, step " + step);
            }
        }
        assertEquals(4, frozen.size(), "each weight: one plan forward, one for the input gradient");
    }

    @Test
    void weightsThatLearnAndCallsOutsideASearchStayDirect() {
        Rng rng = new Rng(24);
        float[] w1v = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4).data(), w2v = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4).data();
        float[] xv = Tensor.uniform(rng, -1f, 1f, N, C, H, H).data();
        float[][] want = null;
        for (ConvAlgorithm a : ConvAlgorithm.values()) {
            ConvAlgorithm.select(a);
            float[][] learning;
            try (var scope = new FrozenWeights().use()) { // weights that learn: never a plan
                learning = run(Tensor.variable(w1v.clone(), O, C, 4, 4), Tensor.variable(w2v.clone(), O, C, 4, 4), xv);
            }
            float[][] outside = run(Tensor.of(w1v.clone(), O, C, 4, 4), Tensor.of(w2v.clone(), O, C, 4, 4), xv); // no scope
            if (want == null) want = learning;
            for (float[][] r : new float[][][] {learning, outside}) {
                assertArrayEquals(want[0], r[0], a + ": output");
                assertArrayEquals(want[1], r[1], a + ": dL/dx");
            }
        }
    }

    /** Training shapes: 16 x 16 maps, whose planes hold four 4 x 4 tiles an image (one tile an image stays direct). */
    static final int TH = 16;

    /**
     * One training-style pass of each layer with learning weights: conv (C -> O, TH -> TH/2) and transposed conv (O -> C,
     * TH/2 -> TH), each with the loss sum(y r) for a fixed r, so dL/dy = r on both paths and dL/dw (direct on both)
     * must have the same bits. Returns {y1, dx1, dw1, y2, dx2, dw2}.
     */
    private static float[][] trainingPass(ConvAlgorithm a, float[] w1v, float[] w2v, float[] xv, float[] zv) {
        ConvAlgorithm.select(a);
        Tensor w1 = Tensor.variable(w1v.clone(), O, C, 4, 4), w2 = Tensor.variable(w2v.clone(), O, C, 4, 4);
        Tensor x = Tensor.variable(xv.clone(), N, C, TH, TH), z = Tensor.variable(zv.clone(), N, O, TH / 2, TH / 2);
        Tensor y1 = Ops.conv2d(x, w1, 2, 1), y2 = Ops.convTranspose2d(z, w2, 2, 1);
        Ops.sum(Ops.mul(y1, Tensor.of(weightsFor(y1.numel()), y1.shape()))).backward();
        Ops.sum(Ops.mul(y2, Tensor.of(weightsFor(y2.numel()), y2.shape()))).backward();
        return new float[][] {y1.data().clone(), x.grad().clone(), w1.grad().clone(), y2.data().clone(), z.grad().clone(), w2.grad().clone()};
    }

    private static float[] weightsFor(int n) {
        return Tensor.uniform(new Rng(n), -1f, 1f, n).data();
    }

    @Test
    void trainingTakesWinogradWhereItPaysAndKeepsTheWeightGradient() {
        assertTrue(WinogradConvolution.paysForOneCall(false, TH, TH), "conv on 16 x 16: four tiles an image");
        assertTrue(WinogradConvolution.paysForOneCall(true, TH / 2, TH / 2), "transposed on 8 x 8: four tiles a phase");
        assertFalse(WinogradConvolution.paysForOneCall(false, H, H), "conv on 8 x 8: one tile an image");
        assertFalse(WinogradConvolution.paysForOneCall(true, H / 2, H / 2), "transposed on 4 x 4: one tile a phase");
        Rng rng = new Rng(25);
        float[] w1 = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4).data(), w2 = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4).data();
        float[] x = Tensor.uniform(rng, -1f, 1f, N, C, TH, TH).data(), z = Tensor.uniform(rng, -1f, 1f, N, O, TH / 2, TH / 2).data();
        for (String k : new String[] {"vector", "scalar"}) {
            KernelProvider.select(k);
            float[][] direct = trainingPass(ConvAlgorithm.direct, w1, w2, x, z);
            float[][] wino = trainingPass(ConvAlgorithm.winograd, w1, w2, x, z);
            String[] what = {"conv output", "conv dL/dx", "conv dL/dw", "transposed output", "transposed dL/dx", "transposed dL/dw"};
            for (int i = 0; i < what.length; i++) {
                if (i % 3 == 2) {
                    assertArrayEquals(direct[i], wino[i], k + " " + what[i] + ": the weight gradient stays direct, the same bits");
                    continue;
                }
                double err = relativeError(direct[i], wino[i]);
                System.out.printf("winograd training, %s %s: relative error to direct %.2e%n", k, what[i], err);
                assertTrue(err < 1e-5, k + " " + what[i] + ": relative error " + err);
                assertFalse(Arrays.equals(direct[i], wino[i]), k + " " + what[i] + ": the Winograd path really ran (other rounding)");
            }
        }
    }

    @Test
    void trainingThroughWinogradHasTheSameBitsOnEveryThreadCountAndKernelPath() {
        Rng rng = new Rng(26);
        float[] w1 = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4).data(), w2 = Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4).data();
        float[] x = Tensor.uniform(rng, -1f, 1f, N, C, TH, TH).data(), z = Tensor.uniform(rng, -1f, 1f, N, O, TH / 2, TH / 2).data();
        int before = Parallel.threads();
        try {
            float[][] want = null;
            for (String k : new String[] {"scalar", "vector"}) {
                KernelProvider.select(k);
                for (int threads : new int[] {1, 2, 3}) {
                    Parallel.setThreads(threads);
                    float[][] got = trainingPass(ConvAlgorithm.winograd, w1, w2, x, z);
                    if (want == null) want = got;
                    for (int i = 0; i < got.length; i++) assertArrayEquals(want[i], got[i], k + " kernels, " + threads + " threads, result " + i);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void directionalDerivativesAgreeWhenTrainingThroughWinograd() {
        ConvAlgorithm.select(ConvAlgorithm.winograd);
        Rng rng = new Rng(27);
        Tensor w1 = Tensor.variable(Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4).data(), O, C, 4, 4);
        Tensor w2 = Tensor.variable(Tensor.uniform(rng, -0.1f, 0.1f, O, C, 4, 4).data(), O, C, 4, 4);
        Tensor x = Tensor.variable(Tensor.uniform(rng, -1f, 1f, 1, C, TH, TH).data(), 1, C, TH, TH);
        // L = sum(y^2) through both layers; compare dL/dx . v with (L(x + h v) - L(x - h v)) / 2h along a random v
        java.util.function.Supplier<Tensor> loss = () -> {
            Tensor y = Ops.convTranspose2d(Ops.conv2d(x, w1, 2, 1), w2, 2, 1);
            return Ops.sum(Ops.mul(y, y));
        };
        loss.get().backward();
        float[] v = Tensor.uniform(rng, -1f, 1f, x.numel()).data(), xd = x.data(), saved = xd.clone();
        double analytic = 0;
        for (int i = 0; i < v.length; i++) analytic += (double) x.grad()[i] * v[i];
        double h = 1e-2;
        for (int i = 0; i < v.length; i++) xd[i] = (float) (saved[i] + h * v[i]);
        double plus = loss.get().item();
        for (int i = 0; i < v.length; i++) xd[i] = (float) (saved[i] - h * v[i]);
        double minus = loss.get().item();
        double numeric = (plus - minus) / (2 * h);
        assertTrue(Math.abs(analytic - numeric) <= 2e-3 * Math.abs(numeric), "dL/dx . v: analytic " + analytic + ", numeric " + numeric);
    }
}
