package org.semfill.tutorial;

import org.semfill.internal.Check;

/** Evenly spaced points, as numpy's {@code arange}: lo, lo + step, ... up to but excluding hi. */
public final class Grid {
    private Grid() {}

    /**
     * The points lo + i * step for i = 0 .. n - 1, n = round((hi - lo) / step): [-3, 3) with step 0.025 gives 240
     * points, -3 to 2.975. Each point is computed from i (no running sum), so rounding errors do not pile up.
     */
    public static double[] arange(double lo, double hi, double step) {
        Check.arg(step > 0 && lo < hi, "grid needs lo < hi and a positive step, got " + lo + ", " + hi + ", " + step);
        int n = (int) Math.round((hi - lo) / step);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = lo + i * step;
        return out;
    }

    /** Column {@code j} of a list of points. */
    public static double[] column(double[][] points, int j) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i++) out[i] = points[i][j];
        return out;
    }
}
