package org.semfill.completion;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;

/**
 * Many images to complete: the images in batches of {@code batch}, each batch a {@link Completion#run} (or, to sample
 * with HMC, a {@link Completion#sample}) with its own {@code rng.split()} (so a batch's result does not depend on the
 * batches before it), and each finished batch handed to a {@link Sink}. The {@code complete} and
 * {@code evaluate-completion} commands and {@code bench --mode complete-many} all go through it.
 *
 * <p>With {@code background} on, a finished batch's sink runs on a writer thread while the next batch searches: at
 * most one batch waits for or is in its sink (a queue of one), so the search waits for the writer only when writing a
 * batch takes longer than searching one. A sink's exception is thrown here, at the next batch boundary or at the end,
 * as it was thrown (unchecked) or wrapped in an {@link IllegalStateException}; no later batch is written, and none after
 * the one searched meanwhile is searched. If a search fails, the batch being written is finished first.
 */
public final class CompletionJob {
    /** Told of every finished batch: its index (from 0), its images [from, to) and its result. */
    @FunctionalInterface
    public interface Sink<R> {
        void accept(int batchIndex, int from, int to, R result) throws Exception;
    }

    /**
     * How the job's time went: wall clock; time in the batches' completions (set-up, steps, snapshots, blending);
     * time in the search steps alone (Adam's; 0 when sampling); time waiting for the writer.
     */
    public record Timing(double wallSeconds, double searchSeconds, double stepSeconds, double waitSeconds, int batches) {}

    /** One batch's completion: its images, its own Rng, its progress bar (may be null), and the step-time counter. */
    @FunctionalInterface
    private interface BatchWork<R> {
        R complete(ImageSet part, Rng rng, Progress progress, double[] stepSeconds);
    }

    private CompletionJob() {}

    /** The number of batches of at most {@code batch} images that cover {@code n} images. */
    public static int batches(int n, int batch) {
        return (n + batch - 1) / batch;
    }

    /**
     * Completes every image of {@code images} with mask {@code mask}, {@code batch} images at a time, and hands each
     * batch's result to {@code sink} (on a writer thread with {@code background}); the progress bar of each batch is
     * named {@code task + " b/B"} (null task: no progress).
     */
    public static Timing run(Dcgan gan, ImageSet images, Mask mask, CompletionSession.Settings settings, Completion.Watch watch, Rng rng,
                             int batch, String task, boolean background, Sink<CompletionResult> sink) {
        return inBatches(images, settings.search().iterations(), rng, batch, task, background, sink, (part, r, p, steps) ->
                Completion.run(gan, part.pixels(), part.n(), mask, settings, watch, r, p, steps));
    }

    /** As {@link #run}, sampling every batch's fills by HMC ({@link Completion#sample}) instead of searching. */
    public static Timing sample(Dcgan gan, ImageSet images, Mask mask, CompletionSession.Settings settings, HmcSampler.Settings hmc,
                                Completion.SampleWatch watch, Rng rng, int batch, String task, boolean background, Sink<SampledFills> sink) {
        return inBatches(images, settings.search().iterations(), rng, batch, task, background, sink, (part, r, p, steps) ->
                Completion.sample(gan, part.pixels(), part.n(), mask, settings, hmc, watch, r, p));
    }

    private static <R> Timing inBatches(ImageSet images, int iters, Rng rng, int batch, String task, boolean background, Sink<R> sink,
                                        BatchWork<R> work) {
        long t0 = System.nanoTime();
        int n = images.n(), batches = batches(n, batch);
        double search = 0, wait = 0;
        double[] steps = {0};
        ExecutorService writer = background ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "semfill-completion-writer");
            t.setDaemon(true);
            return t;
        }) : null;
        Future<?> pending = null;
        try {
            for (int b = 0; b < batches; b++) {
                int from = b * batch, to = Math.min(n, from + batch);
                ImageSet part = images.subset(from, to);
                R r;
                long s0 = System.nanoTime();
                try (Progress p = task == null ? null : Progress.start(String.format("%s %d/%d", task, b + 1, batches), iters, "it")) {
                    r = work.complete(part, rng.split(), p, steps);
                }
                search += (System.nanoTime() - s0) / 1e9;
                long w0 = System.nanoTime();
                await(pending); // the previous batch's sink: done (or failed) before this one is queued
                wait += (System.nanoTime() - w0) / 1e9;
                pending = null;
                int index = b;
                if (writer == null) accept(sink, index, from, to, r);
                else pending = writer.submit(() -> {
                    accept(sink, index, from, to, r);
                    return null;
                });
            }
            long w0 = System.nanoTime();
            Future<?> last = pending;
            pending = null;
            await(last);
            wait += (System.nanoTime() - w0) / 1e9;
        } catch (RuntimeException | Error e) {
            finishQuietly(pending, e); // a failed search still lets the previous batch's files be written whole
            throw e;
        } finally {
            if (writer != null) writer.shutdown();
        }
        return new Timing((System.nanoTime() - t0) / 1e9, search, steps[0], wait, batches);
    }

    private static <R> void accept(Sink<R> sink, int index, int from, int to, R r) {
        try {
            sink.accept(index, from, to, r);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("writing batch " + (index + 1) + " failed: " + e.getMessage(), e);
        }
    }

    /** Waits for a pending sink after {@code failure}; what the sink throws is attached to the failure. */
    private static void finishQuietly(Future<?> f, Throwable failure) {
        if (f == null) return;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() != failure) failure.addSuppressed(e.getCause());
        }
    }

    /** Waits for a batch's sink; rethrows what it threw. */
    private static void await(Future<?> f) {
        if (f == null) return;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a batch", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c.getMessage(), c);
        }
    }
}
