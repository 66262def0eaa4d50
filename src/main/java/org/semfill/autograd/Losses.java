package org.semfill.autograd;

import java.util.Arrays;
import org.semfill.internal.Check;
import org.semfill.tensor.Tensor;

/**
 * Losses, each a mean (over all elements, or over the rows for softmax cross-entropy). L1 and MSE are
 * composed from primitives (their gradients come for free); the cross-entropies are fused because the
 * composed forms are numerically fragile.
 */
final class Losses {
    private Losses() {}

    /** mean |p - t|. */
    static Tensor l1(Tensor p, Tensor t) {
        return Reductions.mean(Activations.abs(Arithmetic.sub(p, t)));
    }

    /** mean (p - t)^2. */
    static Tensor mse(Tensor p, Tensor t) {
        Tensor d = Arithmetic.sub(p, t);
        return Reductions.mean(Arithmetic.mul(d, d));
    }

    /**
     * Binary cross-entropy of probabilities p against targets t: -mean(t log p + (1 - t) log(1 - p)).
     * Like PyTorch's BCELoss, each log is clamped at -100 so p = 0 or 1 gives a large finite loss, not
     * infinity; the gradient (p - t) / (p (1 - p)) is guarded the same way.
     */
    static Tensor bce(Tensor p, Tensor t) {
        Check.sameShape(p.shape(), t.shape(), "bce");
        float[] pd = p.data(), td = t.data();
        int n = pd.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double logP = Math.max(StrictMath.log(pd[i]), -100), log1mP = Math.max(StrictMath.log(1 - (double) pd[i]), -100);
            s -= td[i] * logP + (1 - td[i]) * log1mP;
        }
        Tensor r = Tensor.result(new float[] {(float) (s / n)}, new int[] {1}, "bce", p, t);
        r.onBackward(() -> {
            float g = r.grad()[0] / n;
            if (p.requiresGrad()) {
                float[] gp = p.grad();
                for (int i = 0; i < n; i++) {
                    double q = pd[i];
                    gp[i] += (float) (g * (q - td[i]) / Math.max(q * (1 - q), 1e-12));
                }
            }
            if (t.requiresGrad()) {
                float[] gt = t.grad();
                for (int i = 0; i < n; i++) {
                    double logit = Math.max(StrictMath.log(pd[i]), -100) - Math.max(StrictMath.log(1 - (double) pd[i]), -100);
                    gt[i] -= (float) (g * logit);
                }
            }
        });
        return r;
    }

    /**
     * Binary cross-entropy on logits x (before the sigmoid), in the stable form
     * mean(max(x, 0) - x t + log(1 + e^-|x|)); gradient (sigmoid(x) - t) / n.
     */
    static Tensor bceWithLogits(Tensor x, Tensor t) {
        Check.sameShape(x.shape(), t.shape(), "bceWithLogits");
        float[] xd = x.data(), td = t.data();
        int n = xd.length;
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.max(xd[i], 0) - (double) xd[i] * td[i] + StrictMath.log1p(StrictMath.exp(-Math.abs(xd[i])));
        Tensor r = Tensor.result(new float[] {(float) (s / n)}, new int[] {1}, "bceWithLogits", x, t);
        r.onBackward(() -> {
            float g = r.grad()[0] / n;
            if (x.requiresGrad()) {
                float[] gx = x.grad();
                for (int i = 0; i < n; i++) gx[i] += (float) (g * (1 / (1 + StrictMath.exp(-xd[i])) - td[i]));
            }
            if (t.requiresGrad()) {
                float[] gt = t.grad();
                for (int i = 0; i < n; i++) gt[i] -= g * xd[i];
            }
        });
        return r;
    }

    /**
     * The classification loss: softmax cross-entropy of logits (N, K) against integer class labels, averaged over
     * the N rows: mean over rows of -log softmax(logits)[label]. Fused (like {@link #bceWithLogits}) because
     * composing exp, sum and log is fragile: exp of a large logit overflows.
     *
     * <p>Forward, per row with m = max_j x_j (subtracting it changes nothing mathematically but keeps exp finite):
     * loss_n = log sum_j e^(x_j - m) + m - x_label.
     * Backward: d loss / d x_nj = (softmax(x_n)_j - [j == label_n]) / N — the predicted probabilities minus the
     * one-hot target, the same tidy form as the logistic loss.
     */
    static Tensor softmaxCrossEntropy(Tensor logits, int[] labels) {
        Check.arg(logits.rank() == 2, "softmax cross-entropy needs logits (N, K), got " + Arrays.toString(logits.shape()));
        int n = logits.dim(0), k = logits.dim(1);
        Check.arg(labels.length == n, "softmax cross-entropy: " + n + " rows of logits but " + labels.length + " labels");
        float[] x = logits.data();
        float[] p = new float[n * k]; // (N, K) softmax probabilities, kept for backward
        double total = 0;
        for (int i = 0; i < n; i++) {
            Check.arg(labels[i] >= 0 && labels[i] < k, "label " + labels[i] + " outside 0.." + (k - 1));
            int row = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) max = Math.max(max, x[row + j]);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double e = StrictMath.exp(x[row + j] - max);
                p[row + j] = (float) e;
                sum += e;
            }
            for (int j = 0; j < k; j++) p[row + j] /= (float) sum;
            total += StrictMath.log(sum) + max - x[row + labels[i]];
        }
        Tensor r = Tensor.result(new float[] {(float) (total / n)}, new int[] {1}, "softmaxCrossEntropy", logits);
        r.onBackward(() -> {
            float g = r.grad()[0] / n;
            float[] gx = logits.grad();
            for (int i = 0; i < n; i++) {
                int row = i * k;
                for (int j = 0; j < k; j++) gx[row + j] += g * (p[row + j] - (j == labels[i] ? 1f : 0f));
            }
        });
        return r;
    }
}
