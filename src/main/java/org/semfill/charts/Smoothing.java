package org.semfill.charts;

import org.semfill.internal.Check;

/** Smoothing of noisy curves such as per-iteration GAN losses, so a trend is visible under the noise. */
public final class Smoothing {
    private Smoothing() {}

    /**
     * Centred moving average: out[i] is the mean of the finite values among y[i - (w-1)/2 .. i + w/2] (integer
     * division, w = {@code window}), a window of w values around i that is cut short at both ends of the array. NaN and infinite values are skipped;
     * a window with no finite value gives NaN (a gap in the line). {@code window} 1 returns a copy.
     */
    public static double[] movingAverage(double[] y, int window) {
        Check.positive(window, "smoothing window");
        int n = y.length;
        // Prefix sums of the finite values and of their count make every window O(1).
        double[] sum = new double[n + 1];
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            boolean ok = Double.isFinite(y[i]);
            sum[i + 1] = sum[i] + (ok ? y[i] : 0);
            count[i + 1] = count[i] + (ok ? 1 : 0);
        }
        int before = (window - 1) / 2, after = window - 1 - before;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - before), hi = Math.min(n, i + after + 1);
            int c = count[hi] - count[lo];
            out[i] = c == 0 ? Double.NaN : (sum[hi] - sum[lo]) / c;
        }
        return out;
    }

    /** A window that smooths {@code n} points into roughly 50 independent bumps: n / 50, at least 1. */
    public static int defaultWindow(int n) {
        return Math.max(1, n / 50);
    }
}
