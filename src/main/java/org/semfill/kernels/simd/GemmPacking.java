package org.semfill.kernels.simd;

import static org.semfill.kernels.simd.MicroKernel.L;
import static org.semfill.kernels.simd.MicroKernel.MR;
import static org.semfill.kernels.simd.MicroKernel.NR;
import static org.semfill.kernels.simd.MicroKernel.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of op(A) and op(B) into the contiguous, zero-padded micro-panel order that
 * {@link MicroKernel} reads with unit stride. Packing turns every transpose variant into the same inner
 * loop and keeps the working set of the micro-kernel in L1/L2 cache (Goto and van de Geijn 2008).
 *
 * <p>Dimension legend: op(A) is M x K, op(B) is K x N; a block covers rows [i0, i0+mc) or columns
 * [j0, j0+nc) and steps [p0, p0+kc).
 */
final class GemmPacking {
    private GemmPacking() {}

    /**
     * Packs op(A)[i0 .. i0+mc, p0 .. p0+kc) into dst as ceil(mc/MR) micro-panels of MR*kc floats:
     * dst[dstOff + q*MR*kc + p*MR + r] = op(A)[i0 + q*MR + r, p0 + p], zero for rows past mc.
     * A is stored M x K, or K x M when transA. Modified: dst.
     */
    static void packA(boolean transA, int m, int k, float[] a, int aOff, int i0, int mc, int p0, int kc,
                      float[] dst, int dstOff) {
        if (transA) {
            packATransposed(m, a, aOff, i0, mc, p0, kc, dst, dstOff);
            return;
        }
        // op(A)[i, p] = A[i, p]: read each row contiguously, write with stride MR.
        int d = dstOff;
        for (int q = 0; q < mc; q += MR, d += MR * kc) {
            int rows = Math.min(MR, mc - q);
            if (rows < MR) Arrays.fill(dst, d, d + MR * kc, 0f);
            for (int r = 0; r < rows; r++) {
                int src = aOff + (i0 + q + r) * k + p0;
                int o = d + r;
                for (int p = 0; p < kc; p++, o += MR) dst[o] = a[src + p];
            }
        }
    }

    /**
     * op(A)[i, p] = A[p, i] with A stored K x M: the MR values of one step are adjacent in A. Walks A row
     * by row (one contiguous run of mc floats per step) rather than panel by panel: when M is a power of
     * two, reading a narrow column strip of A row after row hits the same cache sets (measured 2-3x slower).
     * A plain loop, not a 256-bit vector copy: that made the following 512-bit micro-kernel calls 20x slower
     * (seen on JDK 17, AMD Zen 5; cause unknown).
     */
    private static void packATransposed(int m, float[] a, int aOff, int i0, int mc, int p0, int kc, float[] dst,
                                        int dstOff) {
        int full = mc / MR * MR;
        if (full < mc) Arrays.fill(dst, dstOff + full * kc, dstOff + (full + MR) * kc, 0f);
        for (int p = 0; p < kc; p++) {
            int src = aOff + (p0 + p) * m + i0;
            int q = 0;
            for (; q < full; q += MR) {
                int o = dstOff + q * kc + p * MR;
                for (int r = 0; r < MR; r++) dst[o + r] = a[src + q + r];
            }
            for (; q < mc; q++) dst[dstOff + q / MR * MR * kc + p * MR + q % MR] = a[src + q];
        }
    }

    /**
     * Packs op(B)[p0 .. p0+kc, j0 .. j0+nc) into dst as ceil(nc/NR) micro-panels of kc*NR floats:
     * dst[q*kc*NR + p*NR + j] = op(B)[p0 + p, j0 + q*NR + j], zero for columns past nc.
     * B is stored K x N, or N x K when transB. Modified: dst.
     */
    static void packB(boolean transB, int n, int k, float[] b, int bOff, int j0, int nc, int p0, int kc,
                      float[] dst) {
        if (!transB) {
            packBRows(n, b, bOff, j0, nc, p0, kc, dst);
            return;
        }
        int d = 0;
        for (int q = 0; q < nc; q += NR, d += kc * NR) {
            int cols = Math.min(NR, nc - q);
            if (cols < NR) Arrays.fill(dst, d, d + kc * NR, 0f);
            packBTransposed(b, bOff + (j0 + q) * k + p0, k, cols, kc, dst, d);
        }
    }

    /**
     * op(B)[p, j] = B[p, j] with B stored K x N: one step of a micro-panel is NR adjacent floats, copied
     * as three vectors, panel after panel (measured faster than walking B row by row across all panels).
     */
    private static void packBRows(int n, float[] b, int bOff, int j0, int nc, int p0, int kc, float[] dst) {
        int full = nc / NR * NR;
        for (int q = 0; q < full; q += NR) {
            for (int p = 0; p < kc; p++) {
                int src = bOff + (p0 + p) * n + j0 + q;
                int o = q * kc + p * NR;
                FloatVector.fromArray(S, b, src).intoArray(dst, o);
                FloatVector.fromArray(S, b, src + L).intoArray(dst, o + L);
                FloatVector.fromArray(S, b, src + 2 * L).intoArray(dst, o + 2 * L);
            }
        }
        if (full < nc) {
            Arrays.fill(dst, full * kc, (full + NR) * kc, 0f);
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOff + (p0 + p) * n + j0 + full, dst, full * kc + p * NR, nc - full);
            }
        }
    }

    /**
     * op(B)[p, j] = B[j, p]: a transpose of a cols x kc block starting at b[src] (row stride k) into
     * dst[d + p*NR + j]. Done in chunks of 8 steps so the cols source rows stay in L1 while each
     * destination line is written in order.
     */
    private static void packBTransposed(float[] b, int src, int k, int cols, int kc, float[] dst, int d) {
        final int chunk = 8;
        int p = 0;
        for (; p + chunk <= kc; p += chunk) {
            int o = d + p * NR;
            for (int j = 0; j < cols; j++) {
                int s = src + j * k + p;
                int t = o + j;
                dst[t] = b[s];
                dst[t + NR] = b[s + 1];
                dst[t + 2 * NR] = b[s + 2];
                dst[t + 3 * NR] = b[s + 3];
                dst[t + 4 * NR] = b[s + 4];
                dst[t + 5 * NR] = b[s + 5];
                dst[t + 6 * NR] = b[s + 6];
                dst[t + 7 * NR] = b[s + 7];
            }
        }
        for (; p < kc; p++) {
            int o = d + p * NR;
            for (int j = 0; j < cols; j++) dst[o + j] = b[src + j * k + p];
        }
    }
}
