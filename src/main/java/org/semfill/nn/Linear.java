package org.semfill.nn;

import java.util.Map;
import org.semfill.autograd.Ops;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/** y = x W^T + b, x (N, in), W (out, in), b (out). Initialised like PyTorch: U(+-1/sqrt(in)). */
public final class Linear extends Module {
    public final Tensor weight;
    public final Tensor bias;

    public Linear(int in, int out, boolean bias, Rng rng) {
        weight = Tensor.variable(new float[out * in], out, in);
        Init.fanInUniform(weight, rng, in);
        this.bias = bias ? Tensor.variable(new float[out], out) : null;
        if (bias) Init.fanInUniform(this.bias, rng, in);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.linear(x, weight, bias);
    }

    @Override
    protected void ownState(String prefix, Map<String, StateTensor> out) {
        out.put(prefix + "weight", StateTensor.of(weight));
        if (bias != null) out.put(prefix + "bias", StateTensor.of(bias));
    }
}
