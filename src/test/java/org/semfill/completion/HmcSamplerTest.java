package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;
import org.semfill.tensor.Tensor;

/** HMC on z: its gradient, its acceptance, several fills that differ yet fit the known pixels, and its determinism. */
class HmcSamplerTest {
    static final int S = 16, NZ = LatentSearchTest.SMALL.nz(), PER = S * S;
    static final Mask MASK = Masks.center(S);

    /**
     * A frozen tiny DCGAN whose G(z) varies with z: at initialisation (weights ~ N(0, 0.02)) G is nearly constant,
     * so every weight tensor of G is scaled up, as training would make them.
     */
    static Dcgan varied(long seed) {
        Dcgan gan = LatentSearchTest.frozen(seed);
        for (var e : gan.generator.stateDict().entrySet())
            if (e.getKey().endsWith("weight") && e.getValue().shape().length == 4) for (int i = 0; i < e.getValue().floats().length; i++) e.getValue().floats()[i] *= SCALE;
        return gan;
    }

    static final float SCALE = 20f;

    /** Images the model itself can make: G(z*) for random z*, so some z fits each exactly. */
    static float[] reachable(Dcgan gan, int n, long seed) {
        Tensor z = org.semfill.gan.TrainStep.noise(new Rng(seed), n, NZ);
        return gan.generator.forward(z).data().clone();
    }

    /** Mean |G(z) - y| over the known pixels of every row (row r * n + i against image i). */
    static double[] knownError(float[] g, float[] y, int n) {
        float[] known = MASK.toArray();
        int rows = g.length / PER;
        double[] e = new double[rows];
        double count = 0;
        for (float k : known) count += k;
        for (int r = 0; r < rows; r++) {
            int i = r % n;
            double s = 0;
            for (int p = 0; p < PER; p++) s += known[p] * Math.abs(g[r * PER + p] - y[i * PER + p]);
            e[r] = s / count;
        }
        return e;
    }

    static SampledFills run(Dcgan gan, float[] images, int n, int k, int iters, HmcSampler.Settings hmc, long seed) {
        var o = new CompletionSession.Settings(SearchSettings.defaults().withIterations(iters).withRestarts(k), true, false);
        return Completion.sample(gan, images, n, MASK, o, hmc, Completion.SampleWatch.NONE, new Rng(seed), (Progress) null);
    }

    /** Knobs under which the tiny model's chains fit the context within 40 iterations. */
    static final HmcSampler.Settings FITTING = new HmcSampler.Settings(10f, 0.01f, 10, 1f);

    @Test
    void theLeapfrogsGradientIsTheLossFiniteDifference() {
        Dcgan gan = varied(3);
        int n = 2;
        Tensor y = Tensor.of(reachable(gan, n, 11), n, 1, S, S);
        Tensor w = Tensor.of(ImportanceWeights.of(MASK, true), 1, 1, S, S);
        try (LatentSearch search = new LatentSearch(gan.generator, gan.discriminator, NZ, y, w, SearchSettings.defaults().withRestarts(2), new Rng(4))) {
            float[] z = search.z().data().clone();
            LatentSearch.Evaluation e = search.evaluate(z);
            double h = 1e-3, worst = 0, scale = 0;
            for (int j = 0; j < z.length; j++) {
                float[] plus = z.clone(), minus = z.clone();
                plus[j] += (float) h;
                minus[j] -= (float) h;
                int row = j / NZ;
                double fd = (search.evaluate(plus).loss()[row] - search.evaluate(minus).loss()[row]) / (2 * h);
                worst = Math.max(worst, Math.abs(fd - e.gradient()[j]));
                scale = Math.max(scale, Math.abs(e.gradient()[j]));
                for (int other = 0; other < z.length / NZ; other++)
                    if (other != row) assertEquals(e.loss()[other], search.evaluate(plus).loss()[other], 0f, "rows are independent");
            }
            assertTrue(scale > 1, "a gradient worth checking: " + scale);
            assertTrue(worst < 0.02 * scale, "dL/dz off its finite difference by " + worst + " (largest component " + scale + ")");
            assertArrayEquals(z, search.z().data(), 0f, "evaluate does not move z");
        }
    }

    @Test
    void evaluatingLeavesAdamsSearchBitIdentical() {
        float[][] runs = new float[2][];
        for (int run = 0; run < 2; run++) {
            Dcgan gan = varied(5);
            Tensor y = Tensor.of(reachable(gan, 2, 1), 2, 1, S, S);
            Tensor w = Tensor.of(MASK.toArray(), 1, 1, S, S);
            try (LatentSearch s = new LatentSearch(gan.generator, gan.discriminator, NZ, y, w, SearchSettings.defaults(), new Rng(7))) {
                for (int i = 0; i < 3; i++) {
                    if (run == 1) s.evaluate(s.z().data());
                    s.step();
                }
                runs[run] = s.z().data().clone();
            }
        }
        assertArrayEquals(runs[0], runs[1], 0f);
    }

    @Test
    void severalFillsPerImageDifferAndEachFitsTheKnownPixels() {
        Dcgan gan = varied(3);
        int n = 2, k = 4;
        float[] y = reachable(gan, n, 11);
        SampledFills s = run(gan, y, n, k, 40, FITTING, 5);
        assertEquals(n * k * PER, s.images().blended().length);
        // The bar: a random z's error on the known pixels, averaged over 64 draws (about 0.48 here). Chains fit to
        // 0.01..0.05; the same sampler on images the model cannot make (uniform noise) stays near 0.5 of 0.74.
        double random = mean(knownError(reachable(gan, 64, 99), y, n));
        double[] fit = knownError(s.images().generated(), y, n);
        for (int r = 0; r < fit.length; r++) assertTrue(fit[r] < 0.2 * random, "fill " + r + ": known-pixel error " + fit[r] + " vs random z " + random);
        float[] noise = Tensor.uniform(new Rng(8), -1, 1, n, 1, S, S).data();
        double[] unrelated = knownError(run(gan, noise, n, k, 40, FITTING, 5).images().generated(), noise, n);
        double randomOnNoise = mean(knownError(reachable(gan, 64, 99), noise, n));
        for (double e : unrelated) assertTrue(e > 0.2 * randomOnNoise, "the bound tells fits from non-fits: " + e + " vs " + randomOnNoise);

        float[] known = MASK.toArray();
        for (int i = 0; i < n; i++)
            for (int a = 0; a < k; a++)
                for (int b = a + 1; b < k; b++) {
                    double d = 0, c = 0;
                    for (int p = 0; p < PER; p++)
                        if (known[p] == 0) {
                            d += Math.abs(s.images().generated()[(a * n + i) * PER + p] - s.images().generated()[(b * n + i) * PER + p]);
                            c++;
                        }
                    assertTrue(d / c > 0.01, "image " + i + ": fills " + a + " and " + b + " differ in the hole by only " + d / c);
                }
        assertTrue(s.chains().acceptanceRate() > 0 && s.chains().acceptanceRate() < 1, "acceptance " + s.chains().acceptanceRate());
        for (float v : s.chains().z()) assertTrue(v >= -1 && v <= 1, "z stays in the prior's box: " + v);
    }

    @Test
    void theSameSeedGivesTheSameSamples() {
        Dcgan gan = varied(3);
        float[] y = reachable(gan, 2, 11);
        HmcSampler.Settings h = new HmcSampler.Settings(10f, 0.01f, 5, 0.9f);
        SampledFills a = run(gan, y, 2, 3, 4, h, 21), b = run(gan, y, 2, 3, 4, h, 21), c = run(gan, y, 2, 3, 4, h, 22);
        assertArrayEquals(a.chains().z(), b.chains().z(), 0f);
        assertArrayEquals(a.images().blended(), b.images().blended(), 0f);
        assertArrayEquals(a.chains().acceptance(), b.chains().acceptance(), 0f);
        assertTrue(!java.util.Arrays.equals(a.chains().z(), c.chains().z()), "another seed, other samples");
    }

    @Test
    void amossDefaultsAcceptNearlyEverything() {
        // With Amos's step 0.001 the leapfrog's energy error is tiny, so (nearly) every proposal is accepted: the
        // rate is in (0.9, 1]; the FITTING knobs above give a rate strictly inside (0, 1).
        Dcgan gan = varied(3);
        float[] y = reachable(gan, 2, 11);
        SampledFills s = run(gan, y, 2, 2, 3, HmcSampler.Settings.defaults(), 5);
        assertTrue(s.chains().acceptanceRate() > 0.9 && s.chains().acceptanceRate() <= 1, "acceptance " + s.chains().acceptanceRate());
    }

    @Test
    void annealingMultipliesBetaEveryIteration() {
        Dcgan gan = varied(3);
        Tensor y = Tensor.of(reachable(gan, 1, 11), 1, 1, S, S);
        Tensor w = Tensor.of(MASK.toArray(), 1, 1, S, S);
        try (LatentSearch search = new LatentSearch(gan.generator, gan.discriminator, NZ, y, w, SearchSettings.defaults(), new Rng(1))) {
            HmcSampler h = new HmcSampler(search, new HmcSampler.Settings(1f, 0.01f, 2, 2f), new Rng(2));
            h.iterate();
            h.iterate();
            assertEquals(4.0, h.beta(), 0);
            assertEquals(2, h.iteration());
        }
    }

    @Test
    void badKnobsAreUserErrors() {
        assertThrows(UserError.class, () -> new HmcSampler.Settings(0f, 0.01f, 10, 1f));
        assertThrows(UserError.class, () -> new HmcSampler.Settings(1f, Float.NaN, 10, 1f));
        assertThrows(UserError.class, () -> new HmcSampler.Settings(1f, 0.01f, 0, 1f));
        SettingError anneal = assertThrows(SettingError.class, () -> new HmcSampler.Settings(1f, 0.01f, 10, -1f));
        assertEquals(CompletionSetting.HMC_ANNEAL, anneal.setting()); // the CLI names its flag, --hmc-anneal (CompleteCommandTest)
        assertTrue(anneal.getMessage().startsWith("HMC's anneal factor must be in (0, 10]"), anneal.getMessage());
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
