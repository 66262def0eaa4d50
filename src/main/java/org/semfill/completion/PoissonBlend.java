package org.semfill.completion;

/**
 * Puts the generated fill into the hole of the damaged image, either by pasting it ({@link #completeNaive}) or
 * by Poisson blending ({@link #blend}) so no seam shows at the hole's edge.
 *
 * <p>Naive completion (Amos): {@code completed = M ⊙ y + (1 - M) ⊙ g}. Any difference in brightness between
 * g = G(ẑ) and y shows as a visible edge.
 *
 * <p>Poisson blending (Pérez, Gangnet and Blake 2003, used by Yeh et al. as the last step): inside the hole keep
 * the <em>gradient</em> of g, but take the values at the hole's edge from y. Per channel, x solves
 * Δx = Δg in the hole with x = y on the known pixels (see {@link PoissonSolver} for the discrete equation).
 * A constant offset between g and y has no gradient, so it disappears; the result is clamped to [-1, 1].
 *
 * <p>Arrays: y and g are whole (H, W) planes, (C, H, W) or (N, C, H, W); the mask applies to every plane.
 * One {@code PoissonBlend} factors the system once for its mask and reuses it for every plane and call.
 */
public final class PoissonBlend {
    private final PoissonSolver solver;

    /** Prepares (factors) the Poisson system of {@code mask}'s hole. */
    public PoissonBlend(Mask mask) {
        this.solver = new PoissonSolver(mask);
    }

    public Mask mask() {
        return solver.mask();
    }

    /**
     * The blended completion. If the mask has no hole, returns a copy of y; if it has no known pixel, g clamped.
     *
     * @param known     y: (C, H, W) or (N, C, H, W); only the known pixels are read. Not modified.
     * @param generated g = G(ẑ), same shape. Not modified.
     * @return a new array of the same shape: y on known pixels, the blended fill in the hole, clamped to [-1, 1]
     */
    public float[] blend(float[] known, float[] generated) {
        float[] x = solver.solve(known, generated);
        for (int i = 0; i < x.length; i++) x[i] = Math.max(-1f, Math.min(1f, x[i]));
        return x;
    }

    /** One-off {@link #blend}: factors the system for this call only. */
    public static float[] blend(float[] known, float[] generated, Mask mask) {
        return new PoissonBlend(mask).blend(known, generated);
    }

    /**
     * Pasting: y on known pixels, g in the hole. Arrays as in {@link #blend}; returns a new array.
     */
    public static float[] completeNaive(float[] known, float[] generated, Mask mask) {
        int planes = mask.planesIn(known, "known image");
        org.semfill.internal.Check.arg(generated.length == known.length,
                "generated image has " + generated.length + " values, known image " + known.length);
        float[] out = known.clone();
        int plane = mask.planeSize();
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < plane; i++) if (!mask.isKnown(i)) out[p * plane + i] = generated[p * plane + i];
        return out;
    }
}
