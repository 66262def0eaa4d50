package org.semfill.gan;

import java.nio.file.Path;
import org.semfill.internal.Rng;
import org.semfill.io.ImageGrid;
import org.semfill.tensor.Tensor;

/** Pictures from a trained generator: a grid of samples, and straight-line walks through latent space. */
public final class Samples {
    private Samples() {}

    public static void grid(Dcgan gan, int n, long seed, Path out) {
        Tensor z = gan.sampleZ(new Rng(seed), n);
        Reports.sampleGrid(gan, z, out, n + " samples, seed " + seed);
    }

    /**
     * {@code rows} rows of {@code steps} images: G((1 - t) z0 + t z1) for t from 0 to 1. Smooth changes
     * along a row show that G has learned a continuous space rather than memorised images (Radford et al. 4.3).
     */
    public static void interpolation(Dcgan gan, int rows, int steps, long seed, Path out) {
        int nz = gan.config.nz();
        Rng rng = new Rng(seed);
        float[] z = new float[rows * steps * nz];
        for (int r = 0; r < rows; r++) {
            float[] a = TrainStep.noise(rng, 1, nz).data(), b = TrainStep.noise(rng, 1, nz).data();
            for (int s = 0; s < steps; s++) {
                float t = s / (float) (steps - 1);
                for (int k = 0; k < nz; k++) z[(r * steps + s) * nz + k] = (1 - t) * a[k] + t * b[k];
            }
        }
        Tensor x = gan.generate(Tensor.of(z, rows * steps, nz, 1, 1));
        new ImageGrid(steps).title("latent interpolation: each row walks from one z to another")
                .write(out, x.data(), x.dim(0), x.dim(1), x.dim(2), x.dim(3));
    }
}
