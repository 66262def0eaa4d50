package org.semfill.kernels.simd;

import static org.semfill.kernels.simd.VectorKernels.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * im2col and col2im for stride 2 when the output is exactly half the input (k = 2 pad + 2, even H and W):
 * every downsampling DCGAN convolution (k 4, pad 1) and the backward of every upsampling one.
 *
 * <p>Why: split the image into its four phase planes p[py, px][a, b] = x[2a + py, 2b + px], each OH x OW.
 * Tap (ky, kx) of a patch reads x[2 oy + ky - pad, 2 ox + kx - pad], which is one phase plane shifted by
 * (ty, tx) = (floor((ky - pad) / 2), floor((kx - pad) / 2)) rows and columns. In row-major order a shifted
 * plane is one contiguous run shifted by ty OW + tx, so a whole row of the patch matrix is one
 * {@link System#arraycopy} (im2col) or one vector add (col2im) instead of OH strided gathers or scatters of
 * OW floats each (OW is only 4 to 16 in the small configs, too short for whole vectors).
 *
 * <p>Edges: the rows shifted outside the plane are zero (im2col) or skipped (col2im). The |tx| columns of
 * each row that a flat shift wraps into the neighbouring row are zeroed afterwards (im2col) or saved before
 * the add and put back after it (col2im). col2im starts from x's own values and adds the taps in the same
 * order as the scalar reference, so both kernels are bit-identical to {@link org.semfill.kernels.ScalarKernels}.
 *
 * <p>Dimension legend: C channels; H, W image size; OH = H/2, OW = W/2; k kernel size.
 */
final class Polyphase {
    private static final int L = S.length(), HALF = L / 2;
    /** Lane i takes lane 2i (the even floats), lane i takes lane 2i + 1 (the odd ones); upper lanes repeat. */
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(S, i -> (2 * i) % L);
    private static final VectorShuffle<Float> ODDS = VectorShuffle.fromOp(S, i -> (2 * i + 1) % L);
    /** Lane i takes lane i / 2: the first L/2 lanes spread over all L. */
    private static final VectorShuffle<Float> SPREAD = VectorShuffle.fromOp(S, i -> i / 2);
    private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(S, 0xAAAAAAAAAAAAAAAAL & ((1L << L) - 1));

    private Polyphase() {}

    /** Per-thread phase planes (C H W floats) and the saved wrap-around values of one col2im tap. */
    private static final class Work {
        float[] planes = new float[0];
        float[] saved = new float[0];
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    /** Whether this geometry takes the phase-plane path. */
    static boolean applies(int h, int w, int k, int stride, int pad) {
        return stride == 2 && k == 2 * pad + 2 && h % 2 == 0 && w % 2 == 0 && h > 0 && w > 0;
    }

    /** See {@link org.semfill.kernels.Kernels#im2col}, for a geometry where {@link #applies} holds. */
    static void im2col(float[] x, int xOff, int c, int h, int w, int k, int pad, float[] col, int colOff, int ld) {
        int oh = h / 2, ow = w / 2, hw = oh * ow;
        float[] p = planes(c * h * w);
        split(x, xOff, c, h, w, p);
        int row = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < k; ky++) {
                int py = Math.floorMod(ky - pad, 2), ty = Math.floorDiv(ky - pad, 2);
                int rowLo = clamp(-ty, oh), rowHi = clamp(oh - ty, oh);
                for (int kx = 0; kx < k; kx++, row++) {
                    int px = Math.floorMod(kx - pad, 2), tx = Math.floorDiv(kx - pad, 2);
                    int plane = ((py * 2 + px) * c + ch) * hw, shift = ty * ow + tx;
                    int dst = colOff + row * ld;
                    int start = rowLo * ow + Math.max(0, -tx), end = rowHi * ow - Math.max(0, tx);
                    if (rowLo >= rowHi || Math.abs(tx) >= ow || start >= end) {
                        Arrays.fill(col, dst, dst + hw, 0f);
                        continue;
                    }
                    // The rows outside: at most a row or two, where a plain loop beats Arrays.fill's call.
                    for (int i = dst; i < dst + start; i++) col[i] = 0f;
                    System.arraycopy(p, plane + start + shift, col, dst + start, end - start);
                    for (int i = dst + end; i < dst + hw; i++) col[i] = 0f;
                    for (int oy = rowLo; oy < rowHi; oy++) { // the columns that wrapped into the next or last row
                        int r = dst + oy * ow;
                        for (int ox = 0; ox < -tx; ox++) col[r + ox] = 0f;
                        for (int ox = ow - tx; ox < ow; ox++) col[r + ox] = 0f;
                    }
                }
            }
        }
    }

    /** See {@link org.semfill.kernels.Kernels#col2im}, for a geometry where {@link #applies} holds. */
    static void col2im(float[] col, int colOff, int ld, int c, int h, int w, int k, int pad, float[] x, int xOff) {
        int oh = h / 2, ow = w / 2, hw = oh * ow;
        Work work = WORK.get();
        float[] p = planes(c * h * w);
        if (work.saved.length < oh * ow) work.saved = new float[oh * ow];
        float[] saved = work.saved;
        split(x, xOff, c, h, w, p);
        int row = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < k; ky++) {
                int py = Math.floorMod(ky - pad, 2), ty = Math.floorDiv(ky - pad, 2);
                int rowLo = clamp(-ty, oh), rowHi = clamp(oh - ty, oh);
                for (int kx = 0; kx < k; kx++, row++) {
                    int px = Math.floorMod(kx - pad, 2), tx = Math.floorDiv(kx - pad, 2);
                    int plane = ((py * 2 + px) * c + ch) * hw, shift = ty * ow + tx;
                    int src = colOff + row * ld;
                    int start = rowLo * ow + Math.max(0, -tx), end = rowHi * ow - Math.max(0, tx);
                    if (rowLo >= rowHi || Math.abs(tx) >= ow || start >= end) continue;
                    // The wrapped columns are ox in [0, -tx) or [ow - tx, ow): keep their targets through the flat add.
                    int wrapFrom = tx < 0 ? 0 : ow - tx, wrapTo = tx < 0 ? -tx : ow;
                    int s = 0;
                    for (int oy = rowLo; oy < rowHi; oy++) {
                        for (int i = oy * ow + wrapFrom; i < oy * ow + wrapTo; i++) {
                            if (i >= start && i < end) saved[s++] = p[plane + i + shift];
                        }
                    }
                    PatchCopy.addInto(end - start, col, src + start, p, plane + start + shift);
                    s = 0;
                    for (int oy = rowLo; oy < rowHi; oy++) {
                        for (int i = oy * ow + wrapFrom; i < oy * ow + wrapTo; i++) {
                            if (i >= start && i < end) p[plane + i + shift] = saved[s++];
                        }
                    }
                }
            }
        }
        merge(p, c, h, w, x, xOff);
    }

    /**
     * p[((py*2 + px) C + ch) OH OW + a OW + b] = x[xOff + ch H W + (2a + py) W + 2b + px]. One input row
     * at a time: a vector of L floats holds L/2 pixels of each column phase; two single-vector shuffles
     * pull the evens and the odds into the lower lanes, and each is stored whole. The upper lanes land
     * on pixels written later (further along the same phase row, or the next row of the same phase plane),
     * so stores stay inside the plane; rows where that cannot hold (the last one or two) go pixel by pixel.
     */
    private static void split(float[] x, int xOff, int c, int h, int w, float[] p) {
        int oh = h / 2, ow = w / 2, hw = oh * ow;
        for (int ch = 0; ch < c; ch++) {
            for (int iy = 0; iy < h; iy++) {
                int a = iy >> 1, py = iy & 1;
                int evenPlane = (py * 2 * c + ch) * hw, oddPlane = ((py * 2 + 1) * c + ch) * hw;
                int even = evenPlane + a * ow, odd = oddPlane + a * ow;
                int src = xOff + ch * h * w + iy * w;
                int b = 0;
                for (; b < ow; b += HALF) {
                    if (src + 2 * b + L > x.length || even + b + L > evenPlane + hw || odd + b + L > oddPlane + hw) break;
                    FloatVector v = FloatVector.fromArray(S, x, src + 2 * b);
                    v.rearrange(EVENS).intoArray(p, even + b);
                    v.rearrange(ODDS).intoArray(p, odd + b);
                }
                for (; b < ow; b++) {
                    p[even + b] = x[src + 2 * b];
                    p[odd + b] = x[src + 2 * b + 1];
                }
            }
        }
    }

    /**
     * The inverse of {@link #split}: writes every pixel of x (C, H, W) at xOff from its phase plane, L/2
     * pixels of each column phase interleaved by two shuffles and a blend. A store that runs past the
     * row end lands on the next row, written afterwards; never past this image.
     */
    private static void merge(float[] p, int c, int h, int w, float[] x, int xOff) {
        int oh = h / 2, ow = w / 2, hw = oh * ow, end = xOff + c * h * w;
        for (int ch = 0; ch < c; ch++) {
            for (int iy = 0; iy < h; iy++) {
                int a = iy >> 1, py = iy & 1;
                int even = (py * 2 * c + ch) * hw + a * ow, odd = ((py * 2 + 1) * c + ch) * hw + a * ow;
                int dst = xOff + ch * h * w + iy * w;
                int b = 0;
                for (; b < ow; b += HALF) {
                    if (dst + 2 * b + L > end || even + b + L > p.length || odd + b + L > p.length) break;
                    FloatVector e = FloatVector.fromArray(S, p, even + b).rearrange(SPREAD);
                    FloatVector o = FloatVector.fromArray(S, p, odd + b).rearrange(SPREAD);
                    e.blend(o, ODD_LANES).intoArray(x, dst + 2 * b);
                }
                for (; b < ow; b++) {
                    x[dst + 2 * b] = p[even + b];
                    x[dst + 2 * b + 1] = p[odd + b];
                }
            }
        }
    }

    private static float[] planes(int n) {
        Work work = WORK.get();
        if (work.planes.length < n) work.planes = new float[n];
        return work.planes;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
