package org.semfill.tutorial;

import org.semfill.internal.Check;
import org.semfill.internal.Rng;

/**
 * A mixture of 1-D normal distributions, p(x) = sum_k w_k N(x; mu_k, sigma_k^2): the "real data" of chapter 2.
 * With one component it is a plain normal; with two well separated components it has two modes, and a generator
 * that learns only one of them (mode collapse) is easy to see.
 */
public final class NormalMixture {
    private final double[] weight, mean, std; // (K) each; weights sum to 1

    private NormalMixture(double[] weight, double[] mean, double[] std) {
        Check.arg(weight.length > 0 && weight.length == mean.length && mean.length == std.length,
            "a mixture needs as many weights, means and standard deviations, got "
                + weight.length + ", " + mean.length + ", " + std.length);
        double total = 0;
        for (int k = 0; k < weight.length; k++) {
            Check.arg(weight[k] > 0 && std[k] > 0, "mixture weights and standard deviations must be positive");
            total += weight[k];
        }
        this.weight = new double[weight.length];
        for (int k = 0; k < weight.length; k++) this.weight[k] = weight[k] / total;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** One normal N(mu, sigma^2). */
    public static NormalMixture normal(double mu, double sigma) {
        return new NormalMixture(new double[] {1}, new double[] {mu}, new double[] {sigma});
    }

    /** Equal-weight mixture of N(mu1, sigma^2) and N(mu2, sigma^2). */
    public static NormalMixture twoModes(double mu1, double mu2, double sigma) {
        return new NormalMixture(new double[] {0.5, 0.5}, new double[] {mu1, mu2}, new double[] {sigma, sigma});
    }

    public int components() {
        return weight.length;
    }

    /** Weight of component k (the weights sum to 1). */
    public double weight(int k) {
        return weight[k];
    }

    /** Standard deviation of component k. */
    public double componentStd(int k) {
        return std[k];
    }

    /** Mean of component k (a mode when the components are well apart). */
    public double componentMean(int k) {
        return mean[k];
    }

    public double density(double x) {
        double p = 0;
        for (int k = 0; k < weight.length; k++) {
            double u = (x - mean[k]) / std[k];
            p += weight[k] * StrictMath.exp(-0.5 * u * u) / (std[k] * Math.sqrt(2 * Math.PI));
        }
        return p;
    }

    /** E[x] = sum_k w_k mu_k. */
    public double mean() {
        double m = 0;
        for (int k = 0; k < weight.length; k++) m += weight[k] * mean[k];
        return m;
    }

    /** sqrt(Var[x]), with Var[x] = sum_k w_k (sigma_k^2 + mu_k^2) - E[x]^2. */
    public double std() {
        double second = 0;
        for (int k = 0; k < weight.length; k++) second += weight[k] * (std[k] * std[k] + mean[k] * mean[k]);
        double m = mean();
        return Math.sqrt(second - m * m);
    }

    /** n samples: pick a component by its weight, then draw from its normal (two draws per sample, in order). */
    public float[] sample(int n, Rng rng) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = 0;
            while (k < weight.length - 1 && u >= weight[k]) u -= weight[k++];
            out[i] = (float) (mean[k] + std[k] * rng.nextGaussian());
        }
        return out;
    }

    /** The index of the component whose mean is nearest to x (which mode a sample "belongs" to). */
    public int nearestComponent(double x) {
        int best = 0;
        for (int k = 1; k < mean.length; k++) if (Math.abs(x - mean[k]) < Math.abs(x - mean[best])) best = k;
        return best;
    }

    /** E.g. "0.5 N(-2, 0.5²) + 0.5 N(2, 0.5²)". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < weight.length; k++) {
            if (k > 0) sb.append(" + ");
            if (weight.length > 1) sb.append(NumberText.num(weight[k])).append(' ');
            sb.append("N(").append(NumberText.num(mean[k])).append(", ").append(NumberText.num(std[k])).append("\u00B2)");
        }
        return sb.toString();
    }
}
