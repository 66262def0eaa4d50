package org.semfill.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.semfill.kernels.ScalarKernels;

/**
 * Vector API kernels. Extends the scalar reference and overrides the hot kernels, so anything not
 * overridden is, by construction, the reference. GEMM lives in {@link VectorGemm}, im2col/col2im in
 * {@link PatchCopy}; this file holds the streaming kernels.
 *
 * <p>Every streaming loop has the same shape: whole vectors up to {@code S.loopBound(n)}, then the
 * scalar formula of the reference for the tail. leakyRelu and its backward use the same operations as
 * the reference, so they are bit-identical; axpy fuses its multiply-add; tanh and sigmoid stay scalar (NOTE: the
 * vector library's TANH and EXP give different last bits in interpreted and compiled code, which made runs
 * irreproducible; tanh goes through Math.exp instead of the slow Math.tanh); the reductions accumulate in double and add their lanes in a fixed order ({@link Lanes}), so
 * they differ from the reference only in summation order.
 *
 * <p>Not overridden, because measurement showed no gain (JDK 17 and 25, 2^16 floats): add, mul, scale,
 * tanhBackward, sigmoidBackward, normalize, normalizeBackward and adam. Their reference loops index every
 * array with the same i and no offset, so C2 vectorises them by itself, as fast as Vector API code
 * (docs/performance.md). The overridden ones are 5-90x faster than the reference loops.
 *
 * <p>Dimension legend: n element count; off offset of the first element.
 */
public class VectorKernels extends ScalarKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Doubles of the same bit width: a float vector converts into two of these. */
    static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String describe() {
        return "FloatVector " + S.vectorBitSize() + "-bit (" + S.length() + " lanes)";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        VectorGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void gemmParallel(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        VectorGemm.gemmParallel(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
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
        for (; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override
    public double sum(float[] x, int off, int n) {
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            acc0 = acc0.add(low(v));
            acc1 = acc1.add(high(v));
        }
        double s = Lanes.sum(acc0.add(acc1));
        for (; i < n; i++) s += x[off + i];
        return s;
    }

    @Override
    public double sumSquaredDeviations(float[] x, int off, int n, double mean) {
        DoubleVector vm = DoubleVector.broadcast(D, mean);
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            DoubleVector d0 = low(v).sub(vm);
            DoubleVector d1 = high(v).sub(vm);
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
        }
        double s = Lanes.sum(acc0.add(acc1));
        for (; i < n; i++) {
            double d = x[off + i] - mean;
            s += d * d;
        }
        return s;
    }

    @Override
    public double dot(int n, float[] a, int aOff, float[] b, int bOff) {
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector va = FloatVector.fromArray(S, a, aOff + i);
            FloatVector vb = FloatVector.fromArray(S, b, bOff + i);
            acc0 = low(va).fma(low(vb), acc0); // float products are exact in double
            acc1 = high(va).fma(high(vb), acc1);
        }
        double s = Lanes.sum(acc0.add(acc1));
        for (; i < n; i++) s += (double) a[aOff + i] * b[bOff + i];
        return s;
    }

    /** The lower half of the lanes of v, widened to double. */
    private static DoubleVector low(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
    }

    /** The upper half of the lanes of v, widened to double. */
    private static DoubleVector high(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
    }

    @Override
    public void leakyRelu(int n, float slope, float[] x, float[] out) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            v.mul(slope).blend(v, positive).intoArray(out, i);
        }
        for (; i < n; i++) out[i] = x[i] > 0 ? x[i] : slope * x[i];
    }

    @Override
    public void leakyReluBackward(int n, float slope, float[] x, float[] dy, float[] dx) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
            FloatVector g = FloatVector.fromArray(S, dy, i);
            FloatVector.fromArray(S, dx, i).add(g.mul(slope).blend(g, positive)).intoArray(dx, i);
        }
        for (; i < n; i++) dx[i] += x[i] > 0 ? dy[i] : slope * dy[i];
    }


    /**
     * tanh(x) = sign(x) (1 - e) / (1 + e) with e = exp(-2|x|), in double: Math.exp is one intrinsic shared by
     * interpreted and compiled code (so results never depend on JIT timing), and 5-10x faster than Math.tanh,
     * which on JDK 17 is StrictMath's (40 ns an element).
     */
    @Override
    public void tanh(int n, float[] x, float[] out) {
        for (int i = 0; i < n; i++) {
            double e = Math.exp(-2.0 * Math.abs(x[i]));
            out[i] = (float) Math.copySign((1 - e) / (1 + e), x[i]);
        }
    }
}
