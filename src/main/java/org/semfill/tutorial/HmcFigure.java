package org.semfill.tutorial;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.semfill.completion.Completion;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.HmcSampler;
import org.semfill.completion.Mask;
import org.semfill.completion.SampledFills;
import org.semfill.completion.SearchSettings;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.io.ImageGrid;

/**
 * Chapter 4's HMC figure: several fills of one held-out image, sampled by Hamiltonian Monte Carlo on z
 * ({@code complete --approach hmc}), beside the original and the damaged image, with a panel of where the fills
 * disagree. It draws from its own random stream, so adding it changed none of the chapter's other numbers.
 */
final class HmcFigure {
    /** Chains, hence fills, for the one image. */
    static final int FILLS = 8;
    /**
     * Beta 10, 10 leapfrog steps of 0.01, 200 iterations: about 8 seconds on 2 cores. With Amos's defaults (beta
     * 0.2, 100 steps of 0.001, 1,000 iterations) one run costs 100,000 evaluations of G and D per chain, and at
     * beta 0.2 or 1 the chains wander far from the known pixels (a contextual loss of 10 where Adam reaches 3).
     */
    static final HmcSampler.Settings KNOBS = new HmcSampler.Settings(10f, 0.01f, 10, 1f);
    static final int ITERATIONS = 200;
    /** The held-out image: trousers, whose hole hides where the legs part, so the fills differ there. */
    static final int IMAGE = 2;
    /** Mixed into the chapter's seed: a stream of its own, so the earlier figures keep theirs. */
    private static final long STREAM = 0x484D43L; // "HMC"

    private HmcFigure() {}

    static Path write(Path file, Dcgan gan, ImageSet held, Mask mask, long seed, PrintStream log) {
        return write(file, gan, held, IMAGE, mask, KNOBS, ITERATIONS, seed, log);
    }

    /** As above with other knobs and iterations (tests use few). */
    static Path write(Path file, Dcgan gan, ImageSet held, int image, Mask mask, HmcSampler.Settings knobs, int iterations,
                      long seed, PrintStream log) {
        int c = held.c(), size = held.h(), per = c * size * size;
        float[] original = held.image(image);
        SearchSettings search = SearchSettings.defaults().withIterations(iterations).withRestarts(FILLS);
        CompletionSession.Settings settings = new CompletionSession.Settings(search, true, true, false); // random starts, Poisson blending
        SampledFills s;
        try (Progress p = Progress.start("hmc", iterations, "it")) {
            s = Completion.sample(gan, original, 1, mask, settings, knobs, Completion.SampleWatch.NONE, new Rng(seed ^ STREAM), p);
        }
        float[] spread = spreadInHole(s.images().blended(), FILLS, per, mask);
        float[] cells = new float[(FILLS + 3) * 3 * size * size];
        int rgb = 3 * size * size;
        System.arraycopy(CompletionFigures.toRgb(original, 1, c, size, null), 0, cells, 0, rgb);
        System.arraycopy(CompletionFigures.toRgb(original, 1, c, size, mask), 0, cells, rgb, rgb);
        System.arraycopy(CompletionFigures.toRgb(s.images().blended(), FILLS, c, size, null), 0, cells, 2 * rgb, FILLS * rgb);
        double white = Math.max(1e-6, CompletionFigures.max(spread));
        System.arraycopy(CompletionFigures.toRgb(CompletionFigures.valuesAsPixels(spread, white), 1, 1, size, null), 0, cells,
                (FILLS + 2) * rgb, rgb);
        List<String> titles = new ArrayList<>(List.of("original", "damaged"));
        for (int k = 1; k <= FILLS; k++) titles.add("fill " + k);
        titles.add("spread");
        new ImageGrid(FILLS + 3).scale(4).title(String.format(Locale.ROOT, "%d fills sampled by HMC on z (beta %s; %d iterations of %d leapfrog steps of %s), held-out image %d",
                        FILLS, num(knobs.beta()), iterations, knobs.leapfrog(), num(knobs.step()), image))
                .columnTitles(titles).write(file, cells, FILLS + 3, 3, size, size);

        double[] loss = range(s.last().loss()), ctx = range(s.last().contextual());
        log.printf(Locale.ROOT, "HMC on z for held-out image %d, %s hole: %d chains, %d iterations of %d leapfrog steps of %s, beta %s: acceptance %.2f%n",
                image, mask.name(), FILLS, iterations, knobs.leapfrog(), num(knobs.step()), num(knobs.beta()), s.chains().acceptanceRate());
        log.printf(Locale.ROOT, "final loss per chain %.2f to %.2f (contextual %.2f to %.2f); spread of the fills in the hole: mean %.3f, largest %.3f%n",
                loss[0], loss[1], ctx[0], ctx[1], mean(spread, mask), white);
        log.println(file + ": " + FILLS + " fills of one held-out image sampled by HMC, beside the original and the damaged image;"
                + " spread = where the fills disagree (per-pixel standard deviation, white = most)");
        return file;
    }

    /** Per pixel of the first plane, the standard deviation over the k images (0 outside the hole). */
    static float[] spreadInHole(float[] images, int k, int per, Mask mask) {
        int plane = mask.planeSize();
        float[] out = new float[plane];
        for (int p = 0; p < plane; p++) {
            if (mask.isKnown(p)) continue;
            double sum = 0, squares = 0;
            for (int i = 0; i < k; i++) sum += images[i * per + p];
            double mean = sum / k;
            for (int i = 0; i < k; i++) squares += (images[i * per + p] - mean) * (images[i * per + p] - mean);
            out[p] = (float) Math.sqrt(squares / k);
        }
        return out;
    }

    private static double mean(float[] spread, Mask mask) {
        double s = 0;
        for (int p = 0; p < spread.length; p++) if (!mask.isKnown(p)) s += spread[p];
        return s / mask.holeCount();
    }

    private static double[] range(float[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return new double[] {lo, hi};
    }

    /** 1 for 1.0, 0.01 for 0.01: the knobs as a user types them. */
    private static String num(float v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
    }
}
