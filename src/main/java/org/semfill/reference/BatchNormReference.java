package org.semfill.reference;

/**
 * Batch normalisation in training mode (Ioffe and Szegedy 2015): each channel is normalised by the mean and
 * variance of its values over the whole batch and both image axes, then scaled by gamma and shifted by beta.
 *
 * <pre>
 * N       batch size           C       channels
 * H, W    height, width        M       values per channel: M = N H W
 * x, y  (N, C, H, W)    gamma, beta, mean, var, running statistics  (C)
 * </pre>
 *
 * Semfill's conventions, which are PyTorch's (see {@code nn/BatchNorm2d}: {@code EPS = 1e-5},
 * {@code MOMENTUM = 0.1}):
 * <ul>
 * <li>the normalisation uses the biased batch variance, var = sum (x - mean)^2 / M;
 * <li>eps is added to the variance inside the square root: xhat = (x - mean) / sqrt(var + eps);
 * <li>the running statistics move by momentum towards the batch's, running = (1 - momentum) running +
 *     momentum batch, and the running variance takes the unbiased estimate, sum (x - mean)^2 / (M - 1).
 * </ul>
 * Evaluation mode (running statistics in place of the batch's) is a plain affine map and is not repeated here.
 */
public final class BatchNormReference {
    private BatchNormReference() {}

    /** The sizes of one batch norm. */
    public record Dims(int N, int C, int H, int W) {
        public Dims {
            if (N < 1 || C < 1 || H < 1 || W < 1 || N * H * W < 2)
                throw new IllegalArgumentException("batch norm needs more than one value per channel: " + this);
        }

        public int M() { return N * H * W; }
    }

    /** The forward's output y and what the backward needs: per channel the batch mean and 1 / sqrt(var + eps). */
    public record Forward(float[] y, double[] mean, double[] invStd) {}

    /** dx (N, C, H, W), dgamma and dbeta (C). */
    public record Grads(float[] dx, float[] dgamma, float[] dbeta) {}

    /**
     * y = gamma (x - mean) / sqrt(var + eps) + beta per channel; updates runningMean and runningVar in place
     * (pass null for either to leave the running statistics alone).
     */
    public static Forward forward(float[] x, float[] gamma, float[] beta, Dims d, float eps, float momentum,
                                  float[] runningMean, float[] runningVar) {
        int N = d.N(), C = d.C(), HW = d.H() * d.W(), M = d.M();
        double[] mean = new double[C], invStd = new double[C];
        float[] y = new float[x.length];
        for (int c = 0; c < C; c++) {
            double sum = 0;
            for (int n = 0; n < N; n++)
                for (int p = 0; p < HW; p++) sum += x[(n * C + c) * HW + p];
            mean[c] = sum / M;
            double squares = 0; // two passes: sum (x - mean)^2 does not cancel the way sum x^2 - M mean^2 can
            for (int n = 0; n < N; n++)
                for (int p = 0; p < HW; p++) {
                    double dev = x[(n * C + c) * HW + p] - mean[c];
                    squares += dev * dev;
                }
            double var = squares / M;
            invStd[c] = 1 / Math.sqrt(var + eps);
            for (int n = 0; n < N; n++)
                for (int p = 0; p < HW; p++) {
                    int i = (n * C + c) * HW + p;
                    y[i] = (float) (gamma[c] * (x[i] - mean[c]) * invStd[c] + beta[c]);
                }
            if (runningMean != null) runningMean[c] = (float) ((1 - momentum) * runningMean[c] + momentum * mean[c]);
            if (runningVar != null) runningVar[c] = (float) ((1 - momentum) * runningVar[c] + momentum * squares / (M - 1));
        }
        return new Forward(y, mean, invStd);
    }

    /**
     * The chain rule through the forward's steps, one at a time (the paper's derivation). Per channel, with
     * xmu = x - mean and dxhat = dy gamma:
     * <pre>
     * dvar  = sum dxhat xmu * (-1/2) (var + eps)^(-3/2)
     * dmean = sum dxhat * (-invStd) + dvar * sum(-2 xmu) / M      (the second sum is zero)
     * dx    = dxhat invStd + dvar * 2 xmu / M + dmean / M
     * dgamma = sum dy xhat,   dbeta = sum dy
     * </pre>
     * The mean and variance depend on every x of the channel, so every dx depends on every dy of it:
     * this is how the batch's images interact in training.
     */
    public static Grads backward(float[] x, float[] gamma, float[] dy, Forward f, Dims d) {
        int N = d.N(), C = d.C(), HW = d.H() * d.W(), M = d.M();
        float[] dx = new float[x.length], dgamma = new float[C], dbeta = new float[C];
        for (int c = 0; c < C; c++) {
            double mean = f.mean()[c], invStd = f.invStd()[c];
            double sumDxhatXmu = 0, sumDxhat = 0, sumDyXhat = 0, sumDy = 0;
            for (int n = 0; n < N; n++)
                for (int p = 0; p < HW; p++) {
                    int i = (n * C + c) * HW + p;
                    double xmu = x[i] - mean, dxhat = dy[i] * gamma[c];
                    sumDxhatXmu += dxhat * xmu;
                    sumDxhat += dxhat;
                    sumDyXhat += dy[i] * xmu * invStd;
                    sumDy += dy[i];
                }
            double dvar = sumDxhatXmu * -0.5 * invStd * invStd * invStd;
            double dmean = -sumDxhat * invStd; // + dvar * sum(-2 xmu) / M, which is zero
            for (int n = 0; n < N; n++)
                for (int p = 0; p < HW; p++) {
                    int i = (n * C + c) * HW + p;
                    double xmu = x[i] - mean;
                    dx[i] = (float) (dy[i] * gamma[c] * invStd + dvar * 2 * xmu / M + dmean / M);
                }
            dgamma[c] = (float) sumDyXhat;
            dbeta[c] = (float) sumDy;
        }
        return new Grads(dx, dgamma, dbeta);
    }
}
