package org.semfill.charts;

import org.semfill.internal.Check;

/**
 * Equal-width bins over [lo, hi) scaled as a density, so a histogram of samples can be drawn over the density
 * they were drawn from: bar height = count / (n * bin width), where n counts all samples (also those outside the
 * range). The bars' total area is then the fraction of samples inside [lo, hi].
 */
public final class Histogram {
    private final double lo, hi;
    private final double[] density; // (bins)

    private Histogram(double lo, double hi, double[] density) {
        this.lo = lo;
        this.hi = hi;
        this.density = density;
    }

    /** Bins {@code samples}; a sample equal to {@code hi} goes into the last bin, NaN samples are ignored. */
    public static Histogram of(double[] samples, int bins, double lo, double hi) {
        Check.positive(bins, "number of bins");
        Check.arg(lo < hi, "histogram range must have lo < hi, got " + lo + " .. " + hi);
        double width = (hi - lo) / bins;
        long[] counts = new long[bins];
        int n = 0;
        for (double s : samples) {
            if (Double.isNaN(s)) continue;
            n++;
            if (s < lo || s > hi) continue;
            int b = Math.min(bins - 1, (int) ((s - lo) / width));
            counts[b]++;
        }
        double[] density = new double[bins];
        for (int b = 0; b < bins && n > 0; b++) density[b] = counts[b] / (n * width);
        return new Histogram(lo, hi, density);
    }

    public int bins() {
        return density.length;
    }

    public double binWidth() {
        return (hi - lo) / density.length;
    }

    /** Left edge of bin {@code b}. */
    public double binStart(int b) {
        return lo + b * binWidth();
    }

    /** Height of every bar, as a density. */
    public double[] densities() {
        return density.clone();
    }
}
