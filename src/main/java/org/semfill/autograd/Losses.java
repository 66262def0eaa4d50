package org.semfill.autograd;

import org.semfill.internal.Check;
import org.semfill.tensor.Tensor;

/**
 * Losses, each a mean over all elements. L1 and MSE are composed from primitives (their gradients come
 * for free); the two cross-entropies are fused because the composed forms are numerically fragile.
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
            double logP = Math.max(Math.log(pd[i]), -100), log1mP = Math.max(Math.log(1 - (double) pd[i]), -100);
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
                    double logit = Math.max(Math.log(pd[i]), -100) - Math.max(Math.log(1 - (double) pd[i]), -100);
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
        for (int i = 0; i < n; i++) s += Math.max(xd[i], 0) - (double) xd[i] * td[i] + Math.log1p(Math.exp(-Math.abs(xd[i])));
        Tensor r = Tensor.result(new float[] {(float) (s / n)}, new int[] {1}, "bceWithLogits", x, t);
        r.onBackward(() -> {
            float g = r.grad()[0] / n;
            if (x.requiresGrad()) {
                float[] gx = x.grad();
                for (int i = 0; i < n; i++) gx[i] += (float) (g * (1 / (1 + Math.exp(-xd[i])) - td[i]));
            }
            if (t.requiresGrad()) {
                float[] gt = t.grad();
                for (int i = 0; i < n; i++) gt[i] -= g * xd[i];
            }
        });
        return r;
    }
}
