package org.semfill.autograd;

import java.util.Arrays;
import org.semfill.internal.Check;
import org.semfill.kernels.Assign;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.Transpose;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/**
 * Matrix product, 2-D (M,K)x(K,N) or batched (B,M,K)x(B,K,N). With C = A B:
 * dA = dC B^T and dB = A^T dC — the two transpose variants of the GEMM kernel.
 */
final class MatMul {
    private MatMul() {}

    static Tensor matmul(Tensor a, Tensor b) {
        boolean batched = a.rank() == 3;
        Check.arg((a.rank() == 2 && b.rank() == 2) || (a.rank() == 3 && b.rank() == 3),
                "matmul needs two 2-D or two 3-D tensors, got " + Arrays.toString(a.shape()) + " x " + Arrays.toString(b.shape()));
        int batch = batched ? a.dim(0) : 1;
        int m = a.dim(-2), k = a.dim(-1), n = b.dim(-1);
        Check.arg(b.dim(-2) == k && (!batched || b.dim(0) == batch),
                "matmul: inner sizes differ " + Arrays.toString(a.shape()) + " x " + Arrays.toString(b.shape()));
        float[] out = Buffers.forOverwrite(batch * m * n);
        Kernels kk = KernelProvider.get();
        for (int i = 0; i < batch; i++) kk.gemm(Transpose.NONE, m, n, k, a.data(), i * m * k, b.data(), i * k * n, out, i * m * n, Assign.SET);
        Tensor r = Tensor.result(out, batched ? new int[] {batch, m, n} : new int[] {m, n}, "matmul", a, b);
        r.onBackward(() -> {
            Kernels kb = KernelProvider.get();
            for (int i = 0; i < batch; i++) {
                if (a.requiresGrad()) kb.gemm(Transpose.B, m, k, n, r.grad(), i * m * n, b.data(), i * k * n, a.grad(), i * m * k, Assign.ADD);
                if (b.requiresGrad()) kb.gemm(Transpose.A, k, n, m, a.data(), i * m * k, r.grad(), i * m * n, b.grad(), i * k * n, Assign.ADD);
            }
        });
        return r;
    }

    /**
     * A fully connected layer y = x W^T + b for x (N, in), W (out, in), b (out) or null:
     * dx = dy W, dW += dy^T x, db += column sums of dy.
     */
    static Tensor linear(Tensor x, Tensor w, Tensor b) {
        Check.arg(x.rank() == 2 && w.rank() == 2 && x.dim(1) == w.dim(1),
                "linear: input " + Arrays.toString(x.shape()) + " does not fit weight " + Arrays.toString(w.shape()));
        int n = x.dim(0), in = x.dim(1), out = w.dim(0);
        Check.arg(b == null || b.numel() == out, "linear: bias size " + (b == null ? 0 : b.numel()) + " != " + out);
        float[] y = Buffers.forOverwrite(n * out);
        KernelProvider.get().gemm(Transpose.B, n, out, in, x.data(), 0, w.data(), 0, y, 0, Assign.SET);
        if (b != null) for (int i = 0; i < n; i++) KernelProvider.get().axpy(out, 1f, b.data(), 0, y, i * out);
        Tensor r = b == null ? Tensor.result(y, new int[] {n, out}, "linear", x, w)
                : Tensor.result(y, new int[] {n, out}, "linear", x, w, b);
        r.onBackward(() -> {
            Kernels k = KernelProvider.get();
            float[] dy = r.grad();
            if (x.requiresGrad()) k.gemm(Transpose.NONE, n, in, out, dy, 0, w.data(), 0, x.grad(), 0, Assign.ADD);
            if (w.requiresGrad()) k.gemm(Transpose.A, out, in, n, dy, 0, x.data(), 0, w.grad(), 0, Assign.ADD);
            if (b != null && b.requiresGrad()) for (int i = 0; i < n; i++) k.axpy(out, 1f, dy, i * out, b.grad(), 0);
        });
        return r;
    }
}
