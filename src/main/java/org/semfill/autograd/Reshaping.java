package org.semfill.autograd;

import java.util.Arrays;
import org.semfill.internal.Check;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/** Reshape (a view: same data, new shape) and concatenation along an axis. */
final class Reshaping {
    private Reshaping() {}

    /** The same elements in a new shape; one dimension may be -1 (inferred). Shares the data array. */
    static Tensor reshape(Tensor x, int... shape) {
        int[] s = shape.clone();
        int known = 1, infer = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                Check.arg(infer < 0, "only one -1 allowed in " + Arrays.toString(shape));
                infer = i;
            } else known *= s[i];
        }
        if (infer >= 0) s[infer] = known == 0 ? 0 : x.numel() / known;
        Check.arg(Arrays.stream(s).reduce(1, (p, q) -> p * q) == x.numel(),
                "cannot reshape " + Arrays.toString(x.shape()) + " to " + Arrays.toString(shape));
        Tensor r = Tensor.result(x.data(), s, "reshape", x);
        r.onBackward(() -> {
            float[] g = r.grad(), gx = x.grad();
            for (int i = 0; i < g.length; i++) gx[i] += g[i];
        });
        return r;
    }

    /** Joins tensors along {@code axis}; all other dimensions must agree. */
    static Tensor concat(int axis, Tensor... xs) {
        Check.arg(xs.length > 0, "concat needs at least one tensor");
        int[] shape = xs[0].shape();
        int ax = axis < 0 ? axis + shape.length : axis;
        Check.arg(ax >= 0 && ax < shape.length, "axis " + axis + " out of range for " + Arrays.toString(shape));
        int sumAxis = 0;
        for (Tensor t : xs) {
            int[] ts = t.shape();
            Check.arg(ts.length == shape.length, "concat: ranks differ " + Arrays.toString(shape) + " vs " + Arrays.toString(ts));
            for (int i = 0; i < ts.length; i++)
                Check.arg(i == ax || ts[i] == shape[i], "concat along " + axis + ": shapes " + Arrays.toString(shape) + " and " + Arrays.toString(ts));
            sumAxis += ts[ax];
        }
        final int total = sumAxis;
        int outerSize = 1, innerSize = 1;
        for (int i = 0; i < ax; i++) outerSize *= shape[i];
        for (int i = ax + 1; i < shape.length; i++) innerSize *= shape[i];
        final int outer = outerSize, inner = innerSize;
        int[] outShape = shape.clone();
        outShape[ax] = total;
        float[] out = Buffers.forOverwrite(outer * total * inner);
        int[] starts = new int[xs.length]; // offset of each input inside one outer row of the output
        for (int k = 0, off = 0; k < xs.length; off += xs[k].dim(ax) * inner, k++) starts[k] = off;
        for (int k = 0; k < xs.length; k++) {
            int block = xs[k].dim(ax) * inner;
            for (int o = 0; o < outer; o++) System.arraycopy(xs[k].data(), o * block, out, o * total * inner + starts[k], block);
        }
        Tensor r = Tensor.result(out, outShape, "concat", xs);
        r.onBackward(() -> {
            float[] g = r.grad();
            for (int k = 0; k < xs.length; k++) {
                if (!xs[k].requiresGrad()) continue;
                int block = xs[k].dim(ax) * inner;
                float[] gx = xs[k].grad();
                for (int o = 0; o < outer; o++)
                    for (int i = 0; i < block; i++) gx[o * block + i] += g[o * total * inner + starts[k] + i];
            }
        });
        return r;
    }
}
