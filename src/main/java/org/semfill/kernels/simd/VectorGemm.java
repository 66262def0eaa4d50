package org.semfill.kernels.simd;

import static org.semfill.kernels.simd.MicroKernel.L;
import static org.semfill.kernels.simd.MicroKernel.MR;
import static org.semfill.kernels.simd.MicroKernel.NR;

import java.util.Arrays;
import org.semfill.kernels.Parallel;

/**
 * Cache- and register-blocked SGEMM on the Vector API, in the loop order of Goto/BLIS (Goto and van de
 * Geijn 2008; Van Zee and van de Geijn 2015, "BLIS"):
 * <pre>
 * for jc in steps of NC over N:          B block KC x NC (L3)
 *   for pc in steps of KC over K:        pack op(B)[pc.., jc..] into NR-wide micro-panels
 *     for ic in steps of MC over M:      pack op(A)[ic.., pc..] into MR-tall micro-panels (L2)
 *       for jr in steps of NR:           one B micro-panel KC x NR stays in L1 ...
 *         for ir in steps of MR:         ... while the A micro-panels stream past it
 *           MicroKernel: C[ir.., jr..] (+)= Apanel * Bpanel
 * </pre>
 * Packing buffers are per thread ({@link ThreadLocal}) and grow only, so after warm-up a call allocates
 * nothing. Thin shapes, common in small convolutions, take shortcuts: M = 1 or N = 1 with the matrix's rows
 * along C go to {@link VectorGemv}; N of exactly one or two vectors (a 4x4 or 4x8 output image) reads A in place instead
 * of packing it; other N below one vector (with M > N) is computed as C^T = op(B)^T op(A)^T so the wide
 * dimension fills the vector lanes. Blocking sizes were tuned on an AVX-512 machine (AMD Zen 5: 48 KB L1d,
 * 1 MB L2); neighbouring values measured within noise.
 *
 * <p>Dimension legend: C is M x N, op(A) is M x K, op(B) is K x N. C entry (i, j) lives at
 * c[cOff + i*rowStride + j*colStride] in the internal problem (rowStride = N, colStride = 1 normally).
 */
final class VectorGemm {
    /** Steps of K per packed block: a B micro-panel is KC*NR*4 bytes (36 KB with AVX-512), most of L1. */
    static final int KC = 192;
    /** Rows of A per packed block (a multiple of MR): MC*KC*4 = 144 KB, inside L2. */
    static final int MC = 192;
    /** Columns of B per packed block (a multiple of NR for any vector width): KC*NC*4 = 2.25 MB, in L3. */
    static final int NC = 3072;

    private VectorGemm() {}

    /** Per-thread scratch: packed A block, packed B block and one tile for partial tiles. */
    private static final class Workspace {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];

        float[] a(int size) {
            if (a.length < size) a = new float[size];
            return a;
        }

        float[] b(int size) {
            if (b.length < size) b = new float[size];
            return b;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** The product described in {@link org.semfill.kernels.Kernels#gemm}, on the calling thread. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (m <= 0 || n <= 0) return;
        if (VectorGemv.handles(transA, transB, m, n)) {
            VectorGemv.gemv(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else if (swap(m, n)) {
            block(!transB, !transA, n, m, k, b, bOff, a, aOff, c, cOff, 1, n, accumulate, 0, n, 0, m);
        } else {
            block(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, n, 1, accumulate, 0, m, 0, n);
        }
    }

    /**
     * The same product split over {@link Parallel#forSlices}: rows of C in whole tiles when M >= N,
     * else columns. Each C entry is computed exactly as by {@link #gemm}, so the result is identical
     * for every thread count. Must not be called from inside a Parallel slice (the pool would wait on itself).
     */
    static void gemmParallel(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (m <= 0 || n <= 0) return;
        if (VectorGemv.handles(transA, transB, m, n)) { // memory-bound: one thread streams it as fast as two
            VectorGemv.gemv(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        boolean swapped = swap(m, n);
        boolean tA = swapped ? !transB : transA;
        boolean tB = swapped ? !transA : transB;
        int mm = swapped ? n : m;
        int nn = swapped ? m : n;
        float[] aa = swapped ? b : a;
        float[] bb = swapped ? a : b;
        int aaOff = swapped ? bOff : aOff;
        int bbOff = swapped ? aOff : bOff;
        int rowStride = swapped ? 1 : n;
        int colStride = swapped ? n : 1;
        if (mm >= nn) {
            int tiles = (mm + MR - 1) / MR;
            Parallel.forSlices(tiles, (s, from, to) -> block(tA, tB, mm, nn, k, aa, aaOff, bb, bbOff, c, cOff,
                    rowStride, colStride, accumulate, from * MR, Math.min(mm, to * MR), 0, nn));
        } else {
            int tiles = (nn + NR - 1) / NR;
            Parallel.forSlices(tiles, (s, from, to) -> block(tA, tB, mm, nn, k, aa, aaOff, bb, bbOff, c, cOff,
                    rowStride, colStride, accumulate, 0, mm, from * NR, Math.min(nn, to * NR)));
        }
    }

    /**
     * All of op(A) in the order {@link #block} reads its packed blocks: for each K block pc, the MR-row panels
     * of every row, so block (pc, ic) starts at pc * roundUp(M, MR) + ic * kc. Packed once, it serves every
     * product with this A (see {@link org.semfill.kernels.PreparedA}).
     */
    static float[] packWholeA(boolean transA, int m, int k, float[] a, int aOff) {
        return packWholeA(transA, m, k, a, aOff, new float[roundUp(m, MR) * k]);
    }

    /** {@link #packWholeA} into packed (at least roundUp(m, MR) k floats), which it returns. */
    static float[] packWholeA(boolean transA, int m, int k, float[] a, int aOff, float[] packed) {
        int rows = roundUp(m, MR);
        // The K blocks write disjoint parts: split them over the threads (the caller would pack alone otherwise).
        int blocks = (k + KC - 1) / KC;
        Parallel.forSlices(blocks, (slice, from, to) -> {
            for (int pc = from * KC; pc < Math.min(k, to * KC); pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int ic = 0; ic < m; ic += MC) {
                    GemmPacking.packA(transA, m, k, a, aOff, ic, Math.min(MC, m - ic), pc, kc, packed, pc * rows + ic * kc);
                }
            }
        });
        return packed;
    }

    /**
     * {@link #gemm} of C = op(A) B (B stored K x N, C overwritten) with op(A) already packed by {@link #packWholeA}:
     * the same blocks and micro-kernels, so the same bits. Shapes that gemm computes without packing A (M or N of 1, N below or equal to two vectors)
     * go to gemm itself.
     */
    static void gemmPrepared(boolean transA, int m, int k, float[] a, int aOff, float[] packed, int n,
                             float[] b, int bOff, float[] c, int cOff) {
        if (m <= 0 || n <= 0) return;
        if (packed == null || !usesPreparedPanels(m, n)) {
            gemm(transA, false, m, n, k, a, aOff, b, bOff, c, cOff, false);
            return;
        }
        multiplyPrepared(m, k, packed, n, (jc, nc, pc, kc, dst) -> GemmPacking.packB(false, n, k, b, bOff, jc, nc, pc, kc, dst),
                c, cOff);
    }

    /** Packs op(B)[pc .. pc+kc, jc .. jc+nc) into NR-wide micro-panels, as {@link GemmPacking#packB} lays them out. */
    @FunctionalInterface
    interface PanelPacker {
        void pack(int jc, int nc, int pc, int kc, float[] dst);
    }

    /**
     * C (M x N, overwritten) = op(A) op(B) with op(A) packed by {@link #packWholeA} and op(B)'s panels made by
     * {@code panels} (from B itself, or straight from an image's patches). The shape must be one that
     * {@link #gemmPrepared} does not hand to gemm. Modified: c.
     */
    static void multiplyPrepared(int m, int k, float[] packed, int n, PanelPacker panels, float[] c, int cOff) {
        zero(c, cOff, n, 1, 0, m, 0, n);
        if (k == 0) return;
        Workspace ws = WORKSPACE.get();
        int rows = roundUp(m, MR);
        float[] bPack = ws.b(Math.min(NC, roundUp(n, NR)) * Math.min(KC, k));
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                panels.pack(jc, nc, pc, kc, bPack);
                for (int ic = 0; ic < m; ic += MC) {
                    multiplyPacked(kc, Math.min(MC, m - ic), nc, packed, pc * rows + ic * kc, bPack, ws.tile,
                            c, cOff + ic * n + jc, n, 1);
                }
            }
        }
    }

    /** Whether {@link #gemmPrepared} multiplies this shape with the prepared panels (else it calls gemm). */
    static boolean usesPreparedPanels(int m, int n) {
        return !(m == 1 || n == 1 || swap(m, n) || n == L || n == 2 * L);
    }

    /** Compute C^T = op(B)^T op(A)^T instead when N is narrower than one vector and M is wider. */
    private static boolean swap(int m, int n) {
        return n < L && m > n;
    }

    /** Computes rows [iFrom, iTo) x columns [jFrom, jTo) of C = op(A) op(B) (+ C). Modified: c. */
    private static void block(boolean transA, boolean transB, int m, int n, int k,
                              float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                              int rowStride, int colStride, boolean accumulate,
                              int iFrom, int iTo, int jFrom, int jTo) {
        if (!accumulate) zero(c, cOff, rowStride, colStride, iFrom, iTo, jFrom, jTo);
        if (k == 0) return;
        Workspace ws = WORKSPACE.get();
        int ncMax = Math.min(NC, roundUp(jTo - jFrom, NR));
        int kcMax = Math.min(KC, k);
        float[] bPack = ws.b(ncMax * kcMax);
        float[] aPack = ws.a(Math.min(MC, roundUp(iTo - iFrom, MR)) * kcMax);
        int width = jTo - jFrom;
        boolean directA = colStride == 1 && (width == L || width == 2 * L);
        for (int jc = jFrom; jc < jTo; jc += NC) {
            int nc = Math.min(NC, jTo - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                GemmPacking.packB(transB, n, k, b, bOff, jc, nc, pc, kc, bPack);
                if (directA) {
                    multiplyDirectA(transA, m, k, a, aOff, iFrom, iTo, pc, kc, bPack, aPack, ws.tile,
                            c, cOff + jc, rowStride, nc);
                    continue;
                }
                for (int ic = iFrom; ic < iTo; ic += MC) {
                    int mc = Math.min(MC, iTo - ic);
                    GemmPacking.packA(transA, m, k, a, aOff, ic, mc, pc, kc, aPack, 0);
                    int cBase = cOff + ic * rowStride + jc * colStride;
                    multiplyPacked(kc, mc, nc, aPack, 0, bPack, ws.tile, c, cBase, rowStride, colStride);
                }
            }
        }
    }

    /**
     * C block (mc x nc at cBase) += packed A block * packed B block, tile by tile. Whole tiles go straight
     * to C with the narrowest kernel that covers their width (so N = 16 or 64 waste no lanes); partial
     * tiles and transposed C go through the scratch tile.
     */
    private static void multiplyPacked(int kc, int mc, int nc, float[] aPack, int aBase, float[] bPack, float[] tile,
                                       float[] c, int cBase, int rowStride, int colStride) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int vectors = (nr + L - 1) / L;
            boolean wholeColumns = colStride == 1 && nr == vectors * L;
            int bIdx = jr * kc;
            int ir = 0;
            while (ir < mc) {
                int mr = Math.min(MR, mc - ir);
                int aIdx = aBase + ir * kc;
                int cIdx = cBase + ir * rowStride + jr * colStride;
                if (!wholeColumns || mr < MR) {
                    MicroKernel.edgeTile(kc, aPack, aIdx, bPack, bIdx, tile, mr, nr, c, cIdx, rowStride, colStride);
                } else if (vectors == 3) {
                    MicroKernel.fullTile(kc, aPack, aIdx, bPack, bIdx, c, cIdx, rowStride);
                } else if (vectors == 2) {
                    MicroKernel.tile8x2(kc, aPack, aIdx, 1, MR, bPack, bIdx, c, cIdx, rowStride);
                } else if (mc - ir >= 2 * MR) {
                    MicroKernel.tile16x1(kc, aPack, aIdx, aIdx + MR * kc, 1, MR, bPack, bIdx, c, cIdx, rowStride);
                    ir += MR; // two panels done
                } else {
                    MicroKernel.tile8x1(kc, aPack, aIdx, 1, MR, bPack, bIdx, c, cIdx, rowStride);
                }
                ir += MR;
            }
        }
    }

    /**
     * For N = L or 2L (e.g. a 4x4 or 4x8 output image): C rows [iFrom, iTo) += op(A)[.., pc..pc+kc) times
     * the packed B panel, with the narrow kernels reading A in place. Each element of A is used only N
     * times here, so packing it would cost more than the multiply. Leftover rows (fewer than MR) are
     * packed and go through the scratch tile. Modified: c, aPack, tile.
     */
    private static void multiplyDirectA(boolean transA, int m, int k, float[] a, int aOff, int iFrom, int iTo,
                                        int pc, int kc, float[] bPack, float[] aPack, float[] tile,
                                        float[] c, int cBase, int ldc, int width) {
        int rs = transA ? 1 : k; // distance between rows of op(A)
        int ps = transA ? m : 1; // distance between steps
        int full = iFrom + (iTo - iFrom) / MR * MR;
        int i = iFrom;
        while (i < full) {
            int aIdx = aOff + (transA ? pc * m + i : i * k + pc);
            int cIdx = cBase + i * ldc;
            if (width == 2 * L) {
                MicroKernel.tile8x2(kc, a, aIdx, rs, ps, bPack, 0, c, cIdx, ldc);
                i += MR;
            } else if (full - i >= 2 * MR) {
                MicroKernel.tile16x1(kc, a, aIdx, aIdx + MR * rs, rs, ps, bPack, 0, c, cIdx, ldc);
                i += 2 * MR;
            } else {
                MicroKernel.tile8x1(kc, a, aIdx, rs, ps, bPack, 0, c, cIdx, ldc);
                i += MR;
            }
        }
        if (full < iTo) {
            GemmPacking.packA(transA, m, k, a, aOff, full, iTo - full, pc, kc, aPack, 0);
            MicroKernel.edgeTile(kc, aPack, 0, bPack, 0, tile, iTo - full, width, c, cBase + full * ldc, ldc, 1);
        }
    }

    private static void zero(float[] c, int cOff, int rowStride, int colStride, int i0, int i1, int j0, int j1) {
        if (colStride == 1) {
            for (int i = i0; i < i1; i++) Arrays.fill(c, cOff + i * rowStride + j0, cOff + i * rowStride + j1, 0f);
        } else {
            for (int i = i0; i < i1; i++) {
                for (int j = j0; j < j1; j++) c[cOff + i * rowStride + j * colStride] = 0f;
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
