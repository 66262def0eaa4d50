package org.semfill.tutorial;

import java.util.Locale;

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

    /** E.g. "mean -0.012, std 2.043; near -2: 49.8% (mean -2.01, std 0.48); near 2: 50.2% (...)". */
    public String describe(NormalMixture target) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "mean %.3f, std %.3f", mean, std));
        if (modeFraction.length > 1) {
            for (int c = 0; c < modeFraction.length; c++) {
                sb.append(String.format(Locale.ROOT, "; near %s: %.1f%% (mean %.3f, std %.3f)",
                    Chapter2TinyGan.num(target.componentMean(c)), 100 * modeFraction[c], modeMean[c], modeStd[c]));
            }
        }
        return sb.toString();
    }
}
