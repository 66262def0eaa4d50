package org.semfill.reference;

import static org.semfill.reference.Support.assertClose;
import static org.semfill.reference.Support.uniform;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.semfill.autograd.Ops;
import org.semfill.nn.BatchNorm2d;
import org.semfill.tensor.Tensor;

/** autograd's batch norm (plain and fused with the activation) against the reference, in training mode. */
class BatchNormReferenceTest {
    static final double TOL = 1e-4;

    @ParameterizedTest(name = "batchNorm2d N={0} C={1} {2}x{3}")
    @CsvSource({"2, 3, 4, 4", "4, 1, 7, 7", "3, 5, 3, 5", "8, 16, 8, 8", "2, 2, 1, 1"})
    void batchNormMatchesReference(int n, int c, int h, int w) {
        check(n, c, h, w, 1f);
    }

    /** semfill fuses the batch norm with the ReLU (G) or leaky ReLU 0.2 (D) that follows it. */
    @ParameterizedTest(name = "batchNorm2d + leakyRelu({4}) N={0} C={1} {2}x{3}")
    @CsvSource({"2, 3, 4, 4, 0", "3, 4, 5, 3, 0.2", "8, 8, 8, 8, 0.2", "4, 1, 7, 7, 0"})
    void fusedBatchNormActivationMatchesReference(int n, int c, int h, int w, float slope) {
        check(n, c, h, w, slope);
    }

    private void check(int n, int c, int h, int w, float slope) {
        Random rng = new Random(3000 + n * 31 + c * 7 + h);
        var d = new BatchNormReference.Dims(n, c, h, w);
        float eps = BatchNorm2d.EPS, momentum = BatchNorm2d.MOMENTUM;
        // an offset and a spread per channel, as real activations have
        float[] x = uniform(rng, n * c * h * w, -1, 1);
        for (int i = 0; i < x.length; i++) x[i] = x[i] * (1 + (i / (h * w)) % c) + 0.5f * ((i / (h * w)) % c);
        float[] gamma = uniform(rng, c, 0.5f, 1.5f), beta = uniform(rng, c, -0.5f, 0.5f);
        float[] dy = uniform(rng, x.length, -1, 1);
        float[] rmWant = uniform(rng, c, -0.1f, 0.1f), rvWant = uniform(rng, c, 0.9f, 1.1f);
        float[] rmStart = rmWant.clone(), rvStart = rvWant.clone();

        BatchNormReference.Forward f = BatchNormReference.forward(x, gamma, beta, d, eps, momentum, rmWant, rvWant);
        float[] wantY = f.y(), dNorm = dy;
        if (slope != 1f) { // the activation after the norm: its backward gives the norm's dy
            wantY = ActivationReference.leakyRelu(f.y(), slope);
            dNorm = ActivationReference.leakyReluBackward(f.y(), dy, slope);
        }
        BatchNormReference.Grads want = BatchNormReference.backward(x, gamma, dNorm, f, d);

        float[] finalY = wantY;
        Support.underEachKernelPath(mode -> {
            Tensor xt = Tensor.variable(x.clone(), n, c, h, w);
            Tensor gt = Tensor.variable(gamma.clone(), c), bt = Tensor.variable(beta.clone(), c);
            float[] rm = rmStart.clone(), rv = rvStart.clone();
            Tensor y = slope == 1f
                    ? Ops.batchNorm2d(xt, gt, bt, rm, rv, true, momentum, eps)
                    : Ops.batchNorm2dLeakyRelu(xt, gt, bt, rm, rv, true, momentum, eps, slope);
            assertClose(mode + " y", finalY, y.data(), TOL);
            assertClose(mode + " running mean", rmWant, rm, TOL);
            assertClose(mode + " running var", rvWant, rv, TOL);
            y.backward(dy.clone());
            assertClose(mode + " dx", want.dx(), xt.grad(), TOL);
            assertClose(mode + " dgamma", want.dgamma(), gt.grad(), TOL);
            assertClose(mode + " dbeta", want.dbeta(), bt.grad(), TOL);
        });
    }
}
