package org.semfill.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.semfill.kernels.Assign;
import org.semfill.kernels.FloatMath;
import org.semfill.kernels.Parallel;
import org.semfill.kernels.PreparedA;
import org.semfill.kernels.ScalarKernels;
import org.semfill.kernels.Transpose;

/**
 * Vector API kernels. Extends the scalar reference and overrides the hot kernels, so anything not
 * overridden is, by construction, the reference. GEMM lives in {@link VectorGemm}, im2col/col2im in
 * {@link PatchCopy}; this file holds the streaming kernels.
 *
 * <p>Every result has the reference's bits (the order of operations in {@link org.semfill.kernels.Kernels}), on
 * any vector width. Every streaming loop has the same shape: whole vectors up to {@code S.loopBound(n)}, then
 * the reference's formula for the tail, which is the vector body's formula element by element. tanh and sigmoid
 * are {@link VectorMath}'s (the vector library's TANH and EXP give other last bits in interpreted and compiled
 * code, and may differ between JDKs). Batch norm's per-channel sums keep the reference's
 * {@link org.semfill.kernels.Kernels#SUM_LANES} float lanes per channel as one, two or four vectors.
 * The activations and Adam run the reference's arithmetic split over the worker threads when long.
 *
 * <p>Not overridden, because measurement showed no gain (JDK 17 and 25, 2^16 floats): add, mul, scale,
 * tanhBackward, sigmoidBackward, normalize and normalizeBackward. Their reference loops index every
 * array with the same i, so C2 vectorises them by itself, as fast as Vector API code
 * (docs/performance.md). The overridden ones are 5-90x faster than the reference loops.
 *
 * <p>Dimension legend: n element count; off offset of the first element.
 */
public class VectorKernels extends ScalarKernels {
    /** The system property that overrides the vector width (tests only: results never depend on it). */
    public static final String BITS_PROPERTY = "semfill.vectorBits";

    /**
     * The float vectors in use: the JVM's preferred width, or the width in bits that the system property
     * {@value #BITS_PROPERTY} names (128, 256 or 512: for tests that show the bits do not depend on it).
     */
    static final VectorSpecies<Float> S = species(System.getProperty(BITS_PROPERTY));

    private static VectorSpecies<Float> species(String bits) {
        if (bits == null) return FloatVector.SPECIES_PREFERRED;
        return switch (bits) {
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException(BITS_PROPERTY + " must be 128, 256 or 512, got '" + bits + "'");
        };
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String describe() {
        return "FloatVector " + S.vectorBitSize() + "-bit (" + S.length() + " lanes)";
    }

    @Override
    public void gemm(Transpose t, int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                     Assign assign) {
        VectorGemm.gemm(t.a(), t.b(), m, n, k, a, aOff, b, bOff, c, cOff, assign == Assign.ADD);
    }

    @Override
    public void gemmParallel(Transpose t, int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                             Assign assign) {
        VectorGemm.gemmParallel(t.a(), t.b(), m, n, k, a, aOff, b, bOff, c, cOff, assign == Assign.ADD);
    }

    @Override
    public PreparedA prepareA(boolean transA, int m, int k, float[] a, int aOff) {
        return new PreparedA(transA, m, k, a, aOff, m > 0 && k > 0 ? VectorGemm.packWholeA(transA, m, k, a, aOff) : null);
    }

    @Override
    public PreparedA repack(PreparedA a) {
        if (a.packed() != null) VectorGemm.packWholeA(a.trans(), a.rows(), a.depth(), a.data(), a.offset(), a.packed());
        return a;
    }

    @Override
    public void gemm(PreparedA a, int n, float[] b, int bOff, float[] c, int cOff) {
        VectorGemm.gemmPrepared(a.trans(), a.rows(), a.depth(), a.data(), a.offset(), a.packed(), n, b, bOff, c, cOff);
    }

    @Override
    public void gemmPatches(PreparedA a, float[] x, int from, int to, int c, int h, int w, int k, int stride, int pad,
                            int oh, int ow, float[] scratch, float[] out) {
        int cols = (to - from) * oh * ow;
        if (a.packed() == null || !PhasePlaneUnfold.packsPanels(h, w, k, stride, pad)
                || !VectorGemm.usesPreparedPanels(a.rows(), cols)) {
            super.gemmPatches(a, x, from, to, c, h, w, k, stride, pad, oh, ow, scratch, out);
            return;
        }
        VectorGemm.multiplyPrepared(a.rows(), a.depth(), a.packed(), cols, PhasePlaneUnfold.panels(x, from, to, c, h, w, k, pad),
                out, 0);
    }

    @Override
    public void tileTransform(int rowsOut, int rowsIn, float[] left, int colsIn, int colsOut, float[] right,
                              float[] in, int inOff, int inRowStride, int inStride, float[] out, int outOff, int outStride, int n) {
        WinogradTransform.apply(rowsOut, rowsIn, left, colsIn, colsOut, right, in, inOff, inRowStride, inStride, out, outOff,
                outStride, n);
    }

    @Override
    public void gatherLanes(float[] src, int base, int[] index, boolean[] zero, int off, float[] dst, int dstOff, int n) {
        WinogradTransform.gather(src, base, index, zero, off, dst, dstOff, n);
    }

    @Override
    public void im2col(float[] x, int xOff, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                       float[] col, int colOff, int ld) {
        PatchCopy.im2col(x, xOff, c, h, w, k, stride, pad, oh, ow, col, colOff, ld);
    }

    @Override
    public void col2im(float[] col, int colOff, int ld, int c, int h, int w, int k, int stride, int pad,
                       int oh, int ow, float[] x, int xOff) {
        PatchCopy.col2im(col, colOff, ld, c, h, w, k, stride, pad, oh, ow, x, xOff);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        int bound = S.loopBound(n);
        FloatVector va = FloatVector.broadcast(S, alpha);
        for (; i < bound; i += S.length()) {
            FloatVector vx = FloatVector.fromArray(S, x, xOff + i);
            FloatVector vy = FloatVector.fromArray(S, y, yOff + i);
            vx.fma(va, vy).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }

    /*
     * The batch-norm reductions keep the reference's SUM_LANES float lanes per channel in a small per-thread table
     * (C x 16 floats, in L1): lanes [v, v + L) of a channel are one vector, which adds the plane's elements
     * v, v + 16, v + 32, ... (L = 16: one vector does all; L = 8: two; L = 4: four). Walking one channel
     * across the batch instead (planes C H W floats apart) is 5-10x slower: for 4x4 and 8x8 maps every plane is a
     * cache line or two far from the last, and the loads wait on the cache.
     */

    private static final int LANES = SUM_LANES;
    /** Whether the vectors tile the 16 lanes (every x86 width); if not, the reference runs. */
    private static final boolean TILES_LANES = LANES % S.length() == 0;

    private static final ThreadLocal<float[][]> LANE_ROWS = ThreadLocal.withInitial(() -> new float[2][0]);

    private static float[] laneRows(int which, int c) {
        float[][] t = LANE_ROWS.get();
        if (t[which].length < c * LANES) t[which] = new float[c * LANES];
        java.util.Arrays.fill(t[which], 0, c * LANES, 0f);
        return t[which];
    }

    @Override
    public void channelSums(float[] x, int from, int to, int c, int hw, double[] sums) {
        if (!TILES_LANES) {
            super.channelSums(x, from, to, c, hw, sums);
            return;
        }
        int l = S.length(), bound = hw - hw % LANES;
        float[] rows = laneRows(0, c);
        double[] tails = new double[c];
        for (int n = from; n < to; n++) {
            for (int ch = 0; ch < c; ch++) {
                int start = (n * c + ch) * hw;
                for (int v = 0; v < LANES && bound > 0; v += l) {
                    FloatVector acc = FloatVector.fromArray(S, rows, ch * LANES + v);
                    for (int i = v; i < bound; i += LANES) acc = acc.add(FloatVector.fromArray(S, x, start + i));
                    acc.intoArray(rows, ch * LANES + v);
                }
                for (int i = bound; i < hw; i++) tails[ch] += x[start + i];
            }
        }
        addLanes(rows, c, tails, sums);
    }

    @Override
    public void channelSquaredDeviations(float[] x, int from, int to, int c, int hw, float[] mean, double[] sums) {
        if (!TILES_LANES) {
            super.channelSquaredDeviations(x, from, to, c, hw, mean, sums);
            return;
        }
        int l = S.length(), bound = hw - hw % LANES;
        float[] rows = laneRows(0, c);
        double[] tails = new double[c];
        for (int n = from; n < to; n++) {
            for (int ch = 0; ch < c; ch++) {
                int start = (n * c + ch) * hw;
                float mu = mean[ch];
                for (int v = 0; v < LANES && bound > 0; v += l) {
                    FloatVector acc = FloatVector.fromArray(S, rows, ch * LANES + v);
                    for (int i = v; i < bound; i += LANES) {
                        FloatVector d = FloatVector.fromArray(S, x, start + i).sub(mu);
                        acc = d.fma(d, acc);
                    }
                    acc.intoArray(rows, ch * LANES + v);
                }
                for (int i = bound; i < hw; i++) {
                    double d = x[start + i] - mu;
                    tails[ch] += d * d;
                }
            }
        }
        addLanes(rows, c, tails, sums);
    }

    @Override
    public void channelSumsAndDots(float[] dy, float[] y, float slope, float[] x, int from, int to, int c, int hw,
                                   double[] sumDy, double[] sumDyX) {
        if (!TILES_LANES) {
            super.channelSumsAndDots(dy, y, slope, x, from, to, c, hw, sumDy, sumDyX);
            return;
        }
        int l = S.length(), bound = hw - hw % LANES;
        float[] rowsDy = laneRows(0, c), rowsDot = laneRows(1, c);
        double[] tailDy = new double[c], tailDot = new double[c];
        for (int n = from; n < to; n++) {
            for (int ch = 0; ch < c; ch++) {
                int start = (n * c + ch) * hw;
                for (int v = 0; v < LANES && bound > 0; v += l) {
                    FloatVector accDy = FloatVector.fromArray(S, rowsDy, ch * LANES + v);
                    FloatVector accDot = FloatVector.fromArray(S, rowsDot, ch * LANES + v);
                    for (int i = v; i < bound; i += LANES) {
                        FloatVector g = throughLeakyRelu(dy, y, slope, start + i);
                        accDy = accDy.add(g);
                        accDot = g.fma(FloatVector.fromArray(S, x, start + i), accDot);
                    }
                    accDy.intoArray(rowsDy, ch * LANES + v);
                    accDot.intoArray(rowsDot, ch * LANES + v);
                }
                for (int i = bound; i < hw; i++) {
                    float g = slope == 1f || y[start + i] > 0 ? dy[start + i] : slope * dy[start + i];
                    tailDy[ch] += g;
                    tailDot[ch] += (double) g * x[start + i];
                }
            }
        }
        addLanes(rowsDy, c, tailDy, sumDy);
        addLanes(rowsDot, c, tailDot, sumDyX);
    }

    /** dy[i ..] passed back through the leaky ReLU that produced y: dy where y > 0, else slope dy (slope 1: dy). */
    private static FloatVector throughLeakyRelu(float[] dy, float[] y, float slope, int i) {
        FloatVector g = FloatVector.fromArray(S, dy, i);
        if (slope == 1f) return g;
        return g.mul(slope).blend(g, FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f));
    }

    /**
     * Batch norm and a leaky ReLU in one pass (with slope 1, plain batch norm): the reference's operations in
     * vectors, because C2 does not vectorise the reference loop with the activation's ?: by itself.
     */
    @Override
    public void normalize(float[] x, int from, int to, int c, int hw, float[] mean, float[] invStd, float[] gamma,
                          float[] beta, float slope, float[] out) {
        int bound = S.loopBound(hw);
        for (int n = from; n < to; n++) {
            for (int ch = 0; ch < c; ch++) {
                int start = (n * c + ch) * hw, i = 0;
                float s = invStd[ch] * gamma[ch], mu = mean[ch], b = beta[ch];
                for (; i < bound; i += S.length()) {
                    FloatVector z = FloatVector.fromArray(S, x, start + i).sub(mu).mul(s).add(b);
                    z.mul(slope).blend(z, z.compare(VectorOperators.GT, 0f)).intoArray(out, start + i);
                }
                for (; i < hw; i++) {
                    float z = (x[start + i] - mu) * s + b;
                    out[start + i] = z > 0 ? z : slope * z;
                }
            }
        }
    }

    @Override
    public void normalizeBackward(float[] x, float[] dy, float[] y, float slope, int from, int to, int c, int hw,
                                  float[] mean, float[] invStd, float[] gamma, float[] meanDy, float[] meanDyXhat,
                                  float[] dx) {
        int bound = S.loopBound(hw);
        for (int n = from; n < to; n++) {
            for (int ch = 0; ch < c; ch++) {
                int start = (n * c + ch) * hw, i = 0;
                float s = gamma[ch] * invStd[ch], mu = mean[ch], is = invStd[ch], md = meanDy[ch], mdx = meanDyXhat[ch];
                for (; i < bound; i += S.length()) {
                    FloatVector g = throughLeakyRelu(dy, y, slope, start + i);
                    FloatVector xhat = FloatVector.fromArray(S, x, start + i).sub(mu).mul(is);
                    FloatVector d = g.sub(md).sub(xhat.mul(mdx)).mul(s);
                    FloatVector.fromArray(S, dx, start + i).add(d).intoArray(dx, start + i);
                }
                for (; i < hw; i++) {
                    float g = slope == 1f || y[start + i] > 0 ? dy[start + i] : slope * dy[start + i];
                    float xhat = (x[start + i] - mu) * is;
                    dx[start + i] += s * (g - md - xhat * mdx);
                }
            }
        }
    }

    /*
     * The activations are split over the worker threads when long (a whole batch's feature map): each element
     * is computed on its own, so the split cannot change a bit. Called from inside a slice they run on the
     * caller (Parallel's rule for nested calls).
     */

    /** Elementwise work this long or longer is split over the threads; shorter, the hand-off costs more. */
    private static final int PARALLEL_MIN = 1 << 15;

    private interface Range {
        void run(int from, int to);
    }

    private static void inParallel(int n, Range r) {
        if (n < PARALLEL_MIN) {
            r.run(0, n);
            return;
        }
        int l = S.length();
        Parallel.forSlices((n + l - 1) / l, (slice, b0, b1) -> r.run(b0 * l, Math.min(n, b1 * l)));
    }

    @Override
    public void leakyRelu(int n, float slope, float[] x, float[] out) {
        inParallel(n, (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
                v.mul(slope).blend(v, positive).intoArray(out, i);
            }
            for (; i < to; i++) out[i] = x[i] > 0 ? x[i] : slope * x[i];
        });
    }

    @Override
    public void leakyReluBackward(int n, float slope, float[] x, float[] dy, float[] dx) {
        inParallel(n, (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
                VectorMask<Float> positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
                FloatVector g = FloatVector.fromArray(S, dy, i);
                FloatVector.fromArray(S, dx, i).add(g.mul(slope).blend(g, positive)).intoArray(dx, i);
            }
            for (; i < to; i++) dx[i] += x[i] > 0 ? dy[i] : slope * dy[i];
        });
    }

    /*
     * JDK 17's C2 leaves Math.signum in the reference loop a branch per element, and the contextual loss's signs are
     * random: 0.9 ms of a 17 ms config b search step, 10x JDK 25's. Here signum is two compares and two blends
     * (positive: 1, negative: -1, else x itself: the zeros of the hole and NaN), then the reference's multiply and add.
     */
    @Override
    public void absBackward(int n, float[] x, float[] dy, float[] dx) {
        FloatVector one = FloatVector.broadcast(S, 1f), minusOne = FloatVector.broadcast(S, -1f);
        inParallel(n, (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                FloatVector sign = v.blend(one, v.compare(VectorOperators.GT, 0f)).blend(minusOne, v.compare(VectorOperators.LT, 0f));
                FloatVector.fromArray(S, dx, i).add(FloatVector.fromArray(S, dy, i).mul(sign)).intoArray(dx, i);
            }
            for (; i < to; i++) dx[i] += dy[i] * Math.signum(x[i]);
        });
    }

    @Override
    public void tanh(int n, float[] x, float[] out) {
        inParallel(n, (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
                VectorMath.tanh(FloatVector.fromArray(S, x, i)).intoArray(out, i);
            }
            for (; i < to; i++) out[i] = FloatMath.tanh(x[i]);
        });
    }

    @Override
    public void sigmoid(int n, float[] x, float[] out) {
        inParallel(n, (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
                VectorMath.sigmoid(FloatVector.fromArray(S, x, i)).intoArray(out, i);
            }
            for (; i < to; i++) out[i] = FloatMath.sigmoid(x[i]);
        });
    }

    /** The reference loop (C2 vectorises it), split over the threads for the large weight tensors. */
    @Override
    public void adam(int n, float[] p, float[] g, float[] m, float[] v, float lr, float b1, float b2, float eps,
                     float bc1, float bc2) {
        inParallel(n, (from, to) -> adamRange(from, to, p, g, m, v, lr, b1, b2, eps, bc1, bc2));
    }

    /**
     * The peak loop on whole vectors: 12 independent accumulator chains of {@code S.length()} lanes. An FMA has a
     * latency of about 4 cycles and AVX-512 cores issue one or two vector FMAs a cycle (AMD Zen 4 splits a 512-bit
     * FMA into two 256-bit halves), so at least 8 chains are needed to keep every pipe busy; 12 accumulators and the
     * two constants still fit the 16 registers of AVX2.
     */
    @Override
    public float fmaLoop(long rounds) {
        FloatVector x = FloatVector.broadcast(S, 0.999f), y = FloatVector.broadcast(S, 0.001f);
        FloatVector a0 = FloatVector.broadcast(S, 0.0f), a1 = FloatVector.broadcast(S, 0.1f);
        FloatVector a2 = FloatVector.broadcast(S, 0.2f), a3 = FloatVector.broadcast(S, 0.3f);
        FloatVector a4 = FloatVector.broadcast(S, 0.4f), a5 = FloatVector.broadcast(S, 0.5f);
        FloatVector a6 = FloatVector.broadcast(S, 0.6f), a7 = FloatVector.broadcast(S, 0.7f);
        FloatVector a8 = FloatVector.broadcast(S, 0.8f), a9 = FloatVector.broadcast(S, 0.9f);
        FloatVector a10 = FloatVector.broadcast(S, 1.0f), a11 = FloatVector.broadcast(S, 1.1f);
        for (long r = 0; r < rounds; r++) {
            a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
            a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
            a8 = a8.fma(x, y); a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
        }
        FloatVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
        return sum.lane(0) + sum.lane(S.length() - 1);
    }

    @Override
    public long fmaFlopsPerRound() {
        return 2L * 12 * S.length();
    }
}
