package org.semfill.nn;

import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/** 2-D convolution without bias (DCGAN uses none: batch norm follows). Weight (out, in, k, k), zero until initialised. */
public final class Conv2d extends ConvLayer {

    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        super(new int[] {out, in, kernel, kernel}, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.conv2d(x, weight, stride, padding);
    }

    @Override
    int[] channels() {
        return new int[] {weight.dim(1), weight.dim(0)};
    }
}
