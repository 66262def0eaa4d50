package org.semfill.nn;

import java.util.Map;
import org.semfill.tensor.Tensor;

/** What Conv2d and ConvTranspose2d share: a bias-free 4-D weight, stride and padding, and their state entry. */
public abstract class ConvLayer extends Module {
    public final Tensor weight;
    public final int stride, padding;

    ConvLayer(int[] weightShape, int stride, int padding) {
        int n = 1;
        for (int d : weightShape) n *= d;
        this.weight = Tensor.variable(new float[n], weightShape);
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    protected void ownState(String prefix, Map<String, StateTensor> out) {
        out.put(prefix + "weight", StateTensor.of(weight));
    }

    /** Input and output channels, in that order. */
    abstract int[] channels();

    @Override
    public String toString() {
        int[] c = channels();
        return getClass().getSimpleName() + "(" + c[0] + ", " + c[1] + ", k=" + weight.dim(2) + ", s=" + stride + ", p=" + padding + ")";
    }
}
