package org.semfill.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/** Sequential runs batch norm + (leaky) ReLU as one op; layer by layer gives the same output, gradient and state. */
class SequentialFusionTest {

    @ParameterizedTest
    @ValueSource(strings = {"relu", "leaky"})
    void fusedPairMatchesTheLayersOneByOne(String kind) {
        float[][] outputs = new float[2][], states = new float[2][];
        for (int run = 0; run < 2; run++) {
            BatchNorm2d bn = new BatchNorm2d(3);
            Activation act = kind.equals("relu") ? Activation.relu() : Activation.leakyRelu(0.2f);
            Tensor x = Tensor.variable(Tensor.normal(new Rng(4), 0.5f, 2f, 5, 3, 4, 4).data(), 5, 3, 4, 4);
            Tensor y = run == 0 ? new Sequential(bn, act).forward(x) : act.forward(bn.forward(x));
            y.backward(Tensor.uniform(new Rng(5), -1f, 1f, 5, 3, 4, 4).data());
            outputs[run] = concat(y.data(), x.grad(), bn.weight.grad(), bn.bias.grad());
            states[run] = concat(bn.runningMean, bn.runningVar, new float[] {bn.stateDict().get("num_batches_tracked").longs()[0]});
        }
        assertArrayEquals(outputs[1], outputs[0], 0f, "output and gradients");
        assertArrayEquals(states[1], states[0], 0f, "running statistics and batch count");
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] all = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
