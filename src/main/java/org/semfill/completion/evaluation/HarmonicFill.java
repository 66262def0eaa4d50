package org.semfill.completion.evaluation;

import org.semfill.completion.BlockAverages;
import org.semfill.completion.Mask;
import org.semfill.completion.PoissonSolver;

/**
 * Classic diffusion inpainting: the hole is the smoothest surface that meets the known pixels, the solution of
 * Laplace's equation Δx = 0 in the hole with x = y on the known pixels (Dirichlet), per channel. It is
 * {@link org.semfill.completion.PoissonBlend} with a zero guidance field and shares its solver. Smooth, never sharp: a good
 * baseline for small holes, a blur for big ones. With no known pixel at all the hole becomes 0 (mid-grey).
 *
 * <p>For a block-average ({@code lowres}) mask, where the known values are block means rather than pixels, it is
 * the same idea: the smoothest image (least sum of squared differences between neighbours) whose k x k block means
 * are the known ones, found by accelerated projected gradient descent ({@link #smoothestWithBlockMeans}).
 *
 * <p>The factorisation of the last mask used is kept and reused while the same {@code Mask} object comes back
 * (an evaluation uses one mask for every image). Not thread-safe.
 */
public final class HarmonicFill implements BaselineFill {
    private PoissonSolver solver;

    @Override
    public String name() {
        return "harmonic fill";
    }

    @Override
    public float[] fill(float[] damaged, int channels, Mask mask) {
        BaselineFill.checkImage(damaged, channels, mask);
        if (mask.knowsBlockAverages()) return smoothestWithBlockMeans(damaged, mask.height(), mask.width(), mask.block());
        if (solver == null || solver.mask() != mask) solver = new PoissonSolver(mask);
        float[] x = solver.solve(damaged, null);
        // By the maximum principle x already lies within the range of the known values; the clamp only trims rounding.
        for (int i = 0; i < x.length; i++) x[i] = Math.max(-1f, Math.min(1f, x[i]));
        return x;
    }

    /** Step of the descent: 1 / 8, one over the 5-point Laplacian's largest eigenvalue, the most Nesterov's momentum allows. */
    static final float STEP = 0.125f;
    /** At most this many steps; the descent stops earlier once no pixel moves by more than {@link #TOLERANCE}. */
    static final int MAX_STEPS = 3000;
    static final float TOLERANCE = 1e-6f;

    /**
     * Minimises the Dirichlet energy sum over neighbour pairs of (x_p - x_q)^2 (edges reflect: no neighbour, no
     * term) subject to every k x k block of x having the block mean of {@code damaged}: a gradient step (x += STEP *
     * Laplacian(x)) followed by the projection onto the constraint (shift every block by what its mean is off), with
     * Nesterov's momentum, which needs about k times fewer steps than plain descent for blocks of side k.
     * Starts from the blocky image; the result is clamped to [-1, 1].
     */
    static float[] smoothestWithBlockMeans(float[] damaged, int h, int w, int k) {
        float[] target = BlockAverages.pool(damaged, h, w, k);
        float[] x = BlockAverages.upscale(target, h, w, k), previous = x.clone(), v = new float[x.length];
        int planes = x.length / (h * w);
        for (int step = 1; step <= MAX_STEPS; step++) {
            float momentum = (step - 1f) / (step + 2f);
            for (int i = 0; i < x.length; i++) v[i] = x[i] + momentum * (x[i] - previous[i]);
            float[] next = new float[x.length];
            for (int p = 0; p < planes; p++)
                for (int r = 0; r < h; r++)
                    for (int c = 0; c < w; c++) {
                        int at = (p * h + r) * w + c;
                        float lap = 0;
                        if (r > 0) lap += v[at - w] - v[at];
                        if (r < h - 1) lap += v[at + w] - v[at];
                        if (c > 0) lap += v[at - 1] - v[at];
                        if (c < w - 1) lap += v[at + 1] - v[at];
                        next[at] = v[at] + STEP * lap;
                    }
            float[] off = BlockAverages.pool(next, h, w, k);
            float moved = 0;
            for (int p = 0; p < planes; p++)
                for (int r = 0; r < h; r++)
                    for (int c = 0; c < w; c++) {
                        int at = (p * h + r) * w + c, b = (p * (h / k) + r / k) * (w / k) + c / k;
                        next[at] += target[b] - off[b];
                        moved = Math.max(moved, Math.abs(next[at] - x[at]));
                    }
            previous = x;
            x = next;
            if (moved < TOLERANCE) break;
        }
        for (int i = 0; i < x.length; i++) x[i] = Math.max(-1f, Math.min(1f, x[i]));
        return x;
    }
}
