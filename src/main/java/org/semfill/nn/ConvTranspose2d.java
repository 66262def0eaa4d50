package org.semfill.nn;

import java.util.Map;
import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/**
 * Transposed ("fractionally strided") 2-D convolution without bias; weight (in, out, k, k) as in PyTorch.
 * Output size (H - 1) * stride - 2 * padding + k.
 */
public final class ConvTranspose2d extends Module {
    public final Tensor weight;
    public final int stride, padding;

    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding) {
        this.weight = Tensor.variable(new float[in * out * kernel * kernel], in, out, kernel, kernel);
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.convTranspose2d(x, weight, stride, padding);
    }

    @Override
    protected void ownState(String prefix, Map<String, StateTensor> out) {
        out.put(prefix + "weight", StateTensor.of(weight));
    }

    @Override
    public String toString() {
        int[] s = weight.shape();
        return "ConvTranspose2d(" + s[0] + ", " + s[1] + ", k=" + s[2] + ", s=" + stride + ", p=" + padding + ")";
    }
}
