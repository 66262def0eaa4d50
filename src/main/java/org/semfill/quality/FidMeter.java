package org.semfill.quality;

import java.util.Arrays;
import org.semfill.gan.Dcgan;
import org.semfill.gan.Reports;
import org.semfill.internal.Check;
import org.semfill.tensor.Tensor;

/**
 * Measures the Fréchet distance of generated images to one fixed set of real images, in the feature space of a
 * {@link FeatureNet}. The real statistics are computed once. Use the same number of generated as real images:
 * the estimate is biased upwards for small sets, so FIDs are only comparable at equal n.
 */
public final class FidMeter {
    /** Latent vectors per generator pass. */
    static final int CHUNK = 250;
    private final FeatureNet net;
    private final FrechetDistance.Stats real;

    /** A meter against the first {@code n} images of {@code realImages} (at least n images of the net's shape). */
    public FidMeter(FeatureNet net, float[] realImages, int n) {
        this.net = net;
        int per = net.channels * net.size * net.size;
        Check.arg(realImages.length >= n * per, "FID needs " + n + " real images, got " + realImages.length / per);
        this.real = FrechetDistance.stats(net.featuresOf(Arrays.copyOf(realImages, n * per), n), n, FeatureNet.FEATURES);
    }

    /** The number of real images the meter compares with. */
    public int n() {
        return real.n();
    }

    /** FID of images (n, C, S, S) to the real set. */
    public FrechetDistance.Result measure(float[] images, int n) {
        return FrechetDistance.between(real, FrechetDistance.stats(net.featuresOf(images, n), n, FeatureNet.FEATURES));
    }

    /** FID of G(z) for each row of z (n, nz, 1, 1), G in evaluation mode. */
    public FrechetDistance.Result measure(Dcgan gan, Tensor z) {
        return measure(generate(gan, z), z.dim(0));
    }

    /** G(z) for each row of z, {@value #CHUNK} at a time, no graph, eval mode: (n, C, S, S). */
    public static float[] generate(Dcgan gan, Tensor z) {
        int n = z.dim(0), nz = z.numel() / n, per = gan.config.imageNumel();
        float[] out = new float[n * per];
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            Tensor part = Tensor.of(Arrays.copyOfRange(z.data(), from * nz, (from + m) * nz), m, nz, 1, 1);
            System.arraycopy(Reports.generate(gan.generator, part).data(), 0, out, from * per, m * per);
        }
        return out;
    }
}
