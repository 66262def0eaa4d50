package org.semfill.completion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;

/**
 * Semantic completion of a batch of images (Yeh et al. 2016; Amos 2016), start to end: a {@link CompletionSession}
 * run for all its iterations, with the mean losses of every step and snapshots of G(z) kept for the reports.
 */
public final class Completion {
    /** How to complete: the search settings, Yeh's weights or the plain mask, Poisson blending or not, snapshots every K iterations (0 = none). */
    public record Options(SearchSettings search, boolean weighted, boolean poisson, int snapshotEvery) {
        public Options(CompletionSession.Settings s, int snapshotEvery) {
            this(s.search(), s.weighted(), s.poisson(), snapshotEvery);
        }

        /** The session's settings: these options without the snapshots. */
        public CompletionSession.Settings settings() {
            return new CompletionSession.Settings(search, weighted, poisson);
        }
    }

    private Completion() {}

    /**
     * Completes n images (n, C, H, W) in [-1, 1] whose known pixels are given by {@code mask}.
     * The hole's content in {@code images} is never read. G and D are left in the modes they were in.
     */
    public static CompletionResult run(Dcgan gan, float[] images, int n, Mask mask, Options o, Rng rng, Progress progress) {
        try (CompletionSession session = new CompletionSession(gan, images, n, mask, o.settings(), rng)) {
            int iters = session.iterations(), per = session.channels() * session.size() * session.size();
            float[] loss = new float[iters], contextual = new float[iters], perceptual = new float[iters];
            List<float[]> snapshots = new ArrayList<>();
            List<Integer> snapshotIters = new ArrayList<>();
            for (int it = 0; it < iters; it++) {
                session.step();
                loss[it] = CompletionSession.mean(session.rowLosses());
                contextual[it] = CompletionSession.mean(session.contextual());
                perceptual[it] = CompletionSession.mean(session.perceptual());
                if (o.snapshotEvery() > 0 && (it % o.snapshotEvery() == 0 || it == iters - 1)) {
                    snapshots.add(Arrays.copyOf(session.generated(), n * per)); // the first restart's rows
                    snapshotIters.add(it);
                }
                if (progress != null) {
                    progress.status(String.format("loss %.2f (context %.2f, realism %.3f) per image", loss[it], contextual[it], perceptual[it]));
                    progress.step(1);
                }
            }
            CompletionSession.Fill f = session.fill();
            return new CompletionResult(n, session.channels(), session.size(), session.damaged(), f.generated(), f.completed(), f.blended(),
                    loss, contextual, perceptual, snapshots, snapshotIters, f.loss(), session.rows());
        }
    }
}
