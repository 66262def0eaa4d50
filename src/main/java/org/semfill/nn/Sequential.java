package org.semfill.nn;

import java.util.Arrays;
import java.util.List;
import org.semfill.tensor.Profile;
import org.semfill.tensor.Tensor;

/** Modules applied one after another; state keys are the positions ("0.weight", "1.running_mean", ...). */
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
        if (!Profile.on()) {
            for (Module m : layers) x = m.forward(x);
            return x;
        }
        for (Module m : layers) {
            long t0 = System.nanoTime();
            x = m.forward(x);
            Profile.add("forward " + m.getClass().getSimpleName() + " " + Arrays.toString(x.shape()), t0);
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
