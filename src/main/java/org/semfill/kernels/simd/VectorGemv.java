package org.semfill.kernels.simd;

import static org.semfill.kernels.simd.VectorKernels.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Matrix-vector products: the GEMMs with M = 1 or N = 1 (a 1x1 convolution output, a linear layer on one
 * sample). Packing into 8-row or 48-column tiles would waste 7/8 or 47/48 of the work, so these run as
 * streams of axpy (when the long dimension of C is contiguous in the matrix) or dot products (when it is not).
 * The axpy form gives every C entry exactly the blocked GEMM's arithmetic: one fma chain over p in order,
 * starting from C.
 *
 * <p>Dimension legend: C is M x N, op(A) is M x K, op(B) is K x N.
 */
final class VectorGemv {
    private VectorGemv() {}

    /** Whether {@link #gemv} handles this shape. */
    static boolean handles(int m, int n) {
        return m == 1 || n == 1;
    }

    /** The product of {@link org.semfill.kernels.Kernels#gemm} for M = 1 or N = 1. Modified: c. */
    static void gemv(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (n == 1) {
            // op(B) is one column, contiguous at bOff for either storage.
            if (transA) {
                matrixRowsTimesVector(k, m, a, aOff, b, bOff, c, cOff, accumulate); // C = A^T x: rows of A
            } else {
                dotsWithRows(m, k, a, aOff, b, bOff, c, cOff, accumulate); // C[i] = A[i, :] . x
            }
        } else {
            // m == 1: op(A) is one row, contiguous at aOff for either storage.
            if (transB) {
                dotsWithRows(n, k, b, bOff, a, aOff, c, cOff, accumulate); // C[j] = B[j, :] . x
            } else {
                matrixRowsTimesVector(k, n, b, bOff, a, aOff, c, cOff, accumulate); // C = x^T B: rows of B
            }
        }
    }

    /**
     * y[0 .. len) (+)= sum over p < k of x[xOff + p] * rows[rOff + p*len ..]: one axpy per matrix row
     * (rows is k x len). Modified: y.
     */
    private static void matrixRowsTimesVector(int k, int len, float[] rows, int rOff, float[] x, int xOff,
                                              float[] y, int yOff, boolean accumulate) {
        if (!accumulate) Arrays.fill(y, yOff, yOff + len, 0f);
        int bound = S.loopBound(len);
        for (int p = 0; p < k; p++) {
            float xp = x[xOff + p];
            FloatVector vx = FloatVector.broadcast(S, xp);
            int row = rOff + p * len;
            int i = 0;
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, rows, row + i).fma(vx, FloatVector.fromArray(S, y, yOff + i))
                        .intoArray(y, yOff + i);
            }
            for (; i < len; i++) y[yOff + i] = Math.fma(rows[row + i], xp, y[yOff + i]);
        }
    }

    /**
     * y[i] (+)= rows[rOff + i*k ..] . x[xOff ..] for i < count (rows is count x k): one dot product per row,
     * each in four vector accumulators. Modified: y.
     */
    private static void dotsWithRows(int count, int k, float[] rows, int rOff, float[] x, int xOff,
                                     float[] y, int yOff, boolean accumulate) {
        int step = S.length();
        int bound4 = k - k % (4 * step);
        int bound = S.loopBound(k);
        for (int i = 0; i < count; i++) {
            int row = rOff + i * k;
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            int p = 0;
            for (; p < bound4; p += 4 * step) {
                s0 = FloatVector.fromArray(S, rows, row + p).fma(FloatVector.fromArray(S, x, xOff + p), s0);
                s1 = FloatVector.fromArray(S, rows, row + p + step)
                        .fma(FloatVector.fromArray(S, x, xOff + p + step), s1);
                s2 = FloatVector.fromArray(S, rows, row + p + 2 * step)
                        .fma(FloatVector.fromArray(S, x, xOff + p + 2 * step), s2);
                s3 = FloatVector.fromArray(S, rows, row + p + 3 * step)
                        .fma(FloatVector.fromArray(S, x, xOff + p + 3 * step), s3);
            }
            for (; p < bound; p += step) {
                s0 = FloatVector.fromArray(S, rows, row + p).fma(FloatVector.fromArray(S, x, xOff + p), s0);
            }
            float s = Lanes.sum(s0.add(s1).add(s2.add(s3)));
            for (; p < k; p++) s = Math.fma(rows[row + p], x[xOff + p], s);
            y[yOff + i] = accumulate ? y[yOff + i] + s : s;
        }
    }
}
