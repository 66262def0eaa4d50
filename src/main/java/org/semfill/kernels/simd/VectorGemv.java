package org.semfill.kernels.simd;

import static org.semfill.kernels.simd.VectorKernels.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Matrix-vector products whose long dimension of C is contiguous in the matrix (M = 1 with B stored K x N, or
 * N = 1 with A stored K x M): packing them into 8-row or 48-column tiles would waste 7/8 or 47/48 of the work, so
 * they run as a stream of axpy, one per matrix row. Every C entry gets exactly the blocked GEMM's arithmetic: one
 * fma chain over p in order, starting from C. (The other matrix-vector shapes would be dot products, whose lane
 * sums depend on the vector width: they go to the blocked GEMM, which packs the matrix into panels.)
 *
 * <p>Dimension legend: C is M x N, op(A) is M x K, op(B) is K x N.
 */
final class VectorGemv {
    private VectorGemv() {}

    /** Whether {@link #gemv} handles this shape: a matrix-vector product that streams rows of the matrix. */
    static boolean handles(boolean transA, boolean transB, int m, int n) {
        return (n == 1 && transA) || (m == 1 && !transB);
    }

    /** The product of {@link org.semfill.kernels.Kernels#gemm} for the shapes of {@link #handles}. Modified: c. */
    static void gemv(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (n == 1 && transA) {
            matrixRowsTimesVector(k, m, a, aOff, b, bOff, c, cOff, accumulate); // C = A^T x: rows of A
        } else {
            matrixRowsTimesVector(k, n, b, bOff, a, aOff, c, cOff, accumulate); // C = x^T B: rows of B
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
}
