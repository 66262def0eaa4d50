package org.semfill.kernels.simd;

import static org.semfill.kernels.simd.VectorKernels.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.semfill.kernels.ScalarKernels;

/**
 * The Winograd kernels of {@link VectorKernels}: {@link org.semfill.kernels.Kernels#tileTransform} on whole vectors
 * of tiles (lane t of every vector is one tile, so each lane gets the reference's fma chains in the same order, and
 * the same bits), and the gather of tile windows.
 *
 * <p>NOTE: the first transform skipped zero coefficients with an if inside the chain; C2 (JDK 17) then boxed the
 * vector at the merge point and the transform took longer than the GEMMs. The chains are dense now (a zero
 * coefficient costs one fma) and straight-line, and each row of the tile is loaded once.
 */
final class WinogradTransform {
    private WinogradTransform() {}

    /** The intermediate product, per thread, grown only. */
    private static final ThreadLocal<float[]> TMP = ThreadLocal.withInitial(() -> new float[0]);

    static void apply(int rowsOut, int rowsIn, float[] left, int colsIn, int colsOut, float[] right,
                      float[] in, int inOff, int inRowStride, int inStride, float[] out, int outOff, int outStride, int n) {
        int l = S.length();
        float[] tmp = TMP.get(); // tmp[i][b] (one vector each) = sum_j in[i][j] right[j][b]
        if (tmp.length < rowsIn * colsOut * l) TMP.set(tmp = new float[rowsIn * colsOut * l]);
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += l) {
            for (int i = 0; i < rowsIn; i++) // tmp = in right, row by row
                rowTimes(colsIn, colsOut, in, inOff + i * inRowStride + t, inStride, right, tmp, i * colsOut * l, l);
            for (int b = 0; b < colsOut; b++) // out = left tmp, column by column
                leftTimes(rowsIn, rowsOut, tmp, b * l, colsOut * l, left, out, outOff + b * outStride + t, colsOut * outStride);
        }
        if (t < n) { // the last lanes: the reference's own loop on them gives the same bits
            new ScalarKernels().tileTransform(rowsOut, rowsIn, left, colsIn, colsOut, right, in, inOff + t, inRowStride, inStride,
                    out, outOff + t, outStride, n - t);
        }
    }

    /**
     * One row of n = colsIn vectors (at v[off + j step]) times the matrix c (colsIn x colsOut): colsOut vectors to
     * dst[dOff + b dStep]. The rows of 5 and 3 (tiles m = 4 and 2) are loaded once into locals: C2 compiled the
     * general loop, which loads every vector again for each output, about 3x slower.
     */
    private static void rowTimes(int colsIn, int colsOut, float[] v, int off, int step, float[] c, float[] dst, int dOff, int dStep) {
        if (colsIn == 5) {
            FloatVector v0 = FloatVector.fromArray(S, v, off), v1 = FloatVector.fromArray(S, v, off + step);
            FloatVector v2 = FloatVector.fromArray(S, v, off + 2 * step), v3 = FloatVector.fromArray(S, v, off + 3 * step);
            FloatVector v4 = FloatVector.fromArray(S, v, off + 4 * step);
            for (int b = 0; b < colsOut; b++) {
                FloatVector acc = v0.mul(c[b]);
                acc = v1.fma(bc(c, colsOut + b), acc);
                acc = v2.fma(bc(c, 2 * colsOut + b), acc);
                acc = v3.fma(bc(c, 3 * colsOut + b), acc);
                v4.fma(bc(c, 4 * colsOut + b), acc).intoArray(dst, dOff + b * dStep);
            }
        } else if (colsIn == 3) {
            FloatVector v0 = FloatVector.fromArray(S, v, off), v1 = FloatVector.fromArray(S, v, off + step);
            FloatVector v2 = FloatVector.fromArray(S, v, off + 2 * step);
            for (int b = 0; b < colsOut; b++) {
                FloatVector acc = v0.mul(c[b]);
                acc = v1.fma(bc(c, colsOut + b), acc);
                v2.fma(bc(c, 2 * colsOut + b), acc).intoArray(dst, dOff + b * dStep);
            }
        } else {
            for (int b = 0; b < colsOut; b++) {
                FloatVector acc = FloatVector.fromArray(S, v, off).mul(c[b]);
                for (int j = 1; j < colsIn; j++) acc = FloatVector.fromArray(S, v, off + j * step).fma(bc(c, j * colsOut + b), acc);
                acc.intoArray(dst, dOff + b * dStep);
            }
        }
    }

    /**
     * The matrix c (rowsOut x rowsIn) times one column of rowsIn vectors (at v[off + i step]): rowsOut vectors to
     * dst[dOff + a dStep]. The same chains as {@link #rowTimes}, with the coefficients read along c's rows.
     */
    private static void leftTimes(int rowsIn, int rowsOut, float[] v, int off, int step, float[] c, float[] dst, int dOff, int dStep) {
        if (rowsIn == 5) {
            FloatVector v0 = FloatVector.fromArray(S, v, off), v1 = FloatVector.fromArray(S, v, off + step);
            FloatVector v2 = FloatVector.fromArray(S, v, off + 2 * step), v3 = FloatVector.fromArray(S, v, off + 3 * step);
            FloatVector v4 = FloatVector.fromArray(S, v, off + 4 * step);
            for (int a = 0; a < rowsOut; a++) {
                FloatVector acc = v0.mul(c[a * 5]);
                acc = v1.fma(bc(c, a * 5 + 1), acc);
                acc = v2.fma(bc(c, a * 5 + 2), acc);
                acc = v3.fma(bc(c, a * 5 + 3), acc);
                v4.fma(bc(c, a * 5 + 4), acc).intoArray(dst, dOff + a * dStep);
            }
        } else if (rowsIn == 3) {
            FloatVector v0 = FloatVector.fromArray(S, v, off), v1 = FloatVector.fromArray(S, v, off + step);
            FloatVector v2 = FloatVector.fromArray(S, v, off + 2 * step);
            for (int a = 0; a < rowsOut; a++) {
                FloatVector acc = v0.mul(c[a * 3]);
                acc = v1.fma(bc(c, a * 3 + 1), acc);
                v2.fma(bc(c, a * 3 + 2), acc).intoArray(dst, dOff + a * dStep);
            }
        } else {
            for (int a = 0; a < rowsOut; a++) {
                FloatVector acc = FloatVector.fromArray(S, v, off).mul(c[a * rowsIn]);
                for (int i = 1; i < rowsIn; i++) acc = FloatVector.fromArray(S, v, off + i * step).fma(bc(c, a * rowsIn + i), acc);
                acc.intoArray(dst, dOff + a * dStep);
            }
        }
    }

    private static FloatVector bc(float[] c, int i) {
        return FloatVector.broadcast(S, c[i]);
    }

    /** {@link org.semfill.kernels.Kernels#gatherLanes} with the hardware gather (AVX2/AVX-512), then the zeros blended in. */
    static void gather(float[] src, int base, int[] index, boolean[] zero, int off, float[] dst, int dstOff, int n) {
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += S.length()) {
            FloatVector v = FloatVector.fromArray(S, src, base, index, off + t);
            v.blend(0f, VectorMask.fromArray(S, zero, off + t)).intoArray(dst, dstOff + t);
        }
        for (; t < n; t++) dst[dstOff + t] = zero[off + t] ? 0f : src[base + index[off + t]];
    }
}
