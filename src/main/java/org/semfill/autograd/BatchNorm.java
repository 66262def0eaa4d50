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
 *
 * <p>In a DCGAN every batch norm is followed by a ReLU or leaky ReLU, so the op can apply it too
 * ({@code slope}; 1 means none): the activation then costs no pass of its own over the feature map, forward or
 * backward, and its input is never stored. dy of the activation becomes the batch norm's dy on the fly
 * (dy where the output is positive, else slope dy), with the same arithmetic as the two separate ops, so the
 * results are the same bits.
 */
final class BatchNorm {
    private BatchNorm() {}

    static Tensor batchNorm2d(Tensor x, Tensor gamma, Tensor beta, float[] runningMean, float[] runningVar,
                              boolean training, float momentum, float eps) {
        return batchNorm2d(x, gamma, beta, runningMean, runningVar, training, momentum, eps, 1f);
    }

    /** Batch norm followed by a leaky ReLU of the given slope (0: ReLU; 1: no activation). */
    static Tensor batchNorm2d(Tensor x, Tensor gamma, Tensor beta, float[] runningMean, float[] runningVar,
                              boolean training, float momentum, float eps, float slope) {
        Check.arg(slope >= 0f && slope <= 1f, "batchNorm2d: activation slope must be in [0, 1], got " + slope);
        Check.arg(x.rank() == 4, "batchNorm2d needs (N, C, H, W), got " + Arrays.toString(x.shape()));
        int n = x.dim(0), c = x.dim(1), hw = x.dim(2) * x.dim(3);
        Check.arg(gamma.numel() == c && beta.numel() == c && runningMean.length == c && runningVar.length == c,
                "batchNorm2d: " + c + " channels but parameters of size " + gamma.numel());
        int m = n * hw;
        Check.arg(!training || m > 1, "batchNorm2d in training needs more than one value per channel");
        float[] xd = x.data(), g = gamma.data(), b = beta.data();
        float[] mean = new float[c], invStd = new float[c];
        if (training) {
            double[] sums = channelTotals(n, c, (k, from, to, part, unused) -> k.channelSums(xd, from, to, c, hw, part))[0];
            for (int ch = 0; ch < c; ch++) mean[ch] = (float) (sums[ch] / m);
            double[] squares = channelTotals(n, c, (k, from, to, part, unused) -> k.channelSquaredDeviations(xd, from, to, c, hw, mean, part))[0];
            for (int ch = 0; ch < c; ch++) {
                invStd[ch] = (float) (1 / Math.sqrt(squares[ch] / m + eps));
                runningMean[ch] = (float) ((1 - momentum) * runningMean[ch] + momentum * mean[ch]);
                runningVar[ch] = (float) ((1 - momentum) * runningVar[ch] + momentum * squares[ch] / (m - 1));
            }
        } else {
            for (int ch = 0; ch < c; ch++) {
                mean[ch] = runningMean[ch];
                invStd[ch] = (float) (1 / Math.sqrt(runningVar[ch] + eps));
            }
        }
        float[] out = Buffers.forOverwrite(xd.length);
        Parallel.forSlices(n, (slice, from, to) -> KernelProvider.get().normalize(xd, from, to, c, hw, mean, invStd, g, b, slope, out));
        String name = (training ? "batchNorm2d" : "batchNorm2dEval") + (slope == 1f ? "" : slope == 0f ? "+relu" : "+leakyRelu");
        Tensor r = Tensor.result(out, x.shape(), name, x, gamma, beta);
        r.onBackward(() -> {
            float[] dy = r.grad();
            float[] meanDy = new float[c], meanDyXhat = new float[c];
            // In eval with gamma and beta frozen (the completion search) nothing needs the channel sums: skip the pass.
            boolean sumsNeeded = training || gamma.requiresGrad() || beta.requiresGrad();
            double[][] sums = !sumsNeeded ? null : channelTotals(n, c, (k, from, to, sumDy, sumDyX) ->
                    k.channelSumsAndDots(dy, out, slope, xd, from, to, c, hw, sumDy, sumDyX));
            for (int ch = 0; sumsNeeded && ch < c; ch++) {
                double sumDy = sums[0][ch], sumDyX = sums[1][ch];
                double sumDyXhat = (sumDyX - mean[ch] * sumDy) * invStd[ch]; // sum(dy * xhat)
                if (gamma.requiresGrad()) gamma.grad()[ch] += (float) sumDyXhat;
                if (beta.requiresGrad()) beta.grad()[ch] += (float) sumDy;
                // In eval the statistics are constants: only the direct path dy * gamma * invStd remains.
                meanDy[ch] = training ? (float) (sumDy / m) : 0f;
                meanDyXhat[ch] = training ? (float) (sumDyXhat / m) : 0f;
            }
            if (!x.requiresGrad()) return;
            float[] dx = x.grad();
            Parallel.forSlices(n, (slice, from, to) ->
                    KernelProvider.get().normalizeBackward(xd, dy, out, slope, from, to, c, hw, mean, invStd, g, meanDy, meanDyXhat, dx));
        });
        return r;
    }

    /** One reduction pass of a kernel over images [from, to) into per-channel sums a (and b, if it makes two). */
    private interface ChannelPass {
        void run(Kernels k, int from, int to, double[] a, double[] b);
    }

    /**
     * Runs the pass on the fixed groups of the batch ({@link Parallel#forGroups}) in parallel, each into arrays of
     * its own, then adds the groups' arrays in group order: the same bits on every thread count. Returns {a, b}, C
     * entries each.
     */
    private static double[][] channelTotals(int n, int c, ChannelPass pass) {
        int groups = Parallel.groups(n);
        double[][][] parts = new double[groups][2][c];
        Parallel.forGroups(n, (group, from, to) -> pass.run(KernelProvider.get(), from, to, parts[group][0], parts[group][1]));
        double[][] total = parts[0];
        for (int s = 1; s < groups; s++) {
            for (int ch = 0; ch < c; ch++) {
                total[0][ch] += parts[s][0][ch];
                total[1][ch] += parts[s][1][ch];
            }
        }
        return total;
    }
}
