package org.semfill.autograd;

import java.util.Arrays;
import org.semfill.internal.Check;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;
import org.semfill.tensor.Tensor;

/**
 * 2-D convolution and transposed convolution as im2col + GEMM (design.md), parallel over the batch.
 * Shapes: x (N, C, H, W); conv weight (O, C, k, k) -> y (N, O, OH, OW), OH = (H + 2p - k) / s + 1.
 * Transposed conv weight (C, O, k, k) (PyTorch's layout) -> y (N, O, OH, OW), OH = (H - 1) s - 2p + k.
 *
 * <p>Per image, with col = im2col(x_n) (C k k, OH OW): conv forward y_n = W col; backward
 * dW += dy_n col^T and dx_n = col2im(W^T dy_n). A transposed conv is the same three products with the
 * roles of forward and input-gradient swapped (Dumoulin and Visin 2016, "A guide to convolution arithmetic").
 * Weight gradients are summed per thread slice, then the slices in order: deterministic for a thread count.
 */
final class Convolution {
    private Convolution() {}

    static Tensor conv2d(Tensor x, Tensor w, int stride, int pad) {
        checkRank(x, w, "conv2d");
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(0), k = w.dim(2);
        Check.arg(w.dim(1) == c && w.dim(3) == k, "conv2d: input has " + c + " channels, weight is " + Arrays.toString(w.shape()));
        int oh = (h + 2 * pad - k) / stride + 1, ow = (wd + 2 * pad - k) / stride + 1;
        Check.arg(oh > 0 && ow > 0, "conv2d: kernel " + k + " larger than padded input " + h + "x" + wd);
        int ckk = c * k * k, ohw = oh * ow, chw = c * h * wd;
        float[] xd = x.data(), wdat = w.data();
        float[] out = new float[n * o * ohw];
        Parallel.forSlices(n, (slice, from, to) -> {
            Kernels kk = KernelProvider.get();
            float[] col = Scratch.get(Scratch.COL, ckk * ohw, false);
            for (int i = from; i < to; i++) {
                kk.im2col(xd, i * chw, c, h, wd, k, stride, pad, oh, ow, col);
                kk.gemm(false, false, o, ohw, ckk, wdat, 0, col, 0, out, i * o * ohw, false);
            }
        });
        Tensor r = Tensor.result(out, new int[] {n, o, oh, ow}, "conv2d", x, w);
        r.onBackward(() -> {
            float[] dy = r.grad();
            float[] dx = x.requiresGrad() ? x.grad() : null;
            float[][] dwParts = new float[Parallel.slices(n)][];
            Parallel.forSlices(n, (slice, from, to) -> {
                Kernels kk = KernelProvider.get();
                float[] col = Scratch.get(Scratch.COL, ckk * ohw, false);
                float[] dcol = Scratch.get(Scratch.DCOL, ckk * ohw, false);
                float[] dw = w.requiresGrad() ? Scratch.get(Scratch.DW, o * ckk, true) : null;
                for (int i = from; i < to; i++) {
                    if (dw != null) {
                        kk.im2col(xd, i * chw, c, h, wd, k, stride, pad, oh, ow, col);
                        kk.gemm(false, true, o, ckk, ohw, dy, i * o * ohw, col, 0, dw, 0, true);
                    }
                    if (dx != null) {
                        kk.gemm(true, false, ckk, ohw, o, wdat, 0, dy, i * o * ohw, dcol, 0, false);
                        kk.col2im(dcol, c, h, wd, k, stride, pad, oh, ow, dx, i * chw);
                    }
                }
                dwParts[slice] = dw;
            });
            addParts(dwParts, w);
        });
        return r;
    }

    static Tensor convTranspose2d(Tensor x, Tensor w, int stride, int pad) {
        checkRank(x, w, "convTranspose2d");
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(1), k = w.dim(2);
        Check.arg(w.dim(0) == c && w.dim(3) == k, "convTranspose2d: input has " + c + " channels, weight is " + Arrays.toString(w.shape()));
        int oh = (h - 1) * stride - 2 * pad + k, ow = (wd - 1) * stride - 2 * pad + k;
        Check.arg(oh > 0 && ow > 0, "convTranspose2d: output would be empty for input " + h + "x" + wd);
        int okk = o * k * k, hw = h * wd, ohw = oh * ow;
        float[] xd = x.data(), wdat = w.data();
        float[] out = new float[n * o * ohw];
        Parallel.forSlices(n, (slice, from, to) -> {
            Kernels kk = KernelProvider.get();
            float[] col = Scratch.get(Scratch.COL, okk * hw, false);
            for (int i = from; i < to; i++) {
                kk.gemm(true, false, okk, hw, c, wdat, 0, xd, i * c * hw, col, 0, false);
                kk.col2im(col, o, oh, ow, k, stride, pad, h, wd, out, i * o * ohw);
            }
        });
        Tensor r = Tensor.result(out, new int[] {n, o, oh, ow}, "convTranspose2d", x, w);
        r.onBackward(() -> {
            float[] dy = r.grad();
            float[] dx = x.requiresGrad() ? x.grad() : null;
            float[][] dwParts = new float[Parallel.slices(n)][];
            Parallel.forSlices(n, (slice, from, to) -> {
                Kernels kk = KernelProvider.get();
                float[] dcol = Scratch.get(Scratch.DCOL, okk * hw, false);
                float[] dw = w.requiresGrad() ? Scratch.get(Scratch.DW, c * okk, true) : null;
                for (int i = from; i < to; i++) {
                    kk.im2col(dy, i * o * ohw, o, oh, ow, k, stride, pad, h, wd, dcol);
                    if (dx != null) kk.gemm(false, false, c, hw, okk, wdat, 0, dcol, 0, dx, i * c * hw, true);
                    if (dw != null) kk.gemm(false, true, c, okk, hw, xd, i * c * hw, dcol, 0, dw, 0, true);
                }
                dwParts[slice] = dw;
            });
            addParts(dwParts, w);
        });
        return r;
    }

    /** Adds the per-slice weight gradients into w.grad in slice order (fixed order: same bits every run). */
    private static void addParts(float[][] parts, Tensor w) {
        if (!w.requiresGrad()) return;
        float[] g = w.grad();
        for (float[] p : parts) if (p != null) KernelProvider.get().axpy(g.length, 1f, p, 0, g, 0);
    }

    private static void checkRank(Tensor x, Tensor w, String op) {
        Check.arg(x.rank() == 4, op + " needs input (N, C, H, W), got " + Arrays.toString(x.shape()));
        Check.arg(w.rank() == 4, op + " needs a 4-D weight, got " + Arrays.toString(w.shape()));
    }
}
