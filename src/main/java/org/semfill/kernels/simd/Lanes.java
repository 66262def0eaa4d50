package org.semfill.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Lane sums in a fixed order. NOTE: {@code reduceLanes(ADD)} may add the lanes in a different order in
 * interpreted and in compiled code (its Javadoc allows any order), so the same run could give different last
 * bits depending on when the JIT kicks in; training must be reproducible, so we add lane 0, 1, 2, ... here.
 */
final class Lanes {
    private Lanes() {}

    static double sum(DoubleVector v) {
        double[] a = v.toArray();
        double s = 0;
        for (double x : a) s += x;
        return s;
    }

    static float sum(FloatVector v) {
        float[] a = v.toArray();
        float s = 0;
        for (float x : a) s += x;
        return s;
    }
}
