package org.semfill.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.semfill.internal.Rng;

/** Seeded inputs, a double-precision GEMM reference and tolerance checks shared by the kernel tests. */
final class KernelTestData {
    /** Lengths that hit every loop path: below one vector, tails, exact multiples, a long run. */
    static final int[] SIZES = {1, 7, 17, 63, 64, 65, 1000};

    private KernelTestData() {}

    /** Skips a test (with the reason) when this JVM was started without the Vector API module. */
    static Kernels vectorOrSkip() {
        assumeTrue(KernelProvider.vectorAvailable(),
                "jdk.incubator.vector is not loaded (run with --add-modules jdk.incubator.vector): "
                        + "vector tests skipped");
        return KernelProvider.loadVector();
    }

    /** n values uniform in [lo, hi) from the given seed. */
    static float[] uniform(long seed, int n, float lo, float hi) {
        Rng rng = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        return x;
    }

    static float[] uniform(long seed, int n) {
        return uniform(seed, n, -1f, 1f);
    }

    /**
     * C = op(A) op(B) (+ c0) in double, straight from the definition, and (in bound) the same sum of
     * absolute values |op(A)[i,p] op(B)[p,j]| (+ |c0|), the scale that float rounding errors are relative to.
     * Returns the m*n products; c0 is only read when accumulate.
     */
    static double[] naiveGemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                              float[] b, int bOff, float[] c0, int cOff, boolean accumulate, double[] bound) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c0[cOff + i * n + j] : 0;
                double abs = Math.abs(s);
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    double bv = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
                    s += av * bv;
                    abs += Math.abs(av * bv);
                }
                c[i * n + j] = s;
                bound[i * n + j] = abs;
            }
        }
        return c;
    }

    /** Asserts |actual[off+i] - expected[i]| <= tol * scale[i] + tiny for all i, naming the first failure. */
    static void assertClose(double[] expected, float[] actual, int off, double[] scale, double tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[off + i] - expected[i]);
            double allowed = tol * scale[i] + 1e-30;
            if (!(err <= allowed)) {
                throw new AssertionError(what + ": element " + i + " is " + actual[off + i] + ", expected "
                        + expected[i] + " (error " + err + " > allowed " + allowed + ")");
            }
        }
    }

    /** Asserts |a[i] - b[i]| <= absTol + relTol * |b[i]| for all i. */
    static void assertClose(float[] expected, float[] actual, double absTol, double relTol, String what) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) e[i] = expected[i];
        assertClose(e, actual, absTol, relTol, what);
    }

    /** Asserts |actual[i] - expected[i]| <= absTol + relTol * |expected[i]| for all i (expected in double). */
    static void assertClose(double[] expected, float[] actual, double absTol, double relTol, String what) {
        assertTrue(expected.length == actual.length, what + ": lengths differ");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs((double) actual[i] - expected[i]);
            double allowed = absTol + relTol * Math.abs(expected[i]);
            if (!(err <= allowed)) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " (error " + err + " > allowed " + allowed + ")");
            }
        }
    }
}
