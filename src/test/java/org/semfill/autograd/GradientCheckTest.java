package org.semfill.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/** Central-difference checks of every differentiable op, on several shapes including broadcasting. */
class GradientCheckTest {
    static final double H = 1e-2, TOL = 2e-2;
    final Rng rng = new Rng(7);

    /** Random values in [lo, hi] kept at least `gap` away from 0 (kinks of abs/relu sit there). */
    Tensor var(float lo, float hi, float gap, int... shape) {
        Tensor t = Tensor.uniform(rng, lo, hi, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) if (Math.abs(d[i]) < gap) d[i] = d[i] < 0 ? -gap : gap;
        return Tensor.variable(d, shape);
    }

    Tensor var(int... shape) {
        return var(-1f, 1f, 0f, shape);
    }

    void check(String what, Function<Tensor[], Tensor> f, Tensor... in) {
        double err = GradCheck.maxError(f, H, in);
        assertTrue(err < TOL, what + ": max gradient error " + err);
    }

    @Test
    void elementwiseWithBroadcasting() {
        int[][][] pairs = {{{3, 4}, {3, 4}}, {{2, 3, 4}, {4}}, {{2, 1, 4}, {3, 1}}, {{5}, {1}}};
        for (int[][] p : pairs) {
            check("add", x -> Ops.add(x[0], x[1]), var(p[0]), var(p[1]));
            check("sub", x -> Ops.sub(x[0], x[1]), var(p[0]), var(p[1]));
            check("mul", x -> Ops.mul(x[0], x[1]), var(p[0]), var(p[1]));
            check("div", x -> Ops.div(x[0], x[1]), var(p[0]), var(0.5f, 2f, 0f, p[1]));
        }
    }

    @Test
    void scalarAndUnaryOps() {
        int[] s = {2, 3, 5};
        check("addScalar", x -> Ops.addScalar(x[0], 1.5f), var(s));
        check("mulScalar", x -> Ops.mulScalar(x[0], -2.5f), var(s));
        check("neg", x -> Ops.neg(x[0]), var(s));
        check("exp", x -> Ops.exp(x[0]), var(s));
        check("log", x -> Ops.log(x[0]), var(0.3f, 3f, 0f, s));
        check("abs", x -> Ops.abs(x[0]), var(-1f, 1f, 0.05f, s));
        check("clamp", x -> Ops.clamp(x[0], -0.5f, 0.5f), clampSafe(var(-1f, 1f, 0f, s)));
        check("relu", x -> Ops.relu(x[0]), var(-1f, 1f, 0.05f, s));
        check("leakyRelu", x -> Ops.leakyRelu(x[0], 0.2f), var(-1f, 1f, 0.05f, s));
        check("tanh", x -> Ops.tanh(x[0]), var(-2f, 2f, 0f, s));
        check("sigmoid", x -> Ops.sigmoid(x[0]), var(-3f, 3f, 0f, s));
    }

    /** Moves values away from the clamp bounds so the difference quotient does not straddle a kink. */
    static Tensor clampSafe(Tensor t) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) if (Math.abs(Math.abs(d[i]) - 0.5f) < 0.05f) d[i] *= 1.2f;
        return t;
    }

    @Test
    void reductionsAndShapes() {
        check("sum", x -> Ops.sum(x[0]), var(3, 4));
        check("mean", x -> Ops.mean(x[0]), var(3, 4));
        check("sum axis 1", x -> Ops.sum(x[0], false, 1), var(2, 3, 4));
        check("sum axes 0,2 keep", x -> Ops.sum(x[0], true, 0, 2), var(2, 3, 4));
        check("mean axis -1", x -> Ops.mean(x[0], false, -1), var(2, 3, 4));
        check("reshape", x -> Ops.mul(Ops.reshape(x[0], 4, -1), Ops.reshape(x[0], 4, 6)), var(2, 3, 4));
        check("concat axis 1", x -> Ops.concat(1, x[0], x[1]), var(2, 3, 2), var(2, 1, 2));
        check("concat axis 0", x -> Ops.concat(0, x[0], x[1], x[0]), var(1, 3), var(2, 3));
    }

    @Test
    void averagePooling() {
        // Multiplied by a second input so every block carries its own gradient; y far from G keeps |.| off its kink.
        check("avgPool2d k=2", x -> Ops.mul(Ops.avgPool2d(x[0], 2), x[1]), var(2, 3, 4, 6), var(2, 3, 2, 3));
        check("avgPool2d k=3", x -> Ops.mul(Ops.avgPool2d(x[0], 3), x[1]), var(1, 2, 6, 3), var(1, 2, 2, 1));
        check("avgPool2d k=1", x -> Ops.mul(Ops.avgPool2d(x[0], 1), x[1]), var(1, 1, 3, 3), var(1, 1, 3, 3));
        // The low-resolution contextual loss of completion: k^2 * sum |avgPool_k(G) - y_low|.
        check("block-average L1", x -> Ops.mulScalar(Ops.sum(Ops.abs(Ops.sub(Ops.avgPool2d(x[0], 2), x[1]))), 4f),
                var(-1f, 1f, 0f, 2, 1, 4, 4), var(2f, 3f, 0f, 2, 1, 2, 2));
    }

    @Test
    void averagePoolingRefusesPartialBlocks() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Ops.avgPool2d(var(1, 1, 28, 28), 3));
    }

    @Test
    void matmulAndLinear() {
        check("matmul 2d", x -> Ops.matmul(x[0], x[1]), var(3, 4), var(4, 5));
        check("matmul 1x1", x -> Ops.matmul(x[0], x[1]), var(1, 1), var(1, 7));
        check("matmul batched", x -> Ops.matmul(x[0], x[1]), var(2, 3, 4), var(2, 4, 2));
        check("linear", x -> Ops.linear(x[0], x[1], x[2]), var(4, 3), var(5, 3), var(5));
        check("linear no bias", x -> Ops.linear(x[0], x[1], null), var(2, 6), var(3, 6));
    }

    @Test
    void losses() {
        check("l1", x -> Ops.l1Loss(x[0], x[1]), var(-1f, 1f, 0f, 3, 4), var(-1f, 1f, 0f, 3, 4));
        check("mse", x -> Ops.mseLoss(x[0], x[1]), var(3, 4), var(3, 4));
        check("bce", x -> Ops.bce(x[0], x[1]), var(0.1f, 0.9f, 0f, 6), var(0f, 1f, 0f, 6));
        check("bceWithLogits", x -> Ops.bceWithLogits(x[0], x[1]), var(-3f, 3f, 0f, 6), var(0f, 1f, 0f, 6));
        check("softmaxCrossEntropy", x -> Ops.softmaxCrossEntropy(x[0], new int[] {2, 0, 1}), var(-2f, 2f, 0f, 3, 4));
        // The weighted contextual loss of completion: sum |W * (G - y)|.
        check("weighted L1", x -> Ops.sum(Ops.abs(Ops.mul(Ops.sub(x[0], x[1]), x[2]))),
                var(-1f, 1f, 0f, 2, 1, 4, 4), Tensor.uniform(rng, -1f, 1f, 2, 1, 4, 4), var(0f, 1f, 0f, 1, 1, 4, 4));
    }

    @Test
    void checkerCatchesAWrongGradient() {
        // x^2 with the derivative deliberately off by a factor of two must fail the check.
        Function<Tensor[], Tensor> wrong = x -> Activations.unary("badSquare", x[0], v -> v * v, (v, y) -> v);
        assertTrue(GradCheck.maxError(wrong, H, var(0.5f, 1f, 0f, 4)) > 0.2);
    }
}
