package org.semfill.reference;

/**
 * The losses of a DCGAN and of the semantic completion search, each with its gradient.
 *
 * <pre>
 * L       number of D outputs in the loss (the batch size for DCGAN's D, which gives one value per image)
 * N       images               C  channels    H, W  height, width
 * p (L) D's probabilities in (0, 1)   t (L) targets (1 real, 0 fake)   x (L) logits, before the sigmoid
 * g, y  (N, C, H, W) generated and known images    weights (N, 1, H, W) or (1, 1, H, W): one per pixel
 * </pre>
 *
 * Training (semfill's {@code gan/TrainStep}) applies binary cross-entropy to D's probability (D ends in a
 * sigmoid) with targets 1 for real and 0 for fake; G's loss is the same BCE of D(G(z)) against 1 (the
 * non-saturating loss). The completion search (semfill's {@code completion/LatentSearch}) minimises
 * contextual + lambda * perceptual with the two sums below.
 */
public final class LossReference {
    private LossReference() {}

    /** Mirrors PyTorch's BCELoss and semfill's: a log never goes below -100, so p = 0 or 1 stays finite. */
    static final double LOG_FLOOR = -100;

    /** Added inside the perceptual loss's log so that D = 1 gives log(1e-8), not log(0). */
    public static final float PERCEPTUAL_EPS = 1e-8f;

    /** BCE = -mean over i of t log p + (1 - t) log(1 - p). */
    public static float bce(float[] p, float[] t) {
        double s = 0;
        for (int i = 0; i < p.length; i++)
            s -= t[i] * Math.max(Math.log(p[i]), LOG_FLOOR) + (1 - t[i]) * Math.max(Math.log(1 - (double) p[i]), LOG_FLOOR);
        return (float) (s / p.length);
    }

    /**
     * dBCE/dp = -(t / p - (1 - t) / (1 - p)) / L = (p - t) / (p (1 - p)) / L, times the incoming gradient
     * dLoss (1 when the BCE is the final loss). It blows up as p nears 0 or 1: one reason to prefer logits.
     */
    public static float[] bceBackward(float[] p, float[] t, float dLoss) {
        float[] dp = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            double q = p[i];
            dp[i] = (float) (dLoss * -(t[i] / q - (1 - t[i]) / (1 - q)) / p.length);
        }
        return dp;
    }

    /**
     * The same loss on logits, p = sigmoid(x): -mean of t log sigmoid(x) + (1 - t) log(1 - sigmoid(x)),
     * which simplifies to mean of max(x, 0) - x t + log(1 + e^-|x|): no exp overflows and no log of 0.
     */
    public static float bceWithLogits(float[] x, float[] t) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += Math.max(x[i], 0) - (double) x[i] * t[i] + Math.log1p(Math.exp(-Math.abs(x[i])));
        return (float) (s / x.length);
    }

    /** d/dx = (sigmoid(x) - t) / L: the sigmoid's derivative cancels the BCE's denominator. */
    public static float[] bceWithLogitsBackward(float[] x, float[] t, float dLoss) {
        float[] dx = new float[x.length];
        for (int i = 0; i < x.length; i++) dx[i] = (float) (dLoss * (1 / (1 + Math.exp(-x[i])) - t[i]) / x.length);
        return dx;
    }

    /** Which weight applies to image n: its own row, or the single shared one. */
    private static int weightRow(float[] weights, int n, int HW, int N) {
        if (weights.length == N * HW) return n * HW;
        if (weights.length == HW) return 0;
        throw new IllegalArgumentException("weights need N*H*W or H*W values, got " + weights.length);
    }

    /**
     * The contextual loss sum over n, c, h, w of |W[n,h,w] (g - y)[n,c,h,w]|: the L1 distance to the known
     * pixels, weighted (0 in the hole, so the hole's pixels are free). A sum, not a mean, as LatentSearch has it.
     */
    public static float contextual(float[] g, float[] y, float[] weights, int N, int C, int H, int W) {
        int HW = H * W;
        double s = 0;
        for (int n = 0; n < N; n++)
            for (int c = 0; c < C; c++)
                for (int p = 0; p < HW; p++) {
                    int i = (n * C + c) * HW + p;
                    s += Math.abs(weights[weightRow(weights, n, HW, N) + p] * (g[i] - y[i]));
                }
        return (float) s;
    }

    /**
     * d/dg of |w (g - y)| is w sign(w (g - y)): each known pixel pulls g towards y with a constant force w,
     * whatever the distance (L1, unlike L2, does not let a few large errors dominate). Sign(0) = 0.
     */
    public static float[] contextualBackward(float[] g, float[] y, float[] weights, int N, int C, int H, int W) {
        int HW = H * W;
        float[] dg = new float[g.length];
        for (int n = 0; n < N; n++)
            for (int c = 0; c < C; c++)
                for (int p = 0; p < HW; p++) {
                    int i = (n * C + c) * HW + p;
                    float w = weights[weightRow(weights, n, HW, N) + p];
                    dg[i] = w * Math.signum(w * (g[i] - y[i]));
                }
        return dg;
    }

    /**
     * The perceptual loss sum over images of log(1 - D(G(z)) + eps), d the discriminator's probabilities
     * (one per image). Minimising it pushes D(G(z)) towards 1: the completion should look real to D.
     */
    public static float perceptual(float[] d) {
        double s = 0;
        for (float v : d) s += Math.log((1 - v) + PERCEPTUAL_EPS);
        return (float) s;
    }

    /** d/dd log(1 - d + eps) = -1 / (1 - d + eps). */
    public static float[] perceptualBackward(float[] d) {
        float[] dd = new float[d.length];
        for (int i = 0; i < d.length; i++) dd[i] = (float) (-1 / ((1 - d[i]) + (double) PERCEPTUAL_EPS));
        return dd;
    }
}
