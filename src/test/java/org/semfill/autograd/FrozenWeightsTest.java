package org.semfill.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.semfill.internal.Rng;
import org.semfill.kernels.KernelProvider;
import org.semfill.tensor.Tensor;

/**
 * What a search through frozen networks skips: weights packed once (the same bits as packing them at every call, and
 * only for frozen weights), and eval-mode batch norm's channel sums when gamma and beta are frozen (the same dL/dx).
 */
class FrozenWeightsTest {
    @AfterEach
    void kernels() {
        KernelProvider.select("auto");
    }

    /** A conv and a transposed conv (stride 2, the DCGAN's), forward and dL/dx: output then input gradient. */
    private static float[][] run(Tensor w1, Tensor w2, float[] xv) {
        Tensor x = Tensor.variable(xv.clone(), 3, 4, 8, 8);
        Tensor y = Ops.convTranspose2d(Ops.conv2d(x, w1, 2, 1), w2, 2, 1);
        Ops.sum(Ops.mul(y, y)).backward();
        return new float[][] {y.data().clone(), x.grad().clone()};
    }

    @Test
    void packedOnceGivesTheSameBitsWithBothKernels() {
        for (String k : new String[] {"vector", "scalar"}) {
            KernelProvider.select(k);
            Rng rng = new Rng(5);
            Tensor w1 = Tensor.uniform(rng, -0.3f, 0.3f, 16, 4, 4, 4), w2 = Tensor.uniform(rng, -0.3f, 0.3f, 16, 4, 4, 4);
            float[] x = Tensor.uniform(rng, -1f, 1f, 3, 4, 8, 8).data();
            float[][] plain = run(w1, w2, x);
            FrozenWeights frozen = new FrozenWeights();
            for (int step = 0; step < 3; step++) {
                try (var scope = frozen.use()) {
                    float[][] cached = run(w1, w2, x);
                    assertArrayEquals(plain[0], cached[0], k + " output, step " + step);
                    assertArrayEquals(plain[1], cached[1], k + " dL/dx, step " + step);
                }
            }
            assertEquals(4, frozen.size(), "two weights, each packed once per orientation");
        }
    }

    @Test
    void weightsThatLearnAreNeverCached() {
        Rng rng = new Rng(6);
        Tensor w1 = Tensor.variable(Tensor.uniform(rng, -0.3f, 0.3f, 16, 4, 4, 4).data(), 16, 4, 4, 4);
        Tensor w2 = Tensor.variable(Tensor.uniform(rng, -0.3f, 0.3f, 16, 4, 4, 4).data(), 16, 4, 4, 4);
        float[] x = Tensor.uniform(rng, -1f, 1f, 3, 4, 8, 8).data();
        FrozenWeights frozen = new FrozenWeights();
        float[][] after;
        try (var scope = frozen.use()) {
            run(w1, w2, x);
            w1.data()[0] += 1f; // a training step changes the weights in place: the next call must see it
            after = run(w1, w2, x);
        }
        assertEquals(0, frozen.size(), "weights that require a gradient are packed at every call");
        float[][] expected = run(w1, w2, x); // no scope open
        assertArrayEquals(expected[0], after[0]);
        assertArrayEquals(expected[1], after[1]);
    }

    @Test
    void evalBatchNormWithFrozenGammaAndBetaGivesTheSameInputGradient() {
        for (String k : new String[] {"vector", "scalar"}) {
            KernelProvider.select(k);
            for (float slope : new float[] {1f, 0f, 0.2f}) {
                float[][] dx = new float[2][];
                for (int frozen = 0; frozen < 2; frozen++) {
                    Rng rng = new Rng(8);
                    Tensor x = Tensor.variable(Tensor.uniform(rng, -1f, 1f, 3, 5, 4, 4).data(), 3, 5, 4, 4);
                    Tensor gamma = Tensor.variable(Tensor.uniform(rng, 0.5f, 1.5f, 5).data(), 5);
                    Tensor beta = Tensor.variable(Tensor.uniform(rng, -0.5f, 0.5f, 5).data(), 5);
                    float[] mean = Tensor.uniform(rng, -0.2f, 0.2f, 5).data(), var = Tensor.uniform(rng, 0.5f, 2f, 5).data();
                    if (frozen == 1) {
                        gamma.requiresGrad(false);
                        beta.requiresGrad(false);
                    }
                    Tensor y = Ops.batchNorm2dLeakyRelu(x, gamma, beta, mean, var, false, 0.1f, 1e-5f, slope);
                    Ops.sum(Ops.mul(y, y)).backward();
                    dx[frozen] = x.grad().clone();
                }
                assertArrayEquals(dx[0], dx[1], k + ", slope " + slope);
            }
        }
    }
}
