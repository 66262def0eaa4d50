package org.semfill.nn;

import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/** (N, C, H, W) -> (N, C*H*W): the step from convolution maps to a fully connected layer. No state. */
public final class Flatten extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Ops.reshape(x, x.dim(0), -1);
    }

    @Override
    public String toString() {
        return "Flatten";
    }
}
