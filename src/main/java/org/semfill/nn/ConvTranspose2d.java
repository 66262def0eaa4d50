package org.semfill.nn;

import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/**
 * Transposed ("fractionally strided") 2-D convolution without bias; weight (in, out, k, k) as in PyTorch.
 * Output size (H - 1) * stride - 2 * padding + k.
 */
public final class ConvTranspose2d extends ConvLayer {

    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding) {
        super(new int[] {in, out, kernel, kernel}, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.convTranspose2d(x, weight, stride, padding);
    }

    @Override
    int[] channels() {
        return new int[] {weight.dim(0), weight.dim(1)};
    }
}
