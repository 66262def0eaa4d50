package org.semfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.semfill.kernels.KernelTestData.vectorOrSkip;

import org.junit.jupiter.api.Test;

/**
 * Our own exp, tanh and sigmoid: within a few float ulps of StrictMath's (fdlibm's, the same on every JVM) over
 * their whole useful range, and the vector kernels give exactly the plain kernels' bits, special values included.
 */
class FloatMathTest {
    /** Every 97th float between -lo and hi, and the values where the formulas change or saturate. */
    private static float[] sweep(float lo, float hi) {
        int n = 1 << 18;
        float[] x = new float[n + 14];
        for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * i / n;
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, FloatMath.TANH_SERIES,
                Math.nextDown(FloatMath.TANH_SERIES), -FloatMath.TANH_SERIES, 88f, -87f, 1e30f, -1e30f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        System.arraycopy(special, 0, x, n, special.length);
        return x;
    }

    private static double ulps(double actual, double exact) {
        return Math.abs(actual - exact) / Math.ulp((float) exact);
    }

    @Test
    void expIsWithinTwoUlpsWhereItDoesNotSaturate() {
        double worst = 0;
        for (float x : sweep(-87f, 88f)) {
            if (!(x >= -87f && x <= 88f)) continue;
            worst = Math.max(worst, ulps(FloatMath.exp(x), StrictMath.exp(x)));
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulps");
        assertEquals(FloatMath.exp(88f), FloatMath.exp(1000f), "saturates above 88");
        assertTrue(FloatMath.exp(-1000f) > 0 && FloatMath.exp(-1000f) < 2e-38f, "saturates below -87");
        assertTrue(Float.isNaN(FloatMath.exp(Float.NaN)));
        assertEquals(1f, FloatMath.exp(0f));
    }

    @Test
    void tanhIsWithinThreeUlpsOrATinyAbsoluteError() {
        double worst = 0;
        for (float x : sweep(-10f, 10f)) {
            double exact = StrictMath.tanh(x), err = Math.abs(FloatMath.tanh(x) - exact);
            assertTrue(err <= 3 * Math.ulp((float) exact) || err <= 3e-8, "tanh(" + x + ") = " + FloatMath.tanh(x) + ", exact " + exact);
            worst = Math.max(worst, ulps(FloatMath.tanh(x), exact));
        }
        assertEquals(1f, FloatMath.tanh(50f));
        assertEquals(-1f, FloatMath.tanh(-50f));
        assertEquals(0f, FloatMath.tanh(0f));
        assertTrue(Float.isNaN(FloatMath.tanh(Float.NaN)));
        assertTrue(worst < 8, "worst error " + worst + " ulps");
    }

    @Test
    void sigmoidIsWithinThreeUlps() {
        for (float x : sweep(-80f, 80f)) {
            if (!(Math.abs(x) <= 80f)) continue; // beyond, the result saturates (checked below)
            double exact = 1 / (1 + StrictMath.exp(-(double) x));
            assertTrue(ulps(FloatMath.sigmoid(x), exact) <= 3, "sigmoid(" + x + ") = " + FloatMath.sigmoid(x) + ", exact " + exact);
        }
        assertEquals(0.5f, FloatMath.sigmoid(0f));
        assertEquals(1f, FloatMath.sigmoid(100f));
        assertTrue(FloatMath.sigmoid(-1000f) < 1e-38f, "saturates near 0");
    }

    @Test
    void theVectorKernelsGiveThePlainBits() {
        Kernels vector = vectorOrSkip(), scalar = new ScalarKernels();
        float[] x = sweep(-100f, 100f);
        float[] nan = {Float.NaN, Float.NaN, 1f};
        for (float[] in : new float[][] {x, sweep(-1f, 1f), nan}) {
            int n = in.length;
            float[] a = new float[n], b = new float[n];
            scalar.tanh(n, in, a);
            vector.tanh(n, in, b);
            assertArrayEquals(a, b, "tanh");
            scalar.sigmoid(n, in, a);
            vector.sigmoid(n, in, b);
            assertArrayEquals(a, b, "sigmoid");
        }
    }
}
