package org.semfill.nn;

import java.util.Map;
import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/** 2-D convolution without bias (DCGAN uses none: batch norm follows). Weight (out, in, k, k), zero until initialised. */
public final class Conv2d extends Module {
    public final Tensor weight;
    public final int stride, padding;

    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        this.weight = Tensor.variable(new float[out * in * kernel * kernel], out, in, kernel, kernel);
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.conv2d(x, weight, stride, padding);
    }

    @Override
    protected void ownState(String prefix, Map<String, StateTensor> out) {
        out.put(prefix + "weight", StateTensor.of(weight));
    }

    @Override
    public String toString() {
        int[] s = weight.shape();
        return "Conv2d(" + s[1] + ", " + s[0] + ", k=" + s[2] + ", s=" + stride + ", p=" + padding + ")";
    }
}
