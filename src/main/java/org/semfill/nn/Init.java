package org.semfill.nn;

import java.util.Arrays;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/** Weight initialisers, in place, every draw from the given generator. */
public final class Init {
    private Init() {}

    public static void normal(Tensor t, Rng rng, float mean, float std) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (mean + std * rng.nextGaussian());
    }

    public static void uniform(Tensor t, Rng rng, float low, float high) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (low + (high - low) * rng.nextDouble());
    }

    public static void constant(Tensor t, float value) {
        Arrays.fill(t.data(), value);
    }

    /** PyTorch's default for Linear: U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    public static void fanInUniform(Tensor t, Rng rng, int fanIn) {
        float b = (float) (1 / Math.sqrt(fanIn));
        uniform(t, rng, -b, b);
    }
}
