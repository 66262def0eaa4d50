package org.semfill.quality;

import java.util.Arrays;
import org.semfill.internal.Check;
import org.semfill.tensor.Tensor;

/**
 * The classification loss: softmax cross-entropy of logits (N, K) against integer class labels, averaged over
 * the N rows. A fused op (like {@code Ops.bceWithLogits}) because composing exp, sum and log is fragile:
 * exp of a large logit overflows.
 *
 * <p>Forward, per row with m = max_j x_j (subtracting it changes nothing mathematically but keeps exp finite):
 * loss_n = log sum_j e^(x_j - m) + m - x_label.
 * Backward: d loss / d x_nj = (softmax(x_n)_j - [j == label_n]) / N — the predicted probabilities minus the
 * one-hot target, the same tidy form as the logistic loss.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /** mean over rows of -log softmax(logits)[label]; logits (N, K), labels N values in [0, K). */
    public static Tensor loss(Tensor logits, int[] labels) {
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
                double e = Math.exp(x[row + j] - max);
                p[row + j] = (float) e;
                sum += e;
            }
            for (int j = 0; j < k; j++) p[row + j] /= (float) sum;
            total += Math.log(sum) + max - x[row + labels[i]];
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

    /** The index of the largest logit of each row of (N, K) logits: the predicted class. */
    public static int[] argmax(Tensor logits) {
        int n = logits.dim(0), k = logits.dim(1);
        float[] x = logits.data();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (x[i * k + j] > x[i * k + best]) best = j;
            out[i] = best;
        }
        return out;
    }
}
