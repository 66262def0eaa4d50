package org.semfill.autograd;

import java.util.Arrays;
import org.semfill.internal.Check;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/**
 * Batch normalisation over (N, H, W) per channel (Ioffe and Szegedy 2015), x (N, C, H, W), gamma and beta (C).
 * Training: xhat = (x - mean_B) / sqrt(var_B + eps) with the batch's biased variance, y = gamma xhat + beta,
 * and the running statistics move by {@code momentum} (unbiased variance, as PyTorch does). Eval: the
 * running statistics replace the batch's. Backward in training, per channel with m = N H W:
 * dx = gamma / sqrt(var + eps) * (dy - mean(dy) - xhat * mean(dy xhat)); dgamma = sum(dy xhat); dbeta = sum(dy).
 */
final class BatchNorm {
    private BatchNorm() {}

    static Tensor batchNorm2d(Tensor x, Tensor gamma, Tensor beta, float[] runningMean, float[] runningVar,
                              boolean training, float momentum, float eps) {
        Check.arg(x.rank() == 4, "batchNorm2d needs (N, C, H, W), got " + Arrays.toString(x.shape()));
        int n = x.dim(0), c = x.dim(1), hw = x.dim(2) * x.dim(3), chw = c * hw;
        Check.arg(gamma.numel() == c && beta.numel() == c && runningMean.length == c && runningVar.length == c,
                "batchNorm2d: " + c + " channels but parameters of size " + gamma.numel());
        int m = n * hw;
        Check.arg(!training || m > 1, "batchNorm2d in training needs more than one value per channel");
        float[] xd = x.data(), g = gamma.data(), b = beta.data();
        float[] mean = new float[c], invStd = new float[c];
        float[] out = Buffers.forOverwrite(xd.length);
        Parallel.forSlices(c, (slice, from, to) -> {
            Kernels k = KernelProvider.get();
            for (int ch = from; ch < to; ch++) {
                if (training) {
                    double s = 0;
                    for (int i = 0; i < n; i++) s += k.sum(xd, i * chw + ch * hw, hw);
                    double mu = s / m, ss = 0;
                    for (int i = 0; i < n; i++) ss += k.sumSquaredDeviations(xd, i * chw + ch * hw, hw, mu);
                    double var = ss / m;
                    mean[ch] = (float) mu;
                    invStd[ch] = (float) (1 / Math.sqrt(var + eps));
                    runningMean[ch] = (float) ((1 - momentum) * runningMean[ch] + momentum * mu);
                    runningVar[ch] = (float) ((1 - momentum) * runningVar[ch] + momentum * ss / (m - 1));
                } else {
                    mean[ch] = runningMean[ch];
                    invStd[ch] = (float) (1 / Math.sqrt(runningVar[ch] + eps));
                }
                for (int i = 0; i < n; i++) k.normalize(hw, xd, i * chw + ch * hw, mean[ch], invStd[ch], g[ch], b[ch], out);
            }
        });
        Tensor r = Tensor.result(out, x.shape(), training ? "batchNorm2d" : "batchNorm2dEval", x, gamma, beta);
        r.onBackward(() -> {
            float[] dy = r.grad();
            float[] dx = x.requiresGrad() ? x.grad() : null;
            Parallel.forSlices(c, (slice, from, to) -> {
                Kernels k = KernelProvider.get();
                for (int ch = from; ch < to; ch++) {
                    double sumDy = 0, sumDyX = 0;
                    for (int i = 0; i < n; i++) {
                        int off = i * chw + ch * hw;
                        sumDy += k.sum(dy, off, hw);
                        sumDyX += k.dot(hw, dy, off, xd, off);
                    }
                    double sumDyXhat = (sumDyX - mean[ch] * sumDy) * invStd[ch]; // sum(dy * xhat)
                    if (gamma.requiresGrad()) gamma.grad()[ch] += (float) sumDyXhat;
                    if (beta.requiresGrad()) beta.grad()[ch] += (float) sumDy;
                    if (dx == null) continue;
                    // In eval the statistics are constants: only the direct path dy * gamma * invStd remains.
                    float meanDy = training ? (float) (sumDy / m) : 0f;
                    float meanDyXhat = training ? (float) (sumDyXhat / m) : 0f;
                    for (int i = 0; i < n; i++)
                        k.normalizeBackward(hw, xd, dy, i * chw + ch * hw, mean[ch], invStd[ch], g[ch], meanDy, meanDyXhat, dx);
                }
            });
        });
        return r;
    }
}
