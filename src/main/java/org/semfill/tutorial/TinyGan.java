package org.semfill.tutorial;

import java.util.Arrays;
import org.semfill.autograd.Ops;
import org.semfill.internal.Rng;
import org.semfill.nn.Activation;
import org.semfill.nn.Linear;
import org.semfill.nn.Sequential;
import org.semfill.optim.Adam;
import org.semfill.tensor.Grad;
import org.semfill.tensor.Tensor;

/**
 * A GAN of two small multilayer perceptrons on 1-D data (Goodfellow et al. 2014, "Generative Adversarial Nets",
 * arXiv 1406.2661): the generator G maps noise z (noiseDim) to one number x, the discriminator D maps one number to
 * a logit whose sigmoid is the probability that x is real. One {@link #step()} is k = dSteps updates of D, then one
 * of G (Algorithm 1 of the paper):
 *
 * <pre>
 * D: minimise  BCE(D(x_real), 1) + BCE(D(G(z)), 0)   = -[log D(x) + log(1 - D(G(z)))]
 * G: minimise  BCE(D(G(z)), 1)                         = -log D(G(z))     (the non-saturating loss)
 * </pre>
 *
 * At the game's equilibrium G's samples follow the target, D(x) = 1/2 everywhere, the D loss is
 * 2 log 2 = log 4 = 1.386 and the G loss log 2 = 0.693.
 *
 * <p>Every random draw of training (initial weights, noise, real samples) comes from one {@link Rng} seeded once.
 */
public final class TinyGan {
    private final TinyGanConfig config;
    private final Rng rng;
    private final Sequential generator, discriminator;
    private final Adam optG, optD;
    private final Tensor ones, zeros; // (batch, 1) labels: real = 1, fake = 0

    /** Fresh networks and optimisers, all random draws from {@code seed}. */
    public TinyGan(TinyGanConfig config, long seed) {
        this.config = config;
        this.rng = new Rng(seed);
        int h = config.hidden();
        // G: z -> h -> h -> x. Leaky ReLU keeps gradients flowing everywhere; the output is linear, since the
        // target is not bounded (DCGAN's tanh output suits pixels in [-1, 1], not a number like 2.3).
        generator = new Sequential(new Linear(config.noiseDim(), h, true, rng), Activation.leakyRelu(0.2f),
            new Linear(h, h, true, rng), Activation.leakyRelu(0.2f), new Linear(h, 1, true, rng));
        // D: x -> h -> h -> logit; the sigmoid is folded into the loss (bceWithLogits) for numerical stability.
        discriminator = new Sequential(new Linear(1, h, true, rng), Activation.leakyRelu(0.2f),
            new Linear(h, h, true, rng), Activation.leakyRelu(0.2f), new Linear(h, 1, true, rng));
        optG = new Adam(generator.parameters(), config.lr(), config.beta1());
        optD = new Adam(discriminator.parameters(), config.lr(), config.beta1());
        ones = filled(config.batch(), 1f);
        zeros = filled(config.batch(), 0f);
    }

    public TinyGanConfig config() {
        return config;
    }

    /**
     * What one training step measured (its last D update, and the G update): the two losses and D's mean output
     * on the real batch and on the fakes. At equilibrium they settle at log 4, log 2, 1/2 and 1/2.
     */
    public record Losses(float d, float g, float dReal, float dFake) {}

    /** k discriminator updates, then one generator update; returns what the last of each measured. */
    public Losses step() {
        int n = config.batch();
        float lossD = 0, dReal = 0, dFake = 0;
        for (int k = 0; k < config.dSteps(); k++) {
            // 1. Discriminator: real samples should score 1, fakes 0. G's output is a constant here.
            Tensor real = Tensor.of(config.target().sample(n, rng), n, 1);
            Tensor fake;
            try (var off = Grad.off()) {
                fake = generator.forward(noise(n, rng));
            }
            optD.zeroGrad();
            Tensor logitReal = discriminator.forward(real), logitFake = discriminator.forward(fake); // (n, 1) each
            Tensor loss = Ops.add(Ops.bceWithLogits(logitReal, ones), Ops.bceWithLogits(logitFake, zeros));
            loss.backward();
            optD.step();
            lossD = loss.item();
            dReal = meanSigmoid(logitReal);
            dFake = meanSigmoid(logitFake);
        }

        // 2. Generator: make D call fresh fakes real. D is frozen, but passes gradients back to its input.
        discriminator.requiresGrad(false);
        optG.zeroGrad();
        Tensor fakeLogits = discriminator.forward(generator.forward(noise(n, rng))); // (n, 1)
        Tensor lossG = Ops.bceWithLogits(fakeLogits, ones);
        lossG.backward();
        optG.step();
        discriminator.requiresGrad(true);

        return new Losses(lossD, lossG.item(), dReal, dFake);
    }

    /**
     * n generated samples (no gradients recorded), with noise from {@code noiseRng}: looking at G must not use up
     * the training stream, or drawing a chart would change what is learnt.
     */
    public float[] generate(int n, Rng noiseRng) {
        try (var off = Grad.off()) {
            return generator.forward(noise(n, noiseRng)).data().clone();
        }
    }

    /** D(x) = sigmoid(logit) for each x: the probability D gives to "x is real". */
    public double[] discriminate(double[] xs) {
        float[] in = new float[xs.length]; // (len, 1)
        for (int i = 0; i < xs.length; i++) in[i] = (float) xs[i];
        try (var off = Grad.off()) {
            float[] logits = discriminator.forward(Tensor.of(in, xs.length, 1)).data();
            double[] p = new double[xs.length];
            for (int i = 0; i < p.length; i++) p[i] = sigmoid(logits[i]);
            return p;
        }
    }

    /** z of shape (n, noiseDim), uniform in [-1, 1] or standard normal as configured. */
    private Tensor noise(int n, Rng from) {
        return config.noise() == TinyGanConfig.Noise.NORMAL ? Tensor.normal(from, 0f, 1f, n, config.noiseDim())
            : Tensor.uniform(from, -1f, 1f, n, config.noiseDim());
    }

    private static float meanSigmoid(Tensor logits) {
        double s = 0;
        for (float v : logits.data()) s += sigmoid(v);
        return (float) (s / logits.numel());
    }

    private static double sigmoid(double v) {
        return 1 / (1 + StrictMath.exp(-v));
    }

    private static Tensor filled(int n, float v) {
        float[] d = new float[n]; // (n, 1)
        Arrays.fill(d, v);
        return Tensor.of(d, n, 1);
    }
}
