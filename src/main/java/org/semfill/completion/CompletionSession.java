package org.semfill.completion;

import org.semfill.gan.Dcgan;
import org.semfill.internal.Check;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/**
 * One semantic completion (Yeh et al. 2016; Amos 2016) of a batch of images, step by step: the one place where a
 * completion is set up, searched and finished. Every user (the {@code complete}, {@code evaluate-completion} and
 * {@code demo} commands through {@link Completion#run}, the studio, the benchmark and the tutorial chapters) goes
 * through it.
 *
 * <ol>
 *   <li>setup: the contextual weights from the mask (Yeh's or the plain mask), the damaged images (hole zeroed, so
 *       nothing of it leaks into the search), and the {@link LatentSearch} (which freezes G and D);</li>
 *   <li>{@link #step()}: one Adam step on z; per-row losses of that step ({@link #rowLosses()} and its two parts)
 *       come from the search's loss graph;</li>
 *   <li>{@link #generated()} (G(z) of every row) and {@link #best()} at any time;</li>
 *   <li>{@link #fill()}: the best row per image pasted into the hole and, with Poisson blending, blended; for
 *       {@code lowres} (nothing known pixel by pixel) "pasted" is G(z-hat) itself and "blended" is G(z-hat) shifted
 *       block by block to the input's block means ({@link BlockAverages#correct});</li>
 *   <li>{@link #close()}: G and D get back the training modes and requiresGrad flags they had before.</li>
 * </ol>
 *
 * <p>Rows: with {@code restarts} k, row r * n + i is restart r of image i. Not thread-safe; G and D must not be
 * used elsewhere while a session is open.
 */
public final class CompletionSession implements AutoCloseable {
    /**
     * How to complete: the search settings, Yeh's importance weights (true) or the plain mask, Poisson blending
     * (true) or plain pasting, and whether the first restart starts from the model's learned encoder when it has
     * one (true) or every start is random.
     */
    public record Settings(SearchSettings search, boolean weighted, boolean poisson, boolean learnedStart) {
        public Settings {
            Check.arg(search != null, "completion settings need search settings");
        }

        /** As above, starting from the model's encoder when it has one. */
        public Settings(SearchSettings search, boolean weighted, boolean poisson) {
            this(search, weighted, poisson, true);
        }

        /** Amos's search ({@link SearchSettings#defaults()}), Yeh's weights, Poisson blending, the encoder's start if any. */
        public static Settings defaults() {
            return new Settings(SearchSettings.defaults(), true, true);
        }

        public Settings withSearch(SearchSettings s) {
            return new Settings(s, weighted, poisson, learnedStart);
        }

        public Settings withLearnedStart(boolean on) {
            return new Settings(search, weighted, poisson, on);
        }
    }

    /**
     * The fill of every image, each (n, C, S, S): G(z-hat) of its best restart, that pasted into the hole, and the
     * blended completion (the pasted one when blending is off); with the best row's final loss and restart per image.
     */
    public record Fill(float[] generated, float[] completed, float[] blended, float[] loss, int[] restart) {}

    private final Settings settings;
    private final Mask mask;
    private final int n, channels, size;
    private final float[] images, damaged;
    private final LatentSearch search;
    private final boolean learnedStart;
    private PoissonBlend blend; // factored on first use
    private boolean closed;

    /**
     * Sets up the completion of n images (n, C, S, S) in [-1, 1] whose known pixels are given by {@code mask}; the
     * hole's content in {@code images} is never read. Freezes G and D until {@link #close()}.
     */
    public CompletionSession(Dcgan gan, float[] images, int n, Mask mask, Settings settings, Rng rng) {
        int c = gan.config.channels(), s = gan.config.size();
        Check.arg(n >= 1, "completion needs at least one image, got " + n);
        Check.arg(images.length == n * c * s * s, "completion: " + images.length + " values are not " + n + " images of " + c + "x" + s + "x" + s);
        Check.arg(mask.height() == s && mask.width() == s, "completion: mask " + mask.height() + "x" + mask.width() + " for " + s + "x" + s + " images");
        this.settings = settings;
        this.mask = mask;
        this.n = n;
        this.channels = c;
        this.size = s;
        this.images = images;
        this.damaged = mask.damage(images, 0f); // hole zeroed (lowres: the block means): nothing else leaks into the search
        Tensor y, w;
        if (mask.knowsBlockAverages()) { // lowres: y is the k x k block means; the search compares G(z)'s with them
            int low = s / mask.block();
            y = Tensor.of(BlockAverages.pool(damaged, s, s, mask.block()), n, c, low, low);
            float[] ones = new float[low * low];
            java.util.Arrays.fill(ones, 1f); // Yeh's weights favour known pixels beside the hole; here no pixel is known
            w = Tensor.of(ones, 1, 1, low, low);
        } else {
            y = Tensor.of(damaged.clone(), n, c, s, s);
            w = Tensor.of(ImportanceWeights.of(mask, settings.weighted()), 1, 1, s, s);
        }
        // Restart 0 of every image starts where the encoder guesses (Lahiri et al. 2019); the other restarts stay random.
        float[] start = settings.learnedStart() && gan.hasEncoder() ? gan.encoder().encode(damaged, mask.toArray(), n) : null;
        this.learnedStart = start != null;
        this.search = new LatentSearch(gan.generator, gan.discriminator, gan.config.nz(), y, w, settings.search(), start, rng);
    }

    /** Whether the search started from the model's encoder (else every start is random). */
    public boolean startedFromEncoder() {
        return learnedStart;
    }

    /** One Adam step on z; returns the loss before the step, summed over all rows. */
    public float step() {
        checkState(!closed, "the completion session is closed");
        return search.step();
    }

    /**
     * An HMC sampler (Amos's {@code --approach hmc}) over this session's rows, starting from their current z, with
     * the loss of this session's search; an alternative to {@link #step()}: use one or the other.
     */
    public HmcSampler sampler(HmcSampler.Settings hmc, Rng rng) {
        checkState(!closed, "the completion session is closed");
        return new HmcSampler(search, hmc, rng);
    }

    /** Steps taken so far. */
    public int iteration() {
        return search.iteration();
    }

    /** Steps the settings ask for. */
    public int iterations() {
        return settings.search().iterations();
    }

    public Settings settings() {
        return settings;
    }

    public Mask mask() {
        return mask;
    }

    /** Images being completed. */
    public int n() {
        return n;
    }

    /** Rows of the search: images times restarts. */
    public int rows() {
        return n * settings.search().restarts();
    }

    public int channels() {
        return channels;
    }

    public int size() {
        return size;
    }

    /** The damaged images (n, C, S, S): the hole zeroed; for lowres, every block set to its mean (the low-resolution input). A copy. */
    public float[] damaged() {
        return damaged.clone();
    }

    /** Per row, the loss (contextual + lambda * perceptual) of the last step, as the search's graph computed it. */
    public float[] rowLosses() {
        return search.lastRowLosses();
    }

    /** Per row, the contextual loss || W * (G(z) - y) ||_1 of the last step. */
    public float[] contextual() {
        return search.lastContextual();
    }

    /** Per row, the perceptual loss log(1 - D(G(z))) of the last step. */
    public float[] perceptual() {
        return search.lastPerceptual();
    }

    /** Per row, the z that gave the last step's G(z) and losses, (rows * nz): a copy. */
    public float[] z() {
        return search.lastZ();
    }

    /** G(z) of the last step for every row, (rows, C, S, S), live: copy what you keep. Null before the first step. */
    public float[] generated() {
        Tensor g = search.lastGenerated();
        return g == null ? null : g.data();
    }

    /** The best restart per image so far: its G(z), z, loss and restart index. */
    public LatentSearch.Result best() {
        checkState(iteration() > 0, "the completion session has taken no step yet");
        return search.best(n);
    }

    /**
     * The best restart's G(z) per image pasted into the hole and, with Poisson blending on, blended (lowres: G(z)
     * and G(z) corrected to the known block means; the block correction replaces Poisson blending there).
     */
    public Fill fill() {
        LatentSearch.Result best = best();
        float[] g = best.generated().data();
        float[] completed = PoissonBlend.completeNaive(images, g, mask);
        return new Fill(g, completed, settings.poisson() ? blend(g) : completed, best.loss(), best.restart());
    }

    /**
     * G(z) of the n images ((n, C, S, S), e.g. one HMC chain's) blended into them: Poisson blending, or for lowres
     * G's blocks shifted to the known block means.
     */
    public float[] blend(float[] generated) {
        Check.arg(generated.length == images.length, "blend needs " + images.length + " values, got " + generated.length);
        if (mask.knowsBlockAverages())
            return BlockAverages.correct(generated, BlockAverages.pool(damaged, size, size, mask.block()), size, size, mask.block());
        if (blend == null) blend = new PoissonBlend(mask);
        return blend.blend(images, generated);
    }

    /**
     * Takes the remaining steps, reporting each to {@code progress} (may be null), and returns the {@link #fill()}.
     */
    public Fill finish(Progress progress) {
        while (iteration() < iterations()) {
            step();
            if (progress != null) {
                progress.status(String.format("loss %.2f (context %.2f, realism %.3f) per image",
                        mean(rowLosses()), mean(contextual()), mean(perceptual())));
                progress.step(1);
            }
        }
        return fill();
    }

    /** The mean of per-row values, e.g. of {@link #rowLosses()}: the loss per image of the last step. */
    public static float mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return (float) (s / v.length);
    }

    /** Gives G and D back their training modes and requiresGrad flags. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        search.close();
    }

    private static void checkState(boolean ok, String message) {
        if (!ok) throw new IllegalStateException(message);
    }
}
