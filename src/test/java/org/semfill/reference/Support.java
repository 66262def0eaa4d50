package org.semfill.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.semfill.kernels.KernelProvider;

/** Shared by the reference tests: seeded inputs, closeness, both kernel paths, central differences. */
final class Support {
    private Support() {}

    /** Uniform values in [lo, hi) from a fixed seed. */
    static float[] uniform(Random rng, int n, float lo, float hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = lo + (hi - lo) * rng.nextFloat();
        return a;
    }

    /** Every element within tol relative to its own size, or tol absolute for elements below 1. */
    static void assertClose(String what, float[] want, float[] got, double tol) {
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(want[i] - got[i]) / Math.max(1, Math.abs(want[i]));
            if (!(err <= tol)) fail(what + ": element " + i + " reference " + want[i] + " fast " + got[i] + " (error " + err + ")");
        }
    }

    static void assertClose(String what, float want, float got, double tol) {
        assertClose(what, new float[] {want}, new float[] {got}, tol);
    }

    /** The kernel paths this JVM can run: scalar always, vector when jdk.incubator.vector is loaded. */
    static List<String> kernelModes() {
        return KernelProvider.vectorAvailable() ? List.of("scalar", "vector") : List.of("scalar");
    }

    /** Runs the body once per kernel path, then restores automatic selection. */
    static void underEachKernelPath(java.util.function.Consumer<String> body) {
        try {
            for (String mode : kernelModes()) {
                KernelProvider.select(mode);
                String active = KernelProvider.get().getClass().getSimpleName();
                assertEquals(mode, active.replace("Kernels", "").toLowerCase(java.util.Locale.ROOT), "kernels in use");
                body.accept(mode);
            }
        } finally {
            KernelProvider.select("auto");
        }
    }

    /**
     * Checks analytic gradients of L = sum r * f(inputs) against central differences, where r are fixed random
     * weights (so every output takes part) and analytic[j] is dL/d inputs[j] computed with dy = r. Returns the
     * worst error |analytic - numeric| / max(1, |numeric|).
     */
    static double finiteDifferenceError(Function<float[][], float[]> f, float[][] inputs, float[] r,
                                        float[][] analytic, double h) {
        double worst = 0;
        for (int j = 0; j < inputs.length; j++) {
            if (analytic[j] == null) continue;
            float[] x = inputs[j];
            for (int i = 0; i < x.length; i++) {
                float saved = x[i];
                x[i] = (float) (saved + h);
                double plus = dot(f.apply(inputs), r);
                x[i] = (float) (saved - h);
                double minus = dot(f.apply(inputs), r);
                x[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                worst = Math.max(worst, Math.abs(analytic[j][i] - numeric) / Math.max(1, Math.abs(numeric)));
            }
        }
        return worst;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }
}
