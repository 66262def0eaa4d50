package org.semfill.reference;

import static org.semfill.reference.Support.assertClose;
import static org.semfill.reference.Support.uniform;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/**
 * The losses semfill trains and completes with, and the activations, against the reference. The completion
 * losses are built from the same Ops as {@code completion/LatentSearch} uses (summed over the batch here; the search sums per row, then adds the rows).
 */
class LossAndActivationReferenceTest {
    static final double TOL = 1e-4;
    final Random rng = new Random(4000);

    @ParameterizedTest(name = "bce with targets {0}")
    @ValueSource(floats = {1f, 0f, 0.7f})
    void bceMatchesReference(float target) {
        int n = 16;
        float[] p = uniform(rng, n, 0.02f, 0.98f), t = new float[n];
        java.util.Arrays.fill(t, target);
        Tensor pt = Tensor.variable(p.clone(), n, 1, 1, 1);
        Tensor loss = Ops.bce(pt, Tensor.of(t.clone(), n, 1, 1, 1));
        assertClose("bce", LossReference.bce(p, t), loss.item(), TOL);
        loss.backward();
        assertClose("dbce/dp", LossReference.bceBackward(p, t, 1f), pt.grad(), TOL);
    }

    @Test
    void bceWithLogitsMatchesReferenceAndBceOfSigmoid() {
        int n = 16;
        float[] x = uniform(rng, n, -6, 6), t = new float[n];
        for (int i = 0; i < n; i++) t[i] = i % 2;
        Tensor xt = Tensor.variable(x.clone(), n);
        Tensor loss = Ops.bceWithLogits(xt, Tensor.of(t.clone(), n));
        assertClose("bceWithLogits", LossReference.bceWithLogits(x, t), loss.item(), TOL);
        loss.backward();
        assertClose("dbceWithLogits/dx", LossReference.bceWithLogitsBackward(x, t, 1f), xt.grad(), TOL);
        // the same number as BCE of the probabilities, as the algebra says
        assertClose("logits vs probabilities", LossReference.bce(ActivationReference.sigmoid(x), t), LossReference.bceWithLogits(x, t), 1e-4);
    }

    @ParameterizedTest(name = "contextual loss, weights shared={0}")
    @ValueSource(booleans = {false, true})
    void contextualLossMatchesLatentSearchExpression(boolean shared) {
        int n = 3, c = 3, h = 5, w = 4;
        float[] g = uniform(rng, n * c * h * w, -1, 1), y = uniform(rng, g.length, -1, 1);
        float[] weights = uniform(rng, (shared ? 1 : n) * h * w, 0, 2);
        for (int i = 0; i < weights.length; i += 3) weights[i] = 0; // a hole: weight 0
        Tensor gt = Tensor.variable(g.clone(), n, c, h, w);
        Tensor wt = Tensor.of(weights.clone(), shared ? 1 : n, 1, h, w);
        // the ops LatentSearch uses: Ops.sum(Ops.abs(Ops.mul(Ops.sub(gz, y), w)))
        Tensor loss = Ops.sum(Ops.abs(Ops.mul(Ops.sub(gt, Tensor.of(y.clone(), n, c, h, w)), wt)));
        assertClose("contextual", LossReference.contextual(g, y, weights, n, c, h, w), loss.item(), TOL);
        loss.backward();
        assertClose("dcontextual/dg", LossReference.contextualBackward(g, y, weights, n, c, h, w), gt.grad(), TOL);
    }

    @Test
    void perceptualLossMatchesLatentSearchExpression() {
        int n = 6;
        float[] d = uniform(rng, n, 0.01f, 0.99f);
        Tensor dt = Tensor.variable(d.clone(), n, 1, 1, 1);
        // the ops LatentSearch uses: Ops.sum(Ops.log(Ops.addScalar(Ops.addScalar(Ops.neg(dOut), 1f), 1e-8f)))
        Tensor loss = Ops.sum(Ops.log(Ops.addScalar(Ops.addScalar(Ops.neg(dt), 1f), 1e-8f)));
        assertClose("perceptual", LossReference.perceptual(d), loss.item(), TOL);
        loss.backward();
        assertClose("dperceptual/dD", LossReference.perceptualBackward(d), dt.grad(), TOL);
    }

    @Test
    void activationsMatchReference() {
        float[] x = uniform(rng, 257, -4, 4), dy = uniform(rng, x.length, -1, 1);
        Support.underEachKernelPath(mode -> {
            check(mode + " relu", Ops::relu, ActivationReference.relu(x), ActivationReference.reluBackward(x, dy), x, dy);
            check(mode + " leakyRelu", t -> Ops.leakyRelu(t, ActivationReference.DCGAN_SLOPE),
                    ActivationReference.leakyRelu(x, 0.2f), ActivationReference.leakyReluBackward(x, dy, 0.2f), x, dy);
            float[] th = ActivationReference.tanh(x), sg = ActivationReference.sigmoid(x);
            check(mode + " tanh", Ops::tanh, th, ActivationReference.tanhBackward(th, dy), x, dy);
            check(mode + " sigmoid", Ops::sigmoid, sg, ActivationReference.sigmoidBackward(sg, dy), x, dy);
        });
    }

    private static void check(String what, java.util.function.UnaryOperator<Tensor> op, float[] wantY, float[] wantDx,
                              float[] x, float[] dy) {
        Tensor xt = Tensor.variable(x.clone(), x.length);
        Tensor y = op.apply(xt);
        assertClose(what + " y", wantY, y.data(), TOL);
        y.backward(dy.clone());
        assertClose(what + " dx", wantDx, xt.grad(), TOL);
    }
}
