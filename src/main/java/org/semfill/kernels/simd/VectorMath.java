package org.semfill.kernels.simd;

import static org.semfill.kernels.FloatMath.E2;
import static org.semfill.kernels.FloatMath.E3;
import static org.semfill.kernels.FloatMath.E4;
import static org.semfill.kernels.FloatMath.E5;
import static org.semfill.kernels.FloatMath.E6;
import static org.semfill.kernels.FloatMath.E7;
import static org.semfill.kernels.FloatMath.EXP_MAX;
import static org.semfill.kernels.FloatMath.EXP_MIN;
import static org.semfill.kernels.FloatMath.LN2_HI;
import static org.semfill.kernels.FloatMath.LN2_LO;
import static org.semfill.kernels.FloatMath.LOG2E;
import static org.semfill.kernels.FloatMath.ROUND;
import static org.semfill.kernels.FloatMath.T11;
import static org.semfill.kernels.FloatMath.T13;
import static org.semfill.kernels.FloatMath.T3;
import static org.semfill.kernels.FloatMath.T5;
import static org.semfill.kernels.FloatMath.T7;
import static org.semfill.kernels.FloatMath.T9;
import static org.semfill.kernels.FloatMath.TANH_SERIES;
import static org.semfill.kernels.simd.VectorKernels.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.semfill.kernels.FloatMath;

/**
 * {@link FloatMath}'s exp, tanh and sigmoid on whole vectors: the same operations in the same order, lane by
 * lane, so every lane has the bits the plain version gives (tested). Where the plain version branches, both
 * sides are computed and the lanes blended.
 */
final class VectorMath {
    private VectorMath() {}

    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

    /** {@link FloatMath#exp} of every lane. */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector t = c.mul(LOG2E).add(ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(v(-LN2_HI), c);
        r = n.fma(v(-LN2_LO), r);
        FloatVector p = r.fma(v(E7), v(E6)); // fma(E7, r, E6): the product commutes
        p = p.fma(r, v(E5));
        p = p.fma(r, v(E4));
        p = p.fma(r, v(E3));
        p = p.fma(r, v(E2));
        p = p.fma(r, v(1f));
        p = p.fma(r, v(1f));
        // t lies in [2^23, 2^24), where floats step by 1, so bits(t) - bits(ROUND) = n exactly; n + 127 shifted into
        // the exponent field is 2^n, FloatMath's value from (int) n (a float-to-int conversion JDK 17 runs slowly)
        IntVector k = t.reinterpretAsInts().sub(ROUND_BITS - 127);
        return p.mul(k.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }

    /** {@link FloatMath#tanh} of every lane. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector t = tanhRatio(a).blend(tanhSeries(a), a.compare(VectorOperators.LT, TANH_SERIES));
        return t.blend(t.neg(), x.compare(VectorOperators.LT, 0f));
    }

    private static FloatVector tanhSeries(FloatVector a) {
        FloatVector a2 = a.mul(a);
        FloatVector p = a2.fma(v(T13), v(T11));
        p = p.fma(a2, v(T9));
        p = p.fma(a2, v(T7));
        p = p.fma(a2, v(T5));
        p = p.fma(a2, v(T3));
        return p.mul(a2).fma(a, a);
    }

    private static FloatVector tanhRatio(FloatVector a) {
        FloatVector e = exp(a.mul(-2f));
        FloatVector one = v(1f);
        return one.sub(e).div(one.add(e));
    }

    /** {@link FloatMath#sigmoid} of every lane. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector one = v(1f);
        return one.div(one.add(exp(x.neg())));
    }

    private static FloatVector v(float x) {
        return FloatVector.broadcast(S, x);
    }
}
