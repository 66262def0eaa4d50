package org.semfill.autograd;

import org.semfill.kernels.KernelProvider;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/**
 * Elementwise unary ops. The hot activations (ReLU/LeakyReLU, tanh, sigmoid) run on the kernels; the
 * rest share {@link #unary}, which needs only the function and its derivative (written in terms of the
 * input x and the output y, whichever is cheaper).
 */
final class Activations {
    private Activations() {}

    interface F {
        float at(float x);
    }

    interface DF {
        float at(float x, float y);
    }

    static Tensor unary(String name, Tensor x, F f, DF df) {
        float[] xd = x.data();
        float[] out = Buffers.forOverwrite(xd.length);
        for (int i = 0; i < out.length; i++) out[i] = f.at(xd[i]);
        Tensor r = Tensor.result(out, x.shape(), name, x);
        r.onBackward(() -> {
            float[] g = r.grad(), gx = x.grad();
            for (int i = 0; i < g.length; i++) gx[i] += g[i] * df.at(xd[i], out[i]);
        });
        return r;
    }

    static Tensor neg(Tensor x) {
        return Arithmetic.mulScalar(x, -1f);
    }

    static Tensor exp(Tensor x) {
        return unary("exp", x, v -> (float) StrictMath.exp(v), (v, y) -> y);
    }

    /** Natural log; d/dx = 1/x. */
    static Tensor log(Tensor x) {
        return unary("log", x, v -> (float) StrictMath.log(v), (v, y) -> 1f / v);
    }

    /** |x|; the subgradient at 0 is taken as 0. */
    static Tensor abs(Tensor x) {
        // Its own loop and kernel, not unary's: the contextual loss runs it on every pixel of every search step, and
        // unary's lambdas, shared by several ops, are not inlined (6 ns a pixel; these are the same bits)
        float[] xd = x.data();
        float[] out = Buffers.forOverwrite(xd.length);
        for (int i = 0; i < out.length; i++) out[i] = Math.abs(xd[i]);
        Tensor r = Tensor.result(out, x.shape(), "abs", x);
        r.onBackward(() -> KernelProvider.get().absBackward(out.length, xd, r.grad(), x.grad()));
        return r;
    }

    /** min(max(x, lo), hi); gradient passes only strictly inside (lo, hi). */
    static Tensor clamp(Tensor x, float lo, float hi) {
        return unary("clamp", x, v -> Math.min(Math.max(v, lo), hi), (v, y) -> v > lo && v < hi ? 1f : 0f);
    }

    /** max(x, 0). */
    static Tensor relu(Tensor x) {
        return leakyRelu(x, 0f);
    }

    /** x for x > 0, slope * x otherwise (Maas et al. 2013; DCGAN's D uses slope 0.2). */
    static Tensor leakyRelu(Tensor x, float slope) {
        float[] out = Buffers.forOverwrite(x.numel());
        KernelProvider.get().leakyRelu(out.length, slope, x.data(), out);
        Tensor r = Tensor.result(out, x.shape(), slope == 0f ? "relu" : "leakyRelu", x);
        r.onBackward(() -> KernelProvider.get().leakyReluBackward(out.length, slope, x.data(), r.grad(), x.grad()));
        return r;
    }

    /** tanh(x); d/dx = 1 - y^2. */
    static Tensor tanh(Tensor x) {
        float[] out = Buffers.forOverwrite(x.numel());
        KernelProvider.get().tanh(out.length, x.data(), out);
        Tensor r = Tensor.result(out, x.shape(), "tanh", x);
        r.onBackward(() -> KernelProvider.get().tanhBackward(out.length, out, r.grad(), x.grad()));
        return r;
    }

    /** 1 / (1 + e^-x); d/dx = y (1 - y). */
    static Tensor sigmoid(Tensor x) {
        float[] out = Buffers.forOverwrite(x.numel());
        KernelProvider.get().sigmoid(out.length, x.data(), out);
        Tensor r = Tensor.result(out, x.shape(), "sigmoid", x);
        r.onBackward(() -> KernelProvider.get().sigmoidBackward(out.length, out, r.grad(), x.grad()));
        return r;
    }
}
