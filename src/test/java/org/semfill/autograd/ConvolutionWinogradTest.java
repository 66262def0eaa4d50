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
import org.semfill.kernels.WinogradConvolution;
import org.semfill.tensor.Tensor;

/**
 * The ops with {@code --conv winograd}: inside a search (a {@link FrozenWeights} scope, frozen weights) the stride-2
 * layers' forward and input gradients go through {@link WinogradConvolution}. The same values as direct up to
 * rounding, the finite-difference check passes, each plan is made once, and weights that learn stay direct.
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
}
