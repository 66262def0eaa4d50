package org.semfill.autograd;

import java.util.Arrays;
import org.semfill.kernels.KernelProvider;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/**
 * Elementwise binary arithmetic with broadcasting (add, sub, mul, div) and the scalar variants.
 * Each op is one formula and its two partial derivatives; {@link #binary} does the indexing once for all.
 */
final class Arithmetic {
    private Arithmetic() {}

    interface Fn {
        float at(float a, float b);
    }

    static Tensor add(Tensor a, Tensor b) {
        if (Arrays.equals(a.shape(), b.shape())) { // fast path: the kernels, no index maps
            float[] out = Buffers.forOverwrite(a.numel());
            KernelProvider.get().add(out.length, a.data(), b.data(), out);
            Tensor r = Tensor.result(out, a.shape(), "add", a, b);
            r.onBackward(() -> {
                if (a.requiresGrad()) KernelProvider.get().axpy(out.length, 1f, r.grad(), 0, a.grad(), 0);
                if (b.requiresGrad()) KernelProvider.get().axpy(out.length, 1f, r.grad(), 0, b.grad(), 0);
            });
            return r;
        }
        return binary("add", a, b, (x, y) -> x + y, (x, y) -> 1f, (x, y) -> 1f);
    }

    static Tensor sub(Tensor a, Tensor b) {
        return binary("sub", a, b, (x, y) -> x - y, (x, y) -> 1f, (x, y) -> -1f);
    }

    static Tensor mul(Tensor a, Tensor b) {
        return binary("mul", a, b, (x, y) -> x * y, (x, y) -> y, (x, y) -> x);
    }

    /** a / b; d/da = 1/b, d/db = -a/b^2. */
    static Tensor div(Tensor a, Tensor b) {
        return binary("div", a, b, (x, y) -> x / y, (x, y) -> 1f / y, (x, y) -> -x / (y * y));
    }

    /** The general broadcast op: out = f(a, b), da += g * dfa(a, b), db += g * dfb(a, b). */
    static Tensor binary(String name, Tensor a, Tensor b, Fn f, Fn dfa, Fn dfb) {
        int[] shape = Broadcast.shape(a.shape(), b.shape());
        int[] ma = Broadcast.indexMap(a.shape(), shape);
        int[] mb = Broadcast.indexMap(b.shape(), shape);
        float[] ad = a.data(), bd = b.data();
        float[] out = Buffers.forOverwrite(ma != null ? ma.length : mb != null ? mb.length : ad.length);
        for (int i = 0; i < out.length; i++) out[i] = f.at(ad[ma == null ? i : ma[i]], bd[mb == null ? i : mb[i]]);
        Tensor r = Tensor.result(out, shape, name, a, b);
        r.onBackward(() -> {
            float[] g = r.grad();
            if (a.requiresGrad()) {
                float[] ga = a.grad();
                for (int i = 0; i < g.length; i++) {
                    int ia = ma == null ? i : ma[i];
                    ga[ia] += g[i] * dfa.at(ad[ia], bd[mb == null ? i : mb[i]]);
                }
            }
            if (b.requiresGrad()) {
                float[] gb = b.grad();
                for (int i = 0; i < g.length; i++) {
                    int ib = mb == null ? i : mb[i];
                    gb[ib] += g[i] * dfb.at(ad[ma == null ? i : ma[i]], bd[ib]);
                }
            }
        });
        return r;
    }

    /** x + c. */
    static Tensor addScalar(Tensor x, float c) {
        return Activations.unary("addScalar", x, v -> v + c, (v, y) -> 1f);
    }

    /** c * x. */
    static Tensor mulScalar(Tensor x, float c) {
        float[] out = Buffers.forOverwrite(x.numel());
        KernelProvider.get().scale(out.length, c, x.data(), out);
        Tensor r = Tensor.result(out, x.shape(), "mulScalar", x);
        r.onBackward(() -> KernelProvider.get().axpy(out.length, c, r.grad(), 0, x.grad(), 0));
        return r;
    }
}
