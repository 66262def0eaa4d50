package org.semfill.tutorial;

import java.util.Locale;
import org.semfill.internal.Check;

/**
 * Summary numbers of 1-D samples measured against a target mixture: overall mean and standard deviation, and for
 * each component ("mode") of the target the fraction of samples nearest to it and their mean and standard
 * deviation. Mode coverage shows in the fractions: a generator that collapsed onto one mode puts ~100% there.
 *
 * @param modeFraction (K) fraction of samples whose nearest target mean is mode k
 * @param modeMean     (K) mean of those samples (NaN if none)
 * @param modeStd      (K) their standard deviation (NaN if none)
 */
public record SampleStats(int n, double mean, double std, double[] modeFraction, double[] modeMean, double[] modeStd) {

    public static SampleStats of(float[] samples, NormalMixture target) {
        int k = target.components();
        double[] count = new double[k], sum = new double[k], sumSq = new double[k];
        double total = 0, totalSq = 0;
        for (float f : samples) {
            int c = target.nearestComponent(f);
            count[c]++;
            sum[c] += f;
            sumSq[c] += (double) f * f;
            total += f;
            totalSq += (double) f * f;
        }
        int n = samples.length;
        double[] fraction = new double[k], mean = new double[k], std = new double[k];
        for (int c = 0; c < k; c++) {
            fraction[c] = count[c] / n;
            mean[c] = count[c] == 0 ? Double.NaN : sum[c] / count[c];
            std[c] = count[c] == 0 ? Double.NaN : Math.sqrt(Math.max(0, sumSq[c] / count[c] - mean[c] * mean[c]));
        }
        double m = total / n;
        return new SampleStats(n, m, Math.sqrt(Math.max(0, totalSq / n - m * m)), fraction, mean, std);
    }

    /**
     * How far the samples' histogram is from the target: the total variation distance, half the sum over
     * {@code bins} equal bins on [lo, hi) of |share of samples in the bin - target probability of the bin|, plus
     * the share of samples outside [lo, hi) (whose target probability is taken as 0). 0 means the same shares in
     * every bin, 1 means no overlap at all: it is the fraction of probability that sits in the wrong place.
     * The target probability of a bin is its midpoint density times its width (close enough for narrow bins).
     * Even perfect samples score above 0 by chance, about 0.02 for 20,000 samples in 90 bins.
     */
    public static double totalVariation(float[] samples, NormalMixture target, int bins, double lo, double hi) {
        Check.positive(bins, "bins");
        Check.arg(lo < hi, "range must have lo < hi, got " + lo + " .. " + hi);
        double width = (hi - lo) / bins;
        double[] count = new double[bins];
        int outside = 0;
        for (float f : samples) {
            int b = (int) Math.floor((f - lo) / width);
            if (b < 0 || b >= bins) outside++;
            else count[b]++;
        }
        double sum = (double) outside / samples.length;
        for (int b = 0; b < bins; b++) sum += Math.abs(count[b] / samples.length - target.density(lo + (b + 0.5) * width) * width);
        return sum / 2;
    }

    /**
     * E.g. "mean -0.012, std 2.043; near -2: 49.8% (mean -2.01, std 0.48); near 2: 50.2% (...)". A bump no sample is
     * nearest to says "no samples" (it has no mean: a collapsed run); samples that are not finite numbers say the
     * run diverged.
     */
    public String describe(NormalMixture target) {
        if (!Double.isFinite(mean) || !Double.isFinite(std))
            return "no mean or spread: some samples are not finite numbers, so training diverged (try a lower learning rate)";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "mean %.3f, std %.3f", mean, std));
        if (modeFraction.length > 1) {
            for (int c = 0; c < modeFraction.length; c++) {
                String near = NumberText.num(target.componentMean(c));
                if (modeFraction[c] == 0) sb.append(String.format(Locale.ROOT, "; near %s: 0.0%% (no samples)", near));
                else sb.append(String.format(Locale.ROOT, "; near %s: %.1f%% (mean %.3f, std %.3f)",
                    near, 100 * modeFraction[c], modeMean[c], modeStd[c]));
            }
        }
        return sb.toString();
    }
}
