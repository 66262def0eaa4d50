package org.semfill.kernels.simd;

import static org.semfill.kernels.simd.VectorKernels.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * The stride-2 rows of im2col (every downsampling DCGAN layer) with whole vectors: one output row of a
 * patch reads every other float of an image row. Two vectors of the image row hold L of those floats in
 * their even lanes; one single-vector rearrange per vector and a blend gather them (a two-vector
 * rearrange was slower than scalar code on JDK 17). The same trick for col2im (spread, masked add) did
 * not beat the plain strided loop, so col2im keeps that.
 *
 * <p>Dimension legend: L lanes; OW output row length; an output ox reads image float s0 + 2*ox.
 */
final class EvenFloatGather {
    private static final int L = S.length();
    /** Lane i takes lane 2i mod L: the even lanes of a vector, packed into both halves. */
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(S, i -> (2 * i) % L);
    private static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(S, ((1L << L) - 1) & -(1L << (L / 2)));

    private EvenFloatGather() {}

    /**
     * col[dst + ox] = x[s0 + 2*ox] for ox in [lo, hi). Whole chunks of L outputs whose 2L source floats
     * lie in x[0 .. x.length) are copied with vectors; those may also write garbage to col[dst + ox] for
     * ox outside [lo, hi) (but inside [0, ow)), which the caller overwrites with zeros. Modified: col.
     */
    static void gather(float[] x, int s0, float[] col, int dst, int lo, int hi, int ow) {
        for (int o = 0; o < ow; o += L) {
            int s = s0 + 2 * o;
            if (o + L <= ow && s >= 0 && s + 2 * L <= x.length && o < hi && o + L > lo) {
                FloatVector low = FloatVector.fromArray(S, x, s).rearrange(EVENS);
                FloatVector high = FloatVector.fromArray(S, x, s + L).rearrange(EVENS);
                low.blend(high, UPPER_HALF).intoArray(col, dst + o);
            } else {
                int end = Math.min(o + L, hi);
                for (int ox = Math.max(o, lo); ox < end; ox++) col[dst + ox] = x[s0 + 2 * ox];
            }
        }
    }
}
