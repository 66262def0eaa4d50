package org.semfill.autograd;

import java.util.function.Function;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/**
 * Checks analytic gradients against central differences. The function's output is contracted with fixed
 * random weights r to a scalar L = sum(r * f(x)), so every entry of the Jacobian takes part. Differences
 * are taken in double from float evaluations: dL/dx_i ~ (L(x + h e_i) - L(x - h e_i)) / 2h.
 */
public final class GradCheck {
    private GradCheck() {}

    /** The worst mismatch found: max |analytic - numeric| / max(1, |numeric|) over all inputs and entries. */
    public static double maxError(Function<Tensor[], Tensor> f, double h, Tensor... inputs) {
        Tensor probe = f.apply(inputs);
        Rng rng = new Rng(12345);
        float[] r = new float[probe.numel()];
        for (int i = 0; i < r.length; i++) r[i] = (float) (rng.nextDouble() * 2 - 1);
        for (Tensor x : inputs) x.zeroGrad();
        Tensor out = f.apply(inputs);
        out.backward(r);
        double worst = 0;
        for (Tensor x : inputs) {
            if (!x.requiresGrad()) continue;
            float[] analytic = x.grad().clone();
            float[] d = x.data();
            for (int i = 0; i < d.length; i++) {
                float saved = d[i];
                d[i] = (float) (saved + h);
                double plus = contract(f.apply(inputs), r);
                d[i] = (float) (saved - h);
                double minus = contract(f.apply(inputs), r);
                d[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                worst = Math.max(worst, Math.abs(analytic[i] - numeric) / Math.max(1, Math.abs(numeric)));
            }
        }
        return worst;
    }

    private static double contract(Tensor y, float[] r) {
        double s = 0;
        float[] d = y.data();
        for (int i = 0; i < d.length; i++) s += (double) d[i] * r[i];
        return s;
    }
}
