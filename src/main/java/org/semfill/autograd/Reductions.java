package org.semfill.autograd;

import java.util.Arrays;
import org.semfill.kernels.KernelProvider;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/** Sum and mean over all elements or over given axes. The backward of a sum copies the gradient back to every summand. */
final class Reductions {
    private Reductions() {}

    /** The sum of all elements, shape [1]. */
    static Tensor sum(Tensor x) {
        float[] out = {(float) KernelProvider.get().sum(x.data(), 0, x.numel())};
        Tensor r = Tensor.result(out, new int[] {1}, "sum", x);
        r.onBackward(() -> {
            float g = r.grad()[0];
            float[] gx = x.grad();
            for (int i = 0; i < gx.length; i++) gx[i] += g;
        });
        return r;
    }

    static Tensor mean(Tensor x) {
        return Arithmetic.mulScalar(sum(x), 1f / x.numel());
    }

    /**
     * Sums over the given axes (negative counts from the end). With keepDims the reduced axes stay as size 1,
     * so the result broadcasts against x.
     */
    static Tensor sum(Tensor x, boolean keepDims, int... axes) {
        int[] shape = x.shape();
        int[] kept = shape.clone();
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) {
            int ax = a < 0 ? a + shape.length : a;
            if (ax < 0 || ax >= shape.length)
                throw new IllegalArgumentException("axis " + a + " out of range for shape " + Arrays.toString(shape));
            reduced[ax] = true;
            kept[ax] = 1;
        }
        int[] map = Broadcast.indexMap(kept, shape); // input element -> output element
        float[] xd = x.data();
        float[] out = Buffers.zeroed(Arrays.stream(kept).reduce(1, (p, q) -> p * q));
        if (map == null) System.arraycopy(xd, 0, out, 0, xd.length);
        else for (int i = 0; i < xd.length; i++) out[map[i]] += xd[i];
        int[] outShape = keepDims ? kept : dropAxes(shape, reduced);
        Tensor r = Tensor.result(out, outShape, "sumAxes", x);
        r.onBackward(() -> {
            float[] g = r.grad(), gx = x.grad();
            for (int i = 0; i < gx.length; i++) gx[i] += g[map == null ? i : map[i]];
        });
        return r;
    }

    static Tensor mean(Tensor x, boolean keepDims, int... axes) {
        Tensor s = sum(x, keepDims, axes);
        return Arithmetic.mulScalar(s, (float) s.numel() / x.numel());
    }

    private static int[] dropAxes(int[] shape, boolean[] reduced) {
        int[] out = new int[Math.max(1, shape.length - count(reduced))];
        Arrays.fill(out, 1);
        int j = 0;
        for (int i = 0; i < shape.length; i++) if (!reduced[i]) out[j++] = shape[i];
        return out;
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean v : b) if (v) c++;
        return c;
    }
}
