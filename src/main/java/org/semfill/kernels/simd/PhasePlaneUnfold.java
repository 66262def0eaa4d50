package org.semfill.kernels.simd;

import static org.semfill.kernels.simd.VectorKernels.S;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * im2col and col2im for stride 2 when the output is exactly half the input (k = 2 pad + 2, even H and W):
 * every downsampling DCGAN convolution (k 4, pad 1) and the backward of every upsampling one.
 *
 * <p>Why: split the image into its four phase planes p[py, px][a, b] = x[2a + py, 2b + px], each OH x OW.
 * Tap (ky, kx) of a patch reads x[2 oy + ky - pad, 2 ox + kx - pad], which is one phase plane shifted by
 * (ty, tx) = (floor((ky - pad) / 2), floor((kx - pad) / 2)) rows and columns. In row-major order a shifted
 * plane is the same plane read ty OW + tx floats further on, so a whole row of the patch matrix is a run of
 * whole-vector loads (im2col) or load-add-stores (col2im), instead of OH strided gathers or scatters of OW
 * floats each (OW is only 4 to 16 in the small configs, too short for whole vectors).
 *
 * <p>Edges: where a shifted read falls outside the plane (a row shifted out, or a column that the flat
 * shift wraps into the neighbouring row), a per-tap lane mask, computed once per geometry, selects zero
 * (im2col) or keeps the plane's value untouched (col2im). The planes sit between margins wide enough that a
 * shifted vector never leaves the array. col2im starts from x's own values and adds the taps in the same
 * order as the scalar reference, so both kernels are bit-identical to {@link org.semfill.kernels.ScalarKernels}.
 * Masks, not a System.arraycopy per tap with loops for the edges: for the 4x4 and 8x8 maps of the small configs
 * that per-tap overhead makes im2col cost 70 % and col2im 150 % of the GEMM they feed.
 *
 * <p>Dimension legend: C channels; H, W image size; OH = H/2, OW = W/2; k kernel size; T = k k taps.
 */
final class PhasePlaneUnfold {
    private static final int L = S.length();
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());

    private PhasePlaneUnfold() {}

    /** Whether this geometry takes the phase-plane path. */
    static boolean applies(int h, int w, int k, int stride, int pad) {
        return stride == 2 && k == 2 * pad + 2 && h % 2 == 0 && w % 2 == 0 && h > 0 && w > 0;
    }

    /**
     * What every call with the same (k, pad, OH, OW) shares: for tap t = ky k + kx, which phase plane it
     * reads, how far it is shifted, and valid[t OH OW + i] = 1 where output i reads inside the plane, else 0.
     * {@code margin} floats before and after the planes keep every shifted vector inside the array.
     */
    private record Geometry(int[] phase, int[] shift, float[] valid, int margin) {
        static Geometry of(int k, int pad, int oh, int ow) {
            int taps = k * k, hw = oh * ow, widest = 0;
            int[] phase = new int[taps], shift = new int[taps];
            float[] valid = new float[taps * hw];
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int t = ky * k + kx;
                    int py = Math.floorMod(ky - pad, 2), ty = Math.floorDiv(ky - pad, 2);
                    int px = Math.floorMod(kx - pad, 2), tx = Math.floorDiv(kx - pad, 2);
                    phase[t] = py * 2 + px;
                    shift[t] = ty * ow + tx;
                    widest = Math.max(widest, Math.abs(shift[t]));
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            boolean inside = oy + ty >= 0 && oy + ty < oh && ox + tx >= 0 && ox + tx < ow;
                            valid[t * hw + oy * ow + ox] = inside ? 1f : 0f;
                        }
                    }
                }
            }
            return new Geometry(phase, shift, valid, widest + L);
        }
    }

    private static final ConcurrentHashMap<Long, Geometry> GEOMETRIES = new ConcurrentHashMap<>();

    private static Geometry geometry(int k, int pad, int oh, int ow) {
        long key = ((long) k << 48) | ((long) pad << 32) | ((long) oh << 16) | ow;
        return GEOMETRIES.computeIfAbsent(key, unused -> Geometry.of(k, pad, oh, ow));
    }

    /** Per-thread phase planes: margin, 4 C OH OW floats, margin. */
    private static final ThreadLocal<float[][]> PLANES = ThreadLocal.withInitial(() -> new float[1][0]);

    private static float[] planes(int n) {
        float[][] t = PLANES.get();
        if (t[0].length < n) t[0] = new float[n];
        return t[0];
    }

    /** See {@link org.semfill.kernels.Kernels#im2col}, for a geometry where {@link #applies} holds. */
    static void im2col(float[] x, int xOff, int c, int h, int w, int k, int pad, float[] col, int colOff, int ld) {
        int oh = h / 2, ow = w / 2, hw = oh * ow, taps = k * k, bound = S.loopBound(hw);
        Geometry g = geometry(k, pad, oh, ow);
        float[] p = planes(2 * g.margin() + c * h * w);
        float[] valid = g.valid();
        split(x, xOff, c, h, w, p, g.margin());
        FloatVector zero = FloatVector.zero(S);
        for (int ch = 0; ch < c; ch++) {
            for (int t = 0; t < taps; t++) {
                int src = g.margin() + (g.phase()[t] * c + ch) * hw + g.shift()[t];
                int dst = colOff + (ch * taps + t) * ld, v = t * hw, i = 0;
                for (; i < bound; i += L) {
                    VectorMask<Float> inside = FloatVector.fromArray(S, valid, v + i).compare(VectorOperators.GT, 0f);
                    zero.blend(FloatVector.fromArray(S, p, src + i), inside).intoArray(col, dst + i);
                }
                for (; i < hw; i++) col[dst + i] = valid[v + i] > 0f ? p[src + i] : 0f;
            }
        }
    }

    /**
     * Whether {@link #panels} can serve this geometry: the phase-plane path, with OH OW a whole number of
     * vectors, so a vector of the patch matrix's columns never spans two images.
     */
    static boolean packsPanels(int h, int w, int k, int stride, int pad) {
        return applies(h, w, k, stride, pad) && (h / 2) * (w / 2) % L == 0;
    }

    /**
     * The patch matrix of images [from, to) of x as GEMM panels, never written out: each image is split into
     * its phase planes once (its own margins around them), and every L columns of a packed panel row are one
     * masked vector load from a plane, exactly the values {@link #im2col} would have written there (so the
     * product has the same bits). Unfolding, then packing the unfolded matrix, would move every patch value
     * twice more through the caches. The planes stay valid until this thread splits again.
     */
    static VectorGemm.PanelPacker panels(float[] x, int from, int to, int c, int h, int w, int k, int pad) {
        int oh = h / 2, ow = w / 2, hw = oh * ow, taps = k * k;
        Geometry g = geometry(k, pad, oh, ow);
        int perImage = 2 * g.margin() + c * h * w;
        float[] p = planes(perImage * (to - from));
        for (int i = from; i < to; i++) split(x, i * c * h * w, c, h, w, p, (i - from) * perImage + g.margin());
        float[] valid = g.valid();
        int nr = MicroKernel.NR;
        return (jc, nc, pc, kc, dst) -> {
            FloatVector zero = FloatVector.zero(S);
            for (int q = 0; q < nc; q += nr) {
                for (int pp = 0; pp < kc; pp++) {
                    int row = pc + pp, ch = row / taps, t = row % taps;
                    int src = g.margin() + (g.phase()[t] * c + ch) * hw + g.shift()[t], o = q * kc + pp * nr;
                    for (int v = 0; v < nr; v += L) {
                        if (q + v >= nc) {
                            zero.intoArray(dst, o + v);
                            continue;
                        }
                        int j = jc + q + v, image = j / hw, pixel = j - image * hw;
                        VectorMask<Float> inside = FloatVector.fromArray(S, valid, t * hw + pixel).compare(VectorOperators.GT, 0f);
                        zero.blend(FloatVector.fromArray(S, p, image * perImage + src + pixel), inside).intoArray(dst, o + v);
                    }
                }
            }
        };
    }

    /** See {@link org.semfill.kernels.Kernels#col2im}, for a geometry where {@link #applies} holds. */
    static void col2im(float[] col, int colOff, int ld, int c, int h, int w, int k, int pad, float[] x, int xOff) {
        int oh = h / 2, ow = w / 2, hw = oh * ow, taps = k * k, bound = S.loopBound(hw);
        Geometry g = geometry(k, pad, oh, ow);
        float[] p = planes(2 * g.margin() + c * h * w);
        float[] valid = g.valid();
        // A fresh gradient or output is all zeros: then the planes need no gathering, only zeroing.
        if (allZeroBits(x, xOff, c * h * w)) Arrays.fill(p, g.margin(), g.margin() + c * h * w, 0f);
        else split(x, xOff, c, h, w, p, g.margin());
        for (int ch = 0; ch < c; ch++) {
            for (int t = 0; t < taps; t++) {
                int dst = g.margin() + (g.phase()[t] * c + ch) * hw + g.shift()[t];
                int src = colOff + (ch * taps + t) * ld, v = t * hw, i = 0;
                for (; i < bound; i += L) {
                    VectorMask<Float> inside = FloatVector.fromArray(S, valid, v + i).compare(VectorOperators.GT, 0f);
                    FloatVector old = FloatVector.fromArray(S, p, dst + i);
                    old.blend(old.add(FloatVector.fromArray(S, col, src + i)), inside).intoArray(p, dst + i);
                }
                for (; i < hw; i++) if (valid[v + i] > 0f) p[dst + i] += col[src + i];
            }
        }
        merge(p, g.margin(), c, h, w, x, xOff);
    }

    /** Whether x[off .. off+n) are all +0.0 (bit for bit: a -0.0 must survive col2im as it is). */
    private static boolean allZeroBits(float[] x, int off, int n) {
        IntVector any = IntVector.zero(I);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) any = any.or(FloatVector.fromArray(S, x, off + i).reinterpretAsInts());
        if (!any.eq(0).allTrue()) return false;
        for (; i < n; i++) if (Float.floatToRawIntBits(x[off + i]) != 0) return false;
        return true;
    }

    /**
     * p[base + ((py*2 + px) C + ch) OH OW + a OW + b] = x[xOff + ch H W + (2a + py) W + 2b + px]: each phase
     * plane gathered with whole vectors through a map computed once per image size.
     */
    private static void split(float[] x, int xOff, int c, int h, int w, float[] p, int base) {
        int oh = h / 2, ow = w / 2, hw = oh * ow, bound = S.loopBound(hw);
        int[] map = splitMap(h, w);
        for (int ch = 0; ch < c; ch++) {
            int src = xOff + ch * h * w;
            for (int phase = 0; phase < 4; phase++) {
                int dst = base + (phase * c + ch) * hw, m = phase * hw, i = 0;
                for (; i < bound; i += L) FloatVector.fromArray(S, x, src, map, m + i).intoArray(p, dst + i);
                for (; i < hw; i++) p[dst + i] = x[src + map[m + i]];
            }
        }
    }

    private static final ConcurrentHashMap<Long, int[]> SPLIT_MAPS = new ConcurrentHashMap<>();

    /** map[phase OH OW + a OW + b] = the offset in a channel plane of phase (py, px) pixel (a, b). */
    private static int[] splitMap(int h, int w) {
        return SPLIT_MAPS.computeIfAbsent(((long) h << 32) | w, key -> {
            int oh = h / 2, ow = w / 2;
            int[] map = new int[4 * oh * ow];
            for (int phase = 0; phase < 4; phase++)
                for (int a = 0; a < oh; a++)
                    for (int b = 0; b < ow; b++) map[(phase * oh + a) * ow + b] = (2 * a + phase / 2) * w + 2 * b + phase % 2;
            return map;
        });
    }

    /** The inverse of {@link #split}: writes every pixel of x (C, H, W) at xOff from its phase plane (a gather). */
    private static void merge(float[] p, int base, int c, int h, int w, float[] x, int xOff) {
        int hw = h / 2 * (w / 2), size = h * w, bound = S.loopBound(size);
        int[] map = mergeMap(h, w, c);
        for (int ch = 0; ch < c; ch++) {
            int src = base + ch * hw, dst = xOff + ch * size, i = 0;
            for (; i < bound; i += L) FloatVector.fromArray(S, p, src, map, i).intoArray(x, dst + i);
            for (; i < size; i++) x[dst + i] = p[src + map[i]];
        }
    }

    private static final ConcurrentHashMap<Long, int[]> MERGE_MAPS = new ConcurrentHashMap<>();

    /** map[iy W + ix] = where pixel (iy, ix) of channel 0 sits among the phase planes of C channels. */
    private static int[] mergeMap(int h, int w, int c) {
        return MERGE_MAPS.computeIfAbsent(((long) h << 42) | ((long) w << 21) | c, key -> {
            int oh = h / 2, ow = w / 2;
            int[] map = new int[h * w];
            for (int iy = 0; iy < h; iy++)
                for (int ix = 0; ix < w; ix++) map[iy * w + ix] = ((iy % 2 * 2 + ix % 2) * c * oh + iy / 2) * ow + ix / 2;
            return map;
        });
    }
}
