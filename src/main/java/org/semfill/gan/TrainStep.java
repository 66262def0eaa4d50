package org.semfill.gan;

import org.semfill.autograd.FrozenWeights;
import org.semfill.autograd.Ops;
import org.semfill.internal.Rng;
import org.semfill.optim.Adam;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/**
 * One DCGAN training step (Goodfellow et al. 2014; Radford et al. 2015), as in the PyTorch example:
 * (1) update D to maximise log D(x) + log(1 - D(G(z))) on a real and a fake batch, (2) update G to maximise
 * log D(G(z)) (the non-saturating loss). BCE against labels 1 (real) and 0 (fake).
 * During the G update D's parameters are frozen, so no time is spent on D weight gradients that
 * would be cleared before D's next update anyway; D's input gradient, which G needs, still flows.
 */
public final class TrainStep {
    /** The numbers one step reports: D and G losses, mean D(x), mean D(G(z)) before and after D's update. */
    public record Losses(float lossD, float lossG, float dReal, float dFake1, float dFake2) {
        public boolean finite() {
            return Float.isFinite(lossD) && Float.isFinite(lossG);
        }
    }

    private final Dcgan gan;
    private final Adam optD, optG;
    private final Tensor ones, zeros;
    private final int batch;
    private final Buffers.Pool buffers = new Buffers.Pool();
    /** What the convolutions make of the weights (packed panels, Winograd plans), refreshed in place each step. */
    private final FrozenWeights plans = FrozenWeights.forTraining();

    public TrainStep(Dcgan gan, Adam optD, Adam optG, int batch) {
        this.gan = gan;
        this.optD = optD;
        this.optG = optG;
        this.batch = batch;
        this.ones = Tensor.of(filled(batch, 1f), batch, 1, 1, 1);
        this.zeros = Tensor.zeros(batch, 1, 1, 1);
    }

    public static Adam adam(org.semfill.nn.Module net, float lr, float beta1) {
        return new Adam(net.parameters(), lr, beta1, 0.999f, 1e-8f);
    }

    /** The z prior's bounds: z is uniform in [Z_MIN, Z_MAX] in training, and the completion search keeps z there. */
    public static final float Z_MIN = -1f, Z_MAX = 1f;

    /**
     * Latent vectors for a batch, (n, nz, 1, 1), drawn from the z prior: uniform in [{@link #Z_MIN}, {@link #Z_MAX}].
     * The one place the prior is defined: training, sampling and the completion search's starting z all draw here.
     */
    public static Tensor noise(Rng rng, int n, int nz) {
        return Tensor.uniform(rng, Z_MIN, Z_MAX, n, nz, 1, 1);
    }

    /** Clips every value of z into the prior's domain [{@link #Z_MIN}, {@link #Z_MAX}], in place. */
    public static void clipToPrior(float[] z) {
        for (int i = 0; i < z.length; i++) z[i] = Math.max(Z_MIN, Math.min(Z_MAX, z[i]));
    }

    /** Runs one step on a real batch (N, C, H, W) in [-1, 1] and latent z (N, nz, 1, 1). */
    public Losses run(Tensor real, Tensor z) {
        try (var scope = buffers.open()) { // every step has the same shapes: reuse the last step's arrays
            return runInScope(real, z);
        }
    }

    private Losses runInScope(Tensor real, Tensor z) {
        // (1) discriminator; its weights, packed or transformed once (plans), serve the real and the fake batch
        optD.zeroGrad();
        Tensor outReal, outFake, fake;
        Tensor errReal, errFake;
        try (var scope = plans.use()) {
            outReal = gan.discriminator.forward(real);
            errReal = Ops.bce(outReal, ones);
            errReal.backward();
            fake = gan.generator.forward(z);
            outFake = gan.discriminator.forward(fake.detach());
            errFake = Ops.bce(outFake, zeros);
            errFake.backward();
        }
        optD.step();
        // (2) generator, through a frozen D
        optG.zeroGrad();
        gan.discriminator.requiresGrad(false);
        try (var scope = plans.use()) {
            Tensor out = gan.discriminator.forward(fake);
            Tensor errG = Ops.bce(out, ones);
            errG.backward();
            optG.step();
            return new Losses(errReal.item() + errFake.item(), errG.item(), mean(outReal), mean(outFake), mean(out));
        } finally {
            gan.discriminator.requiresGrad(true);
        }
    }

    public int batch() {
        return batch;
    }

    private static float mean(Tensor t) {
        double s = 0;
        for (float v : t.data()) s += v;
        return (float) (s / t.numel());
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
