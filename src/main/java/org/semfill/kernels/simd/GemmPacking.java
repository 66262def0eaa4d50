package org.semfill.kernels.simd;

import static org.semfill.kernels.simd.MicroKernel.L;
import static org.semfill.kernels.simd.MicroKernel.MR;
import static org.semfill.kernels.simd.MicroKernel.NR;
import static org.semfill.kernels.simd.MicroKernel.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of op(A) and op(B) into the contiguous, zero-padded micro-panel order that
 * {@link MicroKernel} reads with unit stride. Packing turns every transpose variant into the same inner
 * loop and keeps the working set of the micro-kernel in L1/L2 cache (Goto and van de Geijn 2008).
 *
 * <p>Dimension legend: op(A) is M x K, op(B) is K x N; a block covers rows [i0, i0+mc) or columns
 * [j0, j0+nc) and steps [p0, p0+kc).
 */
final class GemmPacking {
    /** Eight lanes: one step of an A micro-panel (MR = 8) in a single vector copy. */
    private static final VectorSpecies<Float> EIGHT = FloatVector.SPECIES_256;

    private GemmPacking() {}

    /**
     * Packs op(A)[i0 .. i0+mc, p0 .. p0+kc) into dst as ceil(mc/MR) micro-panels of MR*kc floats:
     * dst[q*MR*kc + p*MR + r] = op(A)[i0 + q*MR + r, p0 + p], zero for rows past mc.
     * A is stored M x K, or K x M when transA. Modified: dst.
     */
    static void packA(boolean transA, int m, int k, float[] a, int aOff, int i0, int mc, int p0, int kc,
                      float[] dst) {
        int d = 0;
        for (int q = 0; q < mc; q += MR, d += MR * kc) {
            int rows = Math.min(MR, mc - q);
            int i = i0 + q;
            if (rows < MR) Arrays.fill(dst, d, d + MR * kc, 0f);
            if (transA) {
                // op(A)[i, p] = A[p, i]: the MR values of one step are adjacent in A.
                if (rows == MR && MR == EIGHT.length()) {
                    for (int p = 0, src = aOff + p0 * m + i; p < kc; p++, src += m) {
                        FloatVector.fromArray(EIGHT, a, src).intoArray(dst, d + p * MR);
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int src = aOff + (p0 + p) * m + i;
                        int o = d + p * MR;
                        for (int r = 0; r < rows; r++) dst[o + r] = a[src + r];
                    }
                }
            } else {
                // op(A)[i, p] = A[i, p]: read each row contiguously, write with stride MR.
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i + r) * k + p0;
                    int o = d + r;
                    for (int p = 0; p < kc; p++, o += MR) dst[o] = a[src + p];
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 .. p0+kc, j0 .. j0+nc) into dst as ceil(nc/NR) micro-panels of kc*NR floats:
     * dst[q*kc*NR + p*NR + j] = op(B)[p0 + p, j0 + q*NR + j], zero for columns past nc.
     * B is stored K x N, or N x K when transB. Modified: dst.
     */
    static void packB(boolean transB, int n, int k, float[] b, int bOff, int j0, int nc, int p0, int kc,
                      float[] dst) {
        int d = 0;
        for (int q = 0; q < nc; q += NR, d += kc * NR) {
            int cols = Math.min(NR, nc - q);
            int j = j0 + q;
            if (cols < NR) Arrays.fill(dst, d, d + kc * NR, 0f);
            if (transB) {
                packBTransposed(b, bOff + j * k + p0, k, cols, kc, dst, d);
            } else if (cols == NR) {
                // op(B)[p, j] = B[p, j]: one step is NR adjacent floats, three vectors.
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * n + j;
                    int o = d + p * NR;
                    FloatVector.fromArray(S, b, src).intoArray(dst, o);
                    FloatVector.fromArray(S, b, src + L).intoArray(dst, o + L);
                    FloatVector.fromArray(S, b, src + 2 * L).intoArray(dst, o + 2 * L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, bOff + (p0 + p) * n + j, dst, d + p * NR, cols);
                }
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
