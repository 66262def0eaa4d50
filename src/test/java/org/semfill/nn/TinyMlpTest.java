package org.semfill.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.semfill.autograd.Ops;
import org.semfill.internal.Rng;
import org.semfill.optim.Adam;
import org.semfill.tensor.Grad;
import org.semfill.tensor.Tensor;

/** End-to-end learning with our engine: small MLPs trained by Adam must actually fit. */
class TinyMlpTest {

    static Sequential mlp(Rng rng, int in, int hidden, int out, Module act) {
        return new Sequential(new Linear(in, hidden, true, rng), act, new Linear(hidden, out, true, rng));
    }

    @Test
    void learnsXor() {
        Rng rng = new Rng(1);
        Sequential net = mlp(rng, 2, 8, 1, Activation.tanh());
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        Adam opt = new Adam(net.parameters(), 0.05f, 0.9f);
        float loss = Float.NaN;
        for (int step = 0; step < 500; step++) {
            opt.zeroGrad();
            Tensor l = Ops.bceWithLogits(net.forward(x), y);
            l.backward();
            opt.step();
            loss = l.item();
        }
        assertTrue(loss < 0.05f, "XOR cross-entropy after 500 steps: " + loss);
        try (var g = Grad.off()) {
            float[] p = Ops.sigmoid(net.forward(x)).data();
            for (int i = 0; i < 4; i++) assertEquals(y.data()[i], p[i], 0.2, "XOR output " + i);
        }
    }

    @Test
    void fitsANoisySine() {
        Rng rng = new Rng(2);
        int n = 128;
        float[] xs = new float[n], ys = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (float) (-Math.PI + 2 * Math.PI * i / (n - 1));
            ys[i] = (float) (Math.sin(xs[i]) + 0.05 * rng.nextGaussian());
        }
        Tensor x = Tensor.of(xs, n, 1), y = Tensor.of(ys, n, 1);
        Sequential net = new Sequential(new Linear(1, 32, true, rng), Activation.tanh(),
                new Linear(32, 32, true, rng), Activation.tanh(), new Linear(32, 1, true, rng));
        Adam opt = new Adam(net.parameters(), 0.01f, 0.9f);
        float first = Float.NaN, loss = Float.NaN;
        for (int step = 0; step < 1500; step++) {
            opt.zeroGrad();
            Tensor l = Ops.mseLoss(net.forward(x), y);
            l.backward();
            opt.step();
            loss = l.item();
            if (step == 0) first = loss;
        }
        // Noise variance is 0.0025: a good fit ends close to it, far below the initial error.
        assertTrue(loss < 0.01f, "sine MSE after training: " + loss + " (started at " + first + ")");
    }

    @Test
    void stateDictUsesPyTorchNames() {
        Sequential net = new Sequential(new ConvTranspose2d(4, 3, 4, 1, 0), new BatchNorm2d(3), Activation.relu());
        assertEquals(List.of("0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"),
                List.copyOf(net.stateDict().keySet()));
        assertEquals(4 * 3 * 16 + 3 + 3, net.parameterCount());
    }
}
