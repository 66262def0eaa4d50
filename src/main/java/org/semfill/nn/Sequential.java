package org.semfill.nn;

import java.util.Arrays;
import java.util.List;
import org.semfill.tensor.Profile;
import org.semfill.tensor.Tensor;

/**
 * Modules applied one after another; state keys are the positions ("0.weight", "1.running_mean", ...).
 * A batch norm followed by a ReLU or leaky ReLU runs as one op (the same bits, one pass less each way).
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(Module... layers) {
        this.layers = List.of(layers);
    }

    public Sequential(List<Module> layers) {
        this.layers = List.copyOf(layers);
    }

    @Override
    public Tensor forward(Tensor x) {
        boolean profiling = Profile.on();
        for (int i = 0; i < layers.size(); i++) {
            long t0 = profiling ? System.nanoTime() : 0;
            Module m = layers.get(i);
            String what = m.getClass().getSimpleName();
            if (m instanceof BatchNorm2d bn && i + 1 < layers.size() && layers.get(i + 1) instanceof Activation a
                    && a.isLeakyRelu()) {
                x = bn.forwardThenLeakyRelu(x, a.leakySlope());
                what += "+" + a;
                i++;
            } else {
                x = m.forward(x);
            }
            if (profiling) Profile.add("forward " + what + " " + Arrays.toString(x.shape()), t0);
        }
        return x;
    }

    @Override
    public List<Module> children() {
        return layers;
    }

    public Module get(int i) {
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }
}
