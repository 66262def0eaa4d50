package org.semfill.completion;

import java.util.ArrayList;
import java.util.List;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Check;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/**
 * Semantic completion of a batch of images (Yeh et al. 2016; Amos 2016), start to end: contextual weights
 * from the mask, the latent search through frozen G and D, then the fill pasted into the hole and Poisson
 * blended.
 */
public final class Completion {
    /** How to complete: the search settings, Yeh's weights or the plain mask, Poisson blending or not, snapshots every K iterations (0 = none). */
    public record Options(SearchSettings search, boolean weighted, boolean poisson, int snapshotEvery) {}

    private Completion() {}

    /**
     * Completes n images (n, C, H, W) in [-1, 1] whose known pixels are given by {@code mask}.
     * The hole's content in {@code images} is never read.
     */
    public static CompletionResult run(Dcgan gan, float[] images, int n, Mask mask, Options o, Rng rng, Progress progress) {
        int c = gan.config.channels(), s = gan.config.size();
        Check.arg(images.length == n * c * s * s, "completion: " + images.length + " values are not " + n + " images of " + c + "x" + s + "x" + s);
        Check.arg(mask.height() == s && mask.width() == s, "completion: mask " + mask.height() + "x" + mask.width() + " for " + s + "x" + s + " images");
        Tensor y = Tensor.of(mask.damage(images, 0f), n, c, s, s); // hole zeroed: nothing leaks into the search
        Tensor w = Tensor.of(ImportanceWeights.of(mask, o.weighted()), 1, 1, s, s);
        LatentSearch search = new LatentSearch(gan.generator, gan.discriminator, gan.config.nz(), y, w, o.search(), rng);
        int iters = o.search().iterations(), rows = n * o.search().restarts();
        float[] loss = new float[iters], contextual = new float[iters], perceptual = new float[iters];
        List<float[]> snapshots = new ArrayList<>();
        List<Integer> snapshotIters = new ArrayList<>();
        for (int it = 0; it < iters; it++) {
            search.step();
            float[] l = search.lastRowLosses(), cl = search.lastContextual(), pl = search.lastPerceptual();
            loss[it] = mean(l);
            contextual[it] = mean(cl);
            perceptual[it] = mean(pl);
            if (o.snapshotEvery() > 0 && (it % o.snapshotEvery() == 0 || it == iters - 1)) {
                float[] g = search.lastGenerated().data();
                snapshots.add(java.util.Arrays.copyOf(g, n * c * s * s)); // the first restart's rows
                snapshotIters.add(it);
            }
            if (progress != null) {
                progress.status(String.format("loss %.2f (context %.2f, realism %.3f) per image", loss[it], contextual[it], perceptual[it]));
                progress.step(1);
            }
        }
        LatentSearch.Result best = search.best(n);
        float[] g = best.generated().data();
        float[] damaged = mask.damage(images, 0f);
        float[] completed = PoissonBlend.completeNaive(images, g, mask);
        float[] blended = o.poisson() ? new PoissonBlend(mask).blend(images, g) : completed;
        return new CompletionResult(n, c, s, damaged, g, completed, blended, loss, contextual, perceptual,
                snapshots, snapshotIters, best.loss(), rows);
    }

    private static float mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return (float) (s / v.length);
    }
}
