package org.semfill.kernels.simd;

import static org.semfill.kernels.simd.VectorKernels.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * im2col and col2im without a bounds test per element. For one kernel column kx, the output columns ox
 * whose source pixel ix = ox*stride - pad + kx lies inside the image form one range [lo, hi) that is the
 * same for every output row; outside it the patch reads zero padding. So each output row is: zeros, one
 * strided copy (a plain {@link System#arraycopy} when stride = 1, {@link EvenFloatGather} vectors when
 * stride = 2), zeros. col2im walks the same ranges and adds (with whole vectors when stride = 1).
 *
 * <p>Dimension legend: C channels; H, W image height/width; k kernel size; OH, OW output height/width.
 * Results are bit-identical to {@link org.semfill.kernels.ScalarKernels}.
 */
final class PatchCopy {
    private PatchCopy() {}

    /** See {@link org.semfill.kernels.Kernels#im2col}: x (C, H, W) at xOff into a (C*k*k, OH*OW) block of col. */
    static void im2col(float[] x, int xOff, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                       float[] col, int colOff, int ld) {
        if (PhasePlaneUnfold.applies(h, w, k, stride, pad)) {
            PhasePlaneUnfold.im2col(x, xOff, c, h, w, k, pad, col, colOff, ld);
            return;
        }
        int row = 0;
        for (int ch = 0; ch < c; ch++) {
            int plane = xOff + ch * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, row++) {
                    int lo = firstInside(kx, stride, pad, ow);
                    int hi = Math.max(lo, endInside(kx, stride, pad, w, ow));
                    int dst = colOff + row * ld;
                    for (int oy = 0; oy < oh; oy++, dst += ow) {
                        int iy = oy * stride - pad + ky;
                        if (iy < 0 || iy >= h || lo == hi) {
                            Arrays.fill(col, dst, dst + ow, 0f);
                            continue;
                        }
                        int rowStart = plane + iy * w - pad + kx; // output ox reads x[rowStart + ox*stride]
                        if (stride == 1) {
                            System.arraycopy(x, rowStart + lo, col, dst + lo, hi - lo);
                        } else if (stride == 2) {
                            EvenFloatGather.gather(x, rowStart, col, dst, lo, hi, ow);
                        } else {
                            for (int ox = lo; ox < hi; ox++) col[dst + ox] = x[rowStart + ox * stride];
                        }
                        // Padding (also where a vector copy overshot): a few floats, a loop beats Arrays.fill.
                        for (int ox = 0; ox < lo; ox++) col[dst + ox] = 0f;
                        for (int ox = hi; ox < ow; ox++) col[dst + ox] = 0f;
                    }
                }
            }
        }
    }

    /** See {@link org.semfill.kernels.Kernels#col2im}: adds a (C*k*k, OH*OW) block of col onto x (C, H, W) at xOff. */
    static void col2im(float[] col, int colOff, int ld, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                       float[] x, int xOff) {
        if (PhasePlaneUnfold.applies(h, w, k, stride, pad)) {
            PhasePlaneUnfold.col2im(col, colOff, ld, c, h, w, k, pad, x, xOff);
            return;
        }
        int row = 0;
        for (int ch = 0; ch < c; ch++) {
            int plane = xOff + ch * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, row++) {
                    int lo = firstInside(kx, stride, pad, ow);
                    int hi = Math.max(lo, endInside(kx, stride, pad, w, ow));
                    int src = colOff + row * ld;
                    for (int oy = 0; oy < oh; oy++, src += ow) {
                        int iy = oy * stride - pad + ky;
                        if (iy < 0 || iy >= h) continue;
                        int rowStart = plane + iy * w - pad + kx; // output ox adds to x[rowStart + ox*stride]
                        if (stride == 1) {
                            addInto(hi - lo, col, src + lo, x, rowStart + lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) x[rowStart + ox * stride] += col[src + ox];
                        }
                    }
                }
            }
        }
    }

    /** The first ox in [0, ow] with ox*stride - pad + kx >= 0. */
    private static int firstInside(int kx, int stride, int pad, int ow) {
        int need = pad - kx; // ox*stride >= need
        return need <= 0 ? 0 : Math.min(ow, (need + stride - 1) / stride);
    }

    /** One past the last ox in [0, ow] with ox*stride - pad + kx < w (may be below firstInside). */
    private static int endInside(int kx, int stride, int pad, int w, int ow) {
        int limit = w - 1 + pad - kx; // ox*stride <= limit
        return limit < 0 ? 0 : Math.min(ow, limit / stride + 1);
    }

    /** y[yOff + i] += x[xOff + i] for i < n. */
    static void addInto(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += x[xOff + i];
    }
}
