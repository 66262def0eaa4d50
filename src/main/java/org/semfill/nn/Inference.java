package org.semfill.nn;

import org.semfill.tensor.Grad;

/**
 * Running networks for their outputs only: {@code try (var s = Inference.of(net)) { y = net.forward(x); }}
 * puts every given module in evaluation mode (batch norm uses its running statistics) and switches graph
 * recording off; closing the scope gives each module back the mode it had and turns recording back on.
 * Per thread (like {@link Grad}), nestable; closing never throws.
 */
public final class Inference implements AutoCloseable {
    private final Module[] modules;
    private final boolean[] wasTraining;
    private final Grad.Scope noGrad;

    private Inference(Module[] modules) {
        this.modules = modules.clone();
        this.wasTraining = new boolean[modules.length];
        for (int i = 0; i < modules.length; i++) {
            wasTraining[i] = this.modules[i].isTraining();
            this.modules[i].train(false);
        }
        this.noGrad = Grad.off();
    }

    /** Evaluation mode for {@code modules} and no graph, until {@link #close()}. */
    public static Inference of(Module... modules) {
        return new Inference(modules);
    }

    /** Restores graph recording and each module's previous mode (last first, so a repeated module ends as it began). */
    @Override
    public void close() {
        noGrad.close();
        for (int i = modules.length - 1; i >= 0; i--) modules[i].train(wasTraining[i]);
    }
}
