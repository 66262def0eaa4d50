package org.semfill.completion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.internal.SettingError;

/**
 * Semantic completion of a batch of images (Yeh et al. 2016; Amos 2016), start to end: a {@link CompletionSession}
 * run for all its iterations, with the mean losses of every step, snapshots of G(z) (each image's winning restart)
 * and, when asked for, every step's losses and z per image kept for the reports.
 */
public final class Completion {
    private Completion() {}

    /**
     * What to keep of the search besides its mean losses: G(z) (and it pasted into the hole) at the iterations
     * (0-based) {@code snapshotAt} accepts, and with {@code trace} every iteration's losses and z per image.
     */
    public record Watch(IntPredicate snapshotAt, boolean trace) {
        /** No snapshots, no trace: the fills and the mean losses only. */
        public static final Watch NONE = new Watch(it -> false, false);

        /** Snapshots every K iterations and the last (K = 0: none), no trace. */
        public static Watch every(int k, int iterations) {
            return new Watch(it -> k > 0 && (it % k == 0 || it == iterations - 1), false);
        }
    }

    /**
     * Completes n images (n, C, H, W) in [-1, 1] whose known pixels are given by {@code mask}, keeping the snapshots
     * and trace {@code watch} asks for. The hole's content in {@code images} is never read. G and D are left in the
     * modes they were in.
     */
    public static CompletionResult run(Dcgan gan, float[] images, int n, Mask mask, CompletionSession.Settings settings, Watch watch, Rng rng,
                                       Progress progress) {
        return run(gan, images, n, mask, settings, watch, rng, progress, null);
    }

    /** As above, adding the seconds spent in the search's steps to {@code stepSeconds[0]} (when not null). */
    static CompletionResult run(Dcgan gan, float[] images, int n, Mask mask, CompletionSession.Settings settings, Watch watch, Rng rng,
                                Progress progress, double[] stepSeconds) {
        try (CompletionSession session = new CompletionSession(gan, images, n, mask, settings, rng)) {
            int iters = session.iterations(), per = session.channels() * session.size() * session.size(), rows = session.rows();
            float[] loss = new float[iters], contextual = new float[iters], perceptual = new float[iters];
            Snapshots kept = Snapshots.forSnapshotsOf((long) rows * per); // every row's G(z): the winners are picked at the end; bounded
            TraceWriter trace = watch.trace() ? new TraceWriter() : null; // to disk: memory must not grow with the iterations
            for (int it = 0; it < iters; it++) {
                long t0 = System.nanoTime();
                session.step();
                if (stepSeconds != null) stepSeconds[0] += (System.nanoTime() - t0) / 1e9;
                float[] l = session.rowLosses(), c = session.contextual(), p = session.perceptual();
                loss[it] = CompletionSession.mean(l);
                contextual[it] = CompletionSession.mean(c);
                perceptual[it] = CompletionSession.mean(p);
                if (trace != null) trace.add(l, c, p, session.z());
                if (watch.snapshotAt().test(it) && kept.keeps(it == iters - 1)) kept.add(it, Arrays.copyOf(session.generated(), rows * per), 0);
                if (progress != null) {
                    progress.status(String.format("loss %.2f (context %.2f, realism %.3f) per image", loss[it], contextual[it], perceptual[it]));
                    progress.step(1);
                }
            }
            CompletionSession.Fill f = session.fill();
            int[] winner = new int[n]; // the winning row of each image
            for (int i = 0; i < n; i++) winner[i] = f.restart()[i] * n + i;
            List<float[]> chosen = new ArrayList<>(), pasted = new ArrayList<>();
            List<Integer> snapshotIters = kept.iterations();
            for (float[] all : kept.data()) {
                float[] g = pick(all, winner, per);
                chosen.add(g);
                pasted.add(PoissonBlend.completeNaive(images, g, mask));
            }
            CompletionResult.Trace done = trace == null ? null : trace.finish(rows, n, iters, f.restart().clone());
            CompletedImages filled = new CompletedImages(session.channels(), session.size(), session.damaged(), f.generated(), f.completed(),
                    f.blended());
            return new CompletionResult(filled, new LossParts(loss, contextual, perceptual), f.loss(),
                    new CompletionResult.SearchSnapshots(snapshotIters, chosen, pasted), done);
        }
    }

    /** Every row's losses and z, an iteration at a time, into a temporary file (deleted when the trace is closed, or at exit). */
    private static final class TraceWriter {
        private final java.nio.file.Path file;
        private final java.io.DataOutputStream out;
        private int nz = -1;

        TraceWriter() {
            try {
                file = java.nio.file.Files.createTempFile("semfill-trace-", ".bin");
                file.toFile().deleteOnExit();
                out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 16));
            } catch (java.io.IOException e) {
                throw cannotWrite("the temporary folder", e);
            }
        }

        void add(float[] loss, float[] contextual, float[] perceptual, float[] z) {
            if (nz < 0) nz = z.length / loss.length;
            try {
                for (float[] a : new float[][] {loss, contextual, perceptual, z}) for (float v : a) out.writeFloat(v);
            } catch (java.io.IOException e) {
                throw cannotWrite(file.toString(), e);
            }
        }

        private static SettingError cannotWrite(String where, java.io.IOException e) {
            String reason = org.semfill.internal.ReadableFiles.reason(e);
            SettingError error = new SettingError(CompletionSetting.TRACE,
                    name -> "cannot write the search's log to " + where + " (" + reason + "); free some space there or leave out "
                            + name.apply(CompletionSetting.TRACE));
            error.initCause(e);
            return error;
        }

        CompletionResult.Trace finish(int rows, int n, int iterations, int[] restart) {
            try {
                out.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new CompletionResult.Trace(Math.max(nz, 0), rows, n, iterations, restart, file);
        }
    }

    /**
     * Several plausible fills per image by HMC on z (Amos's {@code --approach hmc}): {@code settings.search().restarts()}
     * chains per image, each run for {@code settings.search().iterations()} HMC iterations; every chain's last sample is
     * pasted into the hole and, with Poisson blending on, blended. Row r * n + i is chain r of image i. Keeps the
     * snapshots and trace {@code watch} asks for.
     */
    public static SampledFills sample(Dcgan gan, float[] images, int n, Mask mask, CompletionSession.Settings settings, HmcSampler.Settings hmc,
                                      SampleWatch watch, Rng rng, Progress progress) {
        return sample(gan, images, n, mask, settings, hmc, watch, rng, progress == null ? null : (it, sampler) -> {
            progress.status(String.format("loss %.2f (context %.2f) per chain, acceptance %.2f", CompletionSession.mean(sampler.current().loss()),
                    CompletionSession.mean(sampler.current().contextual()), sampler.acceptanceRate()));
            progress.step(1);
            return true;
        });
    }

    /**
     * Told after every HMC iteration (0-based) with the sampler (its current z, losses and G(z)); returning false
     * stops the run there, and the fills are those of the chains' current z.
     */
    @FunctionalInterface
    public interface SampleListener {
        boolean iterated(int iteration, HmcSampler sampler);
    }

    /**
     * What to keep of an HMC run besides its fills: every chain's G(z) pasted into the hole at the iterations
     * (0-based) {@code snapshotAt} accepts, for the first {@code snapshotImages} images only (a GIF shows a few), and
     * with {@code trace} every iteration's losses, acceptance and z of every chain.
     */
    public record SampleWatch(IntPredicate snapshotAt, int snapshotImages, boolean trace) {
        public static final SampleWatch NONE = new SampleWatch(it -> false, 0, false);
    }

    /** As above, telling {@code listener} (may be null) of every iteration; the studio watches and stops a run through it. */
    public static SampledFills sample(Dcgan gan, float[] images, int n, Mask mask, CompletionSession.Settings settings, HmcSampler.Settings hmc,
                                      SampleWatch watch, Rng rng, SampleListener listener) {
        try (CompletionSession session = new CompletionSession(gan, images, n, mask, settings, rng)) {
            HmcSampler sampler = session.sampler(hmc, rng.split());
            int iters = session.iterations(), k = settings.search().restarts(), per = session.channels() * session.size() * session.size();
            int shown = Math.min(n, Math.max(0, watch.snapshotImages()));
            float[] acceptance = new float[iters];
            Snapshots kept = Snapshots.forSnapshotsOf((long) shown * k * per); // bounded, whatever the iterations
            SampledFills.ChainTrace.Builder trace = watch.trace() ? new SampledFills.ChainTrace.Builder() : null;
            float[] shownImages = Arrays.copyOf(images, shown * per);
            int done = 0;
            for (int it = 0; it < iters; it++) {
                acceptance[it] = sampler.iterate();
                done = it + 1;
                LatentSearch.Evaluation now = sampler.current();
                if (trace != null) trace.add(now, sampler.lastAccepted(), sampler.z());
                if (shown > 0 && watch.snapshotAt().test(it) && kept.keeps(it == iters - 1)) {
                    float[] pasted = new float[shown * k * per]; // row r * shown + i: chain r of image i
                    for (int r = 0; r < k; r++) {
                        float[] g = Arrays.copyOfRange(now.generated(), r * n * per, (r * n + shown) * per);
                        System.arraycopy(PoissonBlend.completeNaive(shownImages, g, mask), 0, pasted, r * shown * per, shown * per);
                    }
                    kept.add(it, pasted, sampler.acceptanceRate());
                }
                if (listener != null && !listener.iterated(it, sampler)) break;
            }
            LatentSearch.Evaluation e = sampler.current();
            float[] g = e.generated(), completed = new float[g.length], blended = new float[g.length];
            for (int r = 0; r < k; r++) {
                float[] chain = Arrays.copyOfRange(g, r * n * per, (r + 1) * n * per);
                float[] c = PoissonBlend.completeNaive(images, chain, mask);
                System.arraycopy(c, 0, completed, r * n * per, c.length);
                System.arraycopy(settings.poisson() ? session.blend(chain) : c, 0, blended, r * n * per, c.length);
            }
            CompletedImages fills = new CompletedImages(session.channels(), session.size(), session.damaged(), g, completed, blended);
            SampledFills.Chains chains = new SampledFills.Chains(k, done, sampler.z(), Arrays.copyOf(acceptance, done), sampler.acceptanceRate());
            SampledFills.ChainSnapshots snapshots = new SampledFills.ChainSnapshots(shown, kept.iterations(), kept.data(), kept.values());
            return new SampledFills(fills, chains, new LossParts(e.loss(), e.contextual(), e.perceptual()), snapshots,
                    trace == null ? null : trace.build(gan.config.nz(), k));
        }
    }

    /** Row winner[i] (of {@code per} values) of {@code all} as row i of the result. */
    private static float[] pick(float[] all, int[] winner, int per) {
        float[] out = new float[winner.length * per];
        for (int i = 0; i < winner.length; i++) System.arraycopy(all, winner[i] * per, out, i * per, per);
        return out;
    }
}
