package org.semfill.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/** The fused softmax cross-entropy: its value, its stability on huge logits, and its gradient. */
class SoftmaxCrossEntropyTest {

    @Test
    void valueIsMinusLogOfTheLabelsProbability() {
        Tensor x = Tensor.of(new float[] {1f, 2f, 3f, 0f, 0f, 0f}, 2, 3);
        double row0 = -Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double row1 = -Math.log(1.0 / 3);
        assertEquals((row0 + row1) / 2, Ops.softmaxCrossEntropy(x, new int[] {0, 2}).item(), 1e-6);
    }

    @Test
    void hugeLogitsStayFinite() {
        Tensor x = Tensor.of(new float[] {1000f, -1000f, 0f}, 1, 3);
        assertEquals(0, Ops.softmaxCrossEntropy(x, new int[] {0}).item(), 1e-6);
        assertEquals(2000, Ops.softmaxCrossEntropy(x, new int[] {1}).item(), 1e-3);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Rng rng = new Rng(3);
        float[] d = new float[5 * 4];
        for (int i = 0; i < d.length; i++) d[i] = (float) (rng.nextGaussian() * 2);
        Tensor x = Tensor.variable(d, 5, 4);
        int[] labels = {0, 3, 1, 1, 2};
        double err = GradCheck.maxError(in -> Ops.softmaxCrossEntropy(in[0], labels), 1e-2, x);
        assertTrue(err < 1e-2, "max gradient error " + err);
    }

    @Test
    void gradientIsSoftmaxMinusOneHotOverN() {
        Tensor x = Tensor.variable(new float[] {0f, 0f, 0f, 0f}, 2, 2);
        Ops.softmaxCrossEntropy(x, new int[] {1, 0}).backward();
        assertArrayEquals(new float[] {0.25f, -0.25f, -0.25f, 0.25f}, x.grad(), 1e-6f);
    }

    @Test
    void badLabelsAreRejected() {
        Tensor x = Tensor.of(new float[] {0f, 5f, 1f, 9f, 2f, 3f}, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> Ops.softmaxCrossEntropy(x, new int[] {0, 3}));
        assertThrows(IllegalArgumentException.class, () -> Ops.softmaxCrossEntropy(x, new int[] {0}));
    }
}
