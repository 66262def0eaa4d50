package org.semfill.tutorial;

import java.util.Objects;
import org.semfill.internal.Check;

/**
 * The knobs of chapter 2's tiny GAN. {@link #DEFAULT} trains reliably in a few seconds on a laptop CPU; the
 * chapter (tutorials/02-gan-1d.md) says why each value was chosen.
 *
 * @param target   the "real data" distribution
 * @param noiseDim size of the noise vector z
 * @param noise    how each component of z is drawn: uniform in [-1, 1] (as in DCGAN) or standard normal
 * @param hidden   width of the two hidden layers of both networks
 * @param batch    real and fake samples per update
 * @param steps    training steps; each is {@code dSteps} discriminator updates and one generator update
 * @param dSteps   discriminator updates per step (Goodfellow et al.'s k)
 * @param lr       Adam learning rate of both networks
 * @param beta1    Adam's first-moment decay
 */
public record TinyGanConfig(NormalMixture target, int noiseDim, Noise noise, int hidden, int batch, int steps, int dSteps,
                            float lr, float beta1) {

    /** The distribution of each component of z. */
    public enum Noise { UNIFORM, NORMAL }

    public TinyGanConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(noise, "noise");
        Check.positive(noiseDim, "noise dimension");
        Check.positive(hidden, "hidden width");
        Check.positive(batch, "batch size");
        Check.positive(dSteps, "discriminator updates per step");
        Check.arg(steps >= 0, "steps must not be negative, got " + steps);
        Check.arg(lr > 0 && beta1 >= 0 && beta1 < 1, "need lr > 0 and 0 <= beta1 < 1, got " + lr + ", " + beta1);
    }

    /**
     * Two modes, 4-D uniform noise, 32 hidden units, batches of 128, 3000 steps of 3 D updates and 1 G update,
     * Adam with lr 0.002 and beta1 = 0 (no momentum).
     */
    public static final TinyGanConfig DEFAULT = new TinyGanConfig(NormalMixture.twoModes(-2, 2, 0.5), 4, Noise.UNIFORM,
        32, 128, 3000, 3, 0.002f, 0f);

    public TinyGanConfig withSteps(int s) {
        return new TinyGanConfig(target, noiseDim, noise, hidden, batch, s, dSteps, lr, beta1);
    }
}
