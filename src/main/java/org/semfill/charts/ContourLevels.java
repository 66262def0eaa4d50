package org.semfill.charts;

import java.math.BigDecimal;
import org.semfill.internal.Check;

/**
 * Round contour levels a reader can take in at a glance: multiples of a step 1, 2, 2.5 or 5 times a power of ten
 * (0.02, 0.04, 0.06 ... rather than 0.0183, 0.0366 ...), strictly between the smallest and largest value.
 */
public final class ContourLevels {
    private ContourLevels() {}

    private static final double[] MANTISSAS = {1, 2, 2.5, 5};

    /**
     * The step from the 1-2-2.5-5 series whose multiples inside (lo, hi) number closest to {@code target}
     * (on a tie, the larger step: fewer, calmer lines).
     */
    public static double step(double lo, double hi, int target) {
        Check.arg(lo < hi && Double.isFinite(lo) && Double.isFinite(hi), "level range must be finite with lo < hi, got " + lo + " .. " + hi);
        Check.positive(target, "target number of levels");
        int e0 = (int) Math.floor(Math.log10((hi - lo) / target));
        double best = Double.NaN;
        int bestMiss = Integer.MAX_VALUE;
        for (int e = e0 + 1; e >= e0 - 1; e--) {          // larger steps first, so ties keep the larger one
            for (int m = MANTISSAS.length - 1; m >= 0; m--) {
                double step = MANTISSAS[m] * Math.pow(10, e);
                int miss = Math.abs(count(lo, hi, step) - target);
                if (miss < bestMiss) {
                    bestMiss = miss;
                    best = step;
                }
            }
        }
        return best;
    }

    /** The multiples of {@link #step} strictly inside (lo, hi), ascending. */
    public static double[] nice(double lo, double hi, int target) {
        double step = step(lo, hi, target);
        long k0 = (long) Math.floor(lo / step) + 1, k1 = (long) Math.ceil(hi / step) - 1;
        int n = (int) Math.max(0, k1 - k0 + 1);
        double[] levels = new double[n];
        for (int i = 0; i < n; i++) levels[i] = BigDecimal.valueOf(k0 + i).multiply(BigDecimal.valueOf(step)).doubleValue();
        return levels;
    }

    private static int count(double lo, double hi, double step) {
        long k0 = (long) Math.floor(lo / step) + 1, k1 = (long) Math.ceil(hi / step) - 1;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, k1 - k0 + 1));
    }

    /**
     * A level as text with as many decimals as {@code step} needs, so all labels of a chart line up:
     * step 0.02 gives "0.04", "0.10"; step 0.025 gives "0.025", "0.050"; step 5 gives "15".
     */
    public static String label(double level, double step) {
        int decimals = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        return BigDecimal.valueOf(level).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
