package org.semfill.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.semfill.reference.Support.assertClose;
import static org.semfill.reference.Support.finiteDifferenceError;
import static org.semfill.reference.Support.uniform;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/** Average pooling and the low-resolution contextual loss: autograd against the plain loops, and the loops against differences. */
class PoolingReferenceTest {
    static final double TOL = 1e-5;

    @ParameterizedTest(name = "avgPool N={0} C={1} {2}x{3} k={4}")
    @CsvSource({"2, 3, 8, 8, 4", "1, 1, 6, 9, 3", "3, 2, 4, 4, 1", "1, 2, 28, 28, 4"})
    void avgPoolMatchesReference(int n, int c, int h, int w, int k) {
        Random rng = new Random(9000 + h * k);
        float[] x = uniform(rng, n * c * h * w, -1, 1), dy = uniform(rng, n * c * (h / k) * (w / k), -1, 1);
        Tensor xt = Tensor.variable(x.clone(), n, c, h, w);
        Tensor out = Ops.avgPool2d(xt, k);
        assertClose("avgPool", PoolingReference.avgPool(x, n, c, h, w, k), out.data(), TOL);
        Ops.sum(Ops.mul(out, Tensor.of(dy.clone(), out.shape()))).backward();
        assertClose("davgPool/dx", PoolingReference.avgPoolBackward(dy, n, c, h, w, k), xt.grad(), TOL);
    }

    @Test
    void blockContextualMatchesLatentSearchExpression() {
        int n = 2, c = 3, h = 8, w = 8, k = 4;
        Random rng = new Random(9100);
        float[] g = uniform(rng, n * c * h * w, -1, 1), yLow = uniform(rng, n * c * 4, -0.5f, 0.5f);
        Tensor gt = Tensor.variable(g.clone(), n, c, h, w);
        // the ops LatentSearch uses for a low-resolution y: k^2 * sum |avgPool(gz) - y|
        Tensor loss = Ops.mulScalar(Ops.sum(Ops.abs(Ops.sub(Ops.avgPool2d(gt, k), Tensor.of(yLow.clone(), n, c, 2, 2)))), k * k);
        assertClose("block contextual", PoolingReference.blockContextual(g, yLow, n, c, h, w, k), loss.item(), 1e-4);
        loss.backward();
        assertClose("dblock/dg", PoolingReference.blockContextualBackward(g, yLow, n, c, h, w, k), gt.grad(), 1e-4);
    }

    @ParameterizedTest(name = "reference backward N={0} C={1} {2}x{3} k={4}")
    @CsvSource({"2, 2, 4, 4, 2", "1, 1, 6, 3, 3"})
    void referenceBackwardMatchesDifferences(int n, int c, int h, int w, int k) {
        Random rng = new Random(9200 + h);
        float[][] in = {uniform(rng, n * c * h * w, -1, 1)};
        float[] r = uniform(rng, n * c * (h / k) * (w / k), -1, 1);
        float[] dx = PoolingReference.avgPoolBackward(r, n, c, h, w, k);
        double err = finiteDifferenceError(a -> PoolingReference.avgPool(a[0], n, c, h, w, k), in, r, new float[][] {dx}, 1e-2);
        assertTrue(err < 1e-3, "avgPool reference gradient error " + err);
    }
}
