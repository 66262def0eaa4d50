package org.semfill.optim;

import java.util.List;
import org.semfill.kernels.KernelProvider;
import org.semfill.tensor.Profile;
import org.semfill.tensor.Tensor;

/**
 * Adam (Kingma and Ba 2015, "Adam: A Method for Stochastic Optimization") over a fixed list of tensors.
 * Its state (first and second moments, step count) can be saved and restored so training resumes exactly.
 */
public final class Adam {
    private final List<Tensor> params;
    private final float lr, beta1, beta2, eps;
    private final float[][] m, v;
    private long step;

    public Adam(List<Tensor> params, float lr, float beta1, float beta2, float eps) {
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        m = new float[params.size()][];
        v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).numel()];
            v[i] = new float[params.get(i).numel()];
        }
    }

    public Adam(List<Tensor> params, float lr, float beta1) {
        this(params, lr, beta1, 0.999f, 1e-8f);
    }

    /** One update from the current gradients (tensors without a gradient yet are skipped). */
    public void step() {
        long t0 = System.nanoTime();
        step++;
        float bc1 = (float) (1 - StrictMath.pow(beta1, step));
        float bc2 = (float) (1 - StrictMath.pow(beta2, step));
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (!p.hasGrad()) continue;
            KernelProvider.get().adam(p.numel(), p.data(), p.grad(), m[i], v[i], lr, beta1, beta2, eps, bc1, bc2);
        }
        if (Profile.on()) Profile.add("adam step (" + params.size() + " tensors)", t0);
    }

    public void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    public long stepCount() {
        return step;
    }

    /** Moments, live arrays (for checkpoints): index i belongs to parameter i. */
    public float[][] firstMoments() {
        return m;
    }

    public float[][] secondMoments() {
        return v;
    }

    public void restoreStep(long step) {
        this.step = step;
    }
}
