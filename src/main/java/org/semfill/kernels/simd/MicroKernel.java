package org.semfill.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked heart of the SGEMM: an MR x NR tile of C (MR = 8 rows, NR = 3 vectors) kept in
 * 24 FloatVector accumulators while it walks kc steps of packed A and packed B, one FMA per accumulator
 * per step (the Goto/BLIS micro-kernel; Goto and van de Geijn 2008, "Anatomy of high-performance matrix
 * multiplication"). With 512-bit vectors that is 24 accumulators + 3 B vectors + 1 broadcast A value =
 * 28 of the 32 zmm registers, so nothing spills.
 *
 * <p>Packed layouts (see {@link GemmPacking}): the A micro-panel holds, for each step p, the MR values
 * op(A)[i0 .. i0+MR, p] next to each other: {@code ap[aIdx + p*MR + r]}. The B micro-panel holds, for each
 * step p, the NR values op(B)[p, j0 .. j0+NR]: {@code bp[bIdx + p*NR + j]}. Both are zero-padded, so the
 * kernel always computes a full tile; a partial tile goes through a small buffer ({@link #edgeTile}).
 *
 * <p>Each C entry is computed the same way wherever its tile lies: one fma chain over p in order,
 * starting from the current value of C (the driver zeroes C first when it does not accumulate). So the
 * result does not depend on the tiling, on the K blocking, or on how the work is split over threads.
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector (16 with AVX-512). */
    static final int L = S.length();
    /** Rows of a tile. */
    static final int MR = 8;
    /** Columns of a tile: three vectors. */
    static final int NR = 3 * L;

    private MicroKernel() {}

    /**
     * C[r, j] += sum_p ap[aIdx + p*MR + r] * bp[bIdx + p*NR + j] for r < MR, j < NR, where C[r, j] is
     * c[cIdx + r*ldc + j]: the tile is loaded into the accumulators, updated by one fma chain per entry,
     * and stored back (no helper calls, so C2 keeps all 24 vectors in registers). Modified: c.
     */
    static void fullTile(int kc, float[] ap, int aIdx, float[] bp, int bIdx, float[] c, int cIdx, int ldc) {
        int i0 = cIdx;
        int i1 = cIdx + ldc;
        int i2 = cIdx + 2 * ldc;
        int i3 = cIdx + 3 * ldc;
        int i4 = cIdx + 4 * ldc;
        int i5 = cIdx + 5 * ldc;
        int i6 = cIdx + 6 * ldc;
        int i7 = cIdx + 7 * ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, i0), c01 = FloatVector.fromArray(S, c, i0 + L),
                c02 = FloatVector.fromArray(S, c, i0 + 2 * L);
        FloatVector c10 = FloatVector.fromArray(S, c, i1), c11 = FloatVector.fromArray(S, c, i1 + L),
                c12 = FloatVector.fromArray(S, c, i1 + 2 * L);
        FloatVector c20 = FloatVector.fromArray(S, c, i2), c21 = FloatVector.fromArray(S, c, i2 + L),
                c22 = FloatVector.fromArray(S, c, i2 + 2 * L);
        FloatVector c30 = FloatVector.fromArray(S, c, i3), c31 = FloatVector.fromArray(S, c, i3 + L),
                c32 = FloatVector.fromArray(S, c, i3 + 2 * L);
        FloatVector c40 = FloatVector.fromArray(S, c, i4), c41 = FloatVector.fromArray(S, c, i4 + L),
                c42 = FloatVector.fromArray(S, c, i4 + 2 * L);
        FloatVector c50 = FloatVector.fromArray(S, c, i5), c51 = FloatVector.fromArray(S, c, i5 + L),
                c52 = FloatVector.fromArray(S, c, i5 + 2 * L);
        FloatVector c60 = FloatVector.fromArray(S, c, i6), c61 = FloatVector.fromArray(S, c, i6 + L),
                c62 = FloatVector.fromArray(S, c, i6 + 2 * L);
        FloatVector c70 = FloatVector.fromArray(S, c, i7), c71 = FloatVector.fromArray(S, c, i7 + L),
                c72 = FloatVector.fromArray(S, c, i7 + 2 * L);
        int ai = aIdx;
        int bi = bIdx;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
            FloatVector a = FloatVector.broadcast(S, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            c42 = a.fma(b2, c42);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            c52 = a.fma(b2, c52);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            c62 = a.fma(b2, c62);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            c72 = a.fma(b2, c72);
        }
        c00.intoArray(c, i0);
        c01.intoArray(c, i0 + L);
        c02.intoArray(c, i0 + 2 * L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c12.intoArray(c, i1 + 2 * L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c22.intoArray(c, i2 + 2 * L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c32.intoArray(c, i3 + 2 * L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
        c42.intoArray(c, i4 + 2 * L);
        c50.intoArray(c, i5);
        c51.intoArray(c, i5 + L);
        c52.intoArray(c, i5 + 2 * L);
        c60.intoArray(c, i6);
        c61.intoArray(c, i6 + L);
        c62.intoArray(c, i6 + 2 * L);
        c70.intoArray(c, i7);
        c71.intoArray(c, i7 + L);
        c72.intoArray(c, i7 + 2 * L);
    }

    /**
     * As {@link #fullTile} for a tile two vectors wide (8 x 2L, 16 accumulators), reading A through
     * strides: op(A)[r, p] = a[aIdx + r*rs + p*ps] (a packed micro-panel is rs = 1, ps = MR; an unpacked
     * A is rs = K, ps = 1, or rs = 1, ps = M when transposed). B steps are NR apart.
     */
    static void tile8x2(int kc, float[] a, int aIdx, int rs, int ps, float[] bp, int bIdx,
                        float[] c, int cIdx, int ldc) {
        int i0 = cIdx;
        int i1 = cIdx + ldc;
        int i2 = cIdx + 2 * ldc;
        int i3 = cIdx + 3 * ldc;
        int i4 = cIdx + 4 * ldc;
        int i5 = cIdx + 5 * ldc;
        int i6 = cIdx + 6 * ldc;
        int i7 = cIdx + 7 * ldc;
        int o2 = 2 * rs, o3 = 3 * rs, o4 = 4 * rs, o5 = 5 * rs, o6 = 6 * rs, o7 = 7 * rs;
        FloatVector c00 = FloatVector.fromArray(S, c, i0), c01 = FloatVector.fromArray(S, c, i0 + L);
        FloatVector c10 = FloatVector.fromArray(S, c, i1), c11 = FloatVector.fromArray(S, c, i1 + L);
        FloatVector c20 = FloatVector.fromArray(S, c, i2), c21 = FloatVector.fromArray(S, c, i2 + L);
        FloatVector c30 = FloatVector.fromArray(S, c, i3), c31 = FloatVector.fromArray(S, c, i3 + L);
        FloatVector c40 = FloatVector.fromArray(S, c, i4), c41 = FloatVector.fromArray(S, c, i4 + L);
        FloatVector c50 = FloatVector.fromArray(S, c, i5), c51 = FloatVector.fromArray(S, c, i5 + L);
        FloatVector c60 = FloatVector.fromArray(S, c, i6), c61 = FloatVector.fromArray(S, c, i6 + L);
        FloatVector c70 = FloatVector.fromArray(S, c, i7), c71 = FloatVector.fromArray(S, c, i7 + L);
        for (int p = 0, ai = aIdx, bi = bIdx; p < kc; p++, ai += ps, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ai + rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ai + o6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ai + o7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, i0);
        c01.intoArray(c, i0 + L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
        c50.intoArray(c, i5);
        c51.intoArray(c, i5 + L);
        c60.intoArray(c, i6);
        c61.intoArray(c, i6 + L);
        c70.intoArray(c, i7);
        c71.intoArray(c, i7 + L);
    }

    /**
     * As {@link #tile8x2} for a tile one vector wide and 16 rows tall (16 accumulators): rows 0-7 start
     * at aIdx, rows 8-15 at aIdx2 (the next packed micro-panel, or 8 rows further in an unpacked A).
     */
    static void tile16x1(int kc, float[] a, int aIdx, int aIdx2, int rs, int ps, float[] bp, int bIdx,
                         float[] c, int cIdx, int ldc) {
        int i0 = cIdx;
        int i1 = cIdx + ldc;
        int i2 = cIdx + 2 * ldc;
        int i3 = cIdx + 3 * ldc;
        int i4 = cIdx + 4 * ldc;
        int i5 = cIdx + 5 * ldc;
        int i6 = cIdx + 6 * ldc;
        int i7 = cIdx + 7 * ldc;
        int i8 = cIdx + 8 * ldc;
        int i9 = cIdx + 9 * ldc;
        int i10 = cIdx + 10 * ldc;
        int i11 = cIdx + 11 * ldc;
        int i12 = cIdx + 12 * ldc;
        int i13 = cIdx + 13 * ldc;
        int i14 = cIdx + 14 * ldc;
        int i15 = cIdx + 15 * ldc;
        int o2 = 2 * rs, o3 = 3 * rs, o4 = 4 * rs, o5 = 5 * rs, o6 = 6 * rs, o7 = 7 * rs;
        FloatVector c00 = FloatVector.fromArray(S, c, i0);
        FloatVector c10 = FloatVector.fromArray(S, c, i1);
        FloatVector c20 = FloatVector.fromArray(S, c, i2);
        FloatVector c30 = FloatVector.fromArray(S, c, i3);
        FloatVector c40 = FloatVector.fromArray(S, c, i4);
        FloatVector c50 = FloatVector.fromArray(S, c, i5);
        FloatVector c60 = FloatVector.fromArray(S, c, i6);
        FloatVector c70 = FloatVector.fromArray(S, c, i7);
        FloatVector c80 = FloatVector.fromArray(S, c, i8);
        FloatVector c90 = FloatVector.fromArray(S, c, i9);
        FloatVector c100 = FloatVector.fromArray(S, c, i10);
        FloatVector c110 = FloatVector.fromArray(S, c, i11);
        FloatVector c120 = FloatVector.fromArray(S, c, i12);
        FloatVector c130 = FloatVector.fromArray(S, c, i13);
        FloatVector c140 = FloatVector.fromArray(S, c, i14);
        FloatVector c150 = FloatVector.fromArray(S, c, i15);
        for (int p = 0, ai = aIdx, ai2 = aIdx2, bi = bIdx; p < kc; p++, ai += ps, ai2 += ps, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, a[ai + rs]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(S, a[ai + o6]);
            c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(S, a[ai + o7]);
            c70 = x.fma(b0, c70);
            x = FloatVector.broadcast(S, a[ai2]);
            c80 = x.fma(b0, c80);
            x = FloatVector.broadcast(S, a[ai2 + rs]);
            c90 = x.fma(b0, c90);
            x = FloatVector.broadcast(S, a[ai2 + o2]);
            c100 = x.fma(b0, c100);
            x = FloatVector.broadcast(S, a[ai2 + o3]);
            c110 = x.fma(b0, c110);
            x = FloatVector.broadcast(S, a[ai2 + o4]);
            c120 = x.fma(b0, c120);
            x = FloatVector.broadcast(S, a[ai2 + o5]);
            c130 = x.fma(b0, c130);
            x = FloatVector.broadcast(S, a[ai2 + o6]);
            c140 = x.fma(b0, c140);
            x = FloatVector.broadcast(S, a[ai2 + o7]);
            c150 = x.fma(b0, c150);
        }
        c00.intoArray(c, i0);
        c10.intoArray(c, i1);
        c20.intoArray(c, i2);
        c30.intoArray(c, i3);
        c40.intoArray(c, i4);
        c50.intoArray(c, i5);
        c60.intoArray(c, i6);
        c70.intoArray(c, i7);
        c80.intoArray(c, i8);
        c90.intoArray(c, i9);
        c100.intoArray(c, i10);
        c110.intoArray(c, i11);
        c120.intoArray(c, i12);
        c130.intoArray(c, i13);
        c140.intoArray(c, i14);
        c150.intoArray(c, i15);
    }

    /** As {@link #tile8x2} for a tile one vector wide (8 x L, 8 accumulators). */
    static void tile8x1(int kc, float[] a, int aIdx, int rs, int ps, float[] bp, int bIdx,
                        float[] c, int cIdx, int ldc) {
        int i0 = cIdx;
        int i1 = cIdx + ldc;
        int i2 = cIdx + 2 * ldc;
        int i3 = cIdx + 3 * ldc;
        int i4 = cIdx + 4 * ldc;
        int i5 = cIdx + 5 * ldc;
        int i6 = cIdx + 6 * ldc;
        int i7 = cIdx + 7 * ldc;
        int o2 = 2 * rs, o3 = 3 * rs, o4 = 4 * rs, o5 = 5 * rs, o6 = 6 * rs, o7 = 7 * rs;
        FloatVector c00 = FloatVector.fromArray(S, c, i0);
        FloatVector c10 = FloatVector.fromArray(S, c, i1);
        FloatVector c20 = FloatVector.fromArray(S, c, i2);
        FloatVector c30 = FloatVector.fromArray(S, c, i3);
        FloatVector c40 = FloatVector.fromArray(S, c, i4);
        FloatVector c50 = FloatVector.fromArray(S, c, i5);
        FloatVector c60 = FloatVector.fromArray(S, c, i6);
        FloatVector c70 = FloatVector.fromArray(S, c, i7);
        for (int p = 0, ai = aIdx, bi = bIdx; p < kc; p++, ai += ps, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, a[ai + rs]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(S, a[ai + o6]);
            c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(S, a[ai + o7]);
            c70 = x.fma(b0, c70);
        }
        c00.intoArray(c, i0);
        c10.intoArray(c, i1);
        c20.intoArray(c, i2);
        c30.intoArray(c, i3);
        c40.intoArray(c, i4);
        c50.intoArray(c, i5);
        c60.intoArray(c, i6);
        c70.intoArray(c, i7);
    }

    /**
     * A partial tile (mr <= MR rows, nr <= NR columns) or one whose C columns are not contiguous: the
     * valid part of C, whose entry (r, j) is c[cIdx + r*rowStride + j*colStride], is copied into the
     * zero-padded scratch {@code tile} (MR x NR), updated by the narrowest kernel that covers nr columns
     * and copied back.
     * Modified: c, tile.
     */
    static void edgeTile(int kc, float[] ap, int aIdx, float[] bp, int bIdx, float[] tile,
                         int mr, int nr, float[] c, int cIdx, int rowStride, int colStride) {
        java.util.Arrays.fill(tile, 0f);
        for (int r = 0; r < mr; r++) {
            int ci = cIdx + r * rowStride;
            for (int j = 0, t = r * NR; j < nr; j++, t++, ci += colStride) tile[t] = c[ci];
        }
        if (nr <= L) {
            tile8x1(kc, ap, aIdx, 1, MR, bp, bIdx, tile, 0, NR); // the narrowest kernel that covers nr
        } else if (nr <= 2 * L) {
            tile8x2(kc, ap, aIdx, 1, MR, bp, bIdx, tile, 0, NR);
        } else {
            fullTile(kc, ap, aIdx, bp, bIdx, tile, 0, NR);
        }
        for (int r = 0; r < mr; r++) {
            int ci = cIdx + r * rowStride;
            for (int j = 0, t = r * NR; j < nr; j++, t++, ci += colStride) c[ci] = tile[t];
        }
    }
}
