package org.semfill.completion.evaluation;

import org.semfill.completion.Mask;
import org.semfill.completion.PoissonSolver;
import org.semfill.internal.Check;

/**
 * Classic diffusion inpainting: the hole is the smoothest surface that meets the known pixels, the solution of
 * Laplace's equation Δx = 0 in the hole with x = y on the known pixels (Dirichlet), per channel. It is
 * {@link org.semfill.completion.PoissonBlend} with a zero guidance field and shares its solver. Smooth, never sharp: a good
 * baseline for small holes, a blur for big ones. With no known pixel at all the hole becomes 0 (mid-grey).
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
        int planes = mask.planesIn(damaged, "damaged image");
        Check.arg(planes == channels, "damaged image has " + planes + " planes, expected " + channels + " channels");
        if (solver == null || solver.mask() != mask) solver = new PoissonSolver(mask);
        float[] x = solver.solve(damaged, null);
        // By the maximum principle x already lies within the range of the known values; the clamp only trims rounding.
        for (int i = 0; i < x.length; i++) x[i] = Math.max(-1f, Math.min(1f, x[i]));
        return x;
    }
}
