package org.semfill.studio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semfill.completion.Completion;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.HmcSampler;
import org.semfill.completion.SampledFills;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Rng;

/**
 * One completion run of the studio, step by step, so the page can watch it: a {@link CompletionSession}
 * (Yeh et al. 2016) of one image with every restart as a row of the batch, and after some steps a
 * {@link Frame}: G(z) of every restart, and the best restart's fill blended into the hole. G and D get their
 * modes back when the search ends.
 *
 * <p>With HMC ({@link JobSpec#sampling()}) the rows are chains of {@link Completion#sample}: the frames show every
 * chain's current G(z) and loss (no blended result while it runs), and at the end the {@link Fills}: every chain's
 * fill blended into the hole, for the user to choose from.
 *
 * <p>Threads: {@link #run} is called on the studio's single worker thread (G and D are shared and not
 * thread-safe, so two searches never run at once); the HTTP threads read the latest frame and the loss
 * history through volatile fields. Losses of step i are written before {@code recorded} becomes i + 1, so a
 * reader that sees {@code recorded} sees them.
 */
final class StudioJob implements Runnable {
    enum State { QUEUED, RUNNING, DONE, CANCELLED, FAILED }

    /** What the page shows after {@code iteration} steps: PNG data URLs, per-restart losses, the winning restart. */
    record Frame(int iteration, List<String> generated, float[] rowLoss, int best, String blended, byte[] blendedPng) {}

    /** HMC's result after {@code iteration} steps: per chain its fill blended into the hole (PNG data URL and bytes) and its loss. */
    record Fills(int iteration, List<String> blended, List<byte[]> png, float[] loss) {}

    /** Frames are made at most this often (and after the first and the last step). */
    static final long FRAME_INTERVAL_NANOS = 150_000_000L;

    final String id;
    private final Dcgan gan;
    private final JobSpec spec;
    private final float[][] loss; // (restarts, iterations): per-restart loss after each step
    private volatile int recorded;
    private volatile Frame frame;
    private volatile Fills fills;
    private volatile float acceptance = Float.NaN; // HMC: accepted proposals so far
    private volatile State state = State.QUEUED;
    private volatile String error;
    private volatile boolean cancelRequested;
    private volatile String supersededBy; // the id of the newer job from the same page that stopped this one

    StudioJob(String id, Dcgan gan, JobSpec spec) {
        this.id = id;
        this.gan = gan;
        this.spec = spec;
        this.loss = new float[spec.search().restarts()][spec.search().iterations()];
    }

    /** Asks the search to stop after its current step; the last frame stays. False if it had already ended. */
    boolean cancel() {
        State s = state;
        if (s != State.QUEUED && s != State.RUNNING) return false;
        cancelRequested = true;
        return true;
    }

    /** Stops this job because {@code newer}, from the same page, replaces it; it says so in its status. */
    void supersede(String newer) {
        State s = state;
        if (s != State.QUEUED && s != State.RUNNING) return; // it ended on its own: nothing was superseded
        supersededBy = newer; // before the cancel, so the job never shows as cancelled without the reason
        cancel();
    }

    /** True once the job has ended or was asked to stop: it no longer holds a place in the queue. */
    boolean finishedOrStopping() {
        State s = state;
        return cancelRequested || (s != State.QUEUED && s != State.RUNNING);
    }

    /** The state as the page sees it: queued, running, done, cancelled, failed. */
    String stateName() {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Why there is no result to download: still working, cancelled before a step, or failed. */
    String noResultMessage() {
        return switch (state) {
            case CANCELLED -> "job " + id + (supersededBy != null ? " was superseded by job " + supersededBy + " (a newer request from the same page)"
                    : " was cancelled") + " before its first step finished, so it has no result";
            case FAILED -> "job " + id + " failed, so it has no result: " + error;
            case DONE -> "job " + id + " has no result";
            default -> "job " + id + " has no result yet: it is " + stateName() + "; try again when "
                    + (spec.sampling() ? "it is done (its fills come at the end)" : "its first step is done");
        };
    }

    /** One line on how the job ended (cancelled or failed), or null while it runs or when it finished. */
    private String note(int done) {
        return switch (state) {
            case CANCELLED -> {
                String how = done == 0 ? "cancelled before its first step: there is no result"
                        : "cancelled after " + done + " of " + spec.search().iterations() + " steps; the result shows step "
                                + (frame == null ? done : frame.iteration());
                yield supersededBy == null ? how : "superseded by job " + supersededBy + " (a newer request from the same page); " + how;
            }
            case FAILED -> "failed after " + done + " steps: " + error;
            default -> null;
        };
    }

    State state() {
        return state;
    }

    Frame frame() {
        return frame;
    }

    JobSpec spec() {
        return spec;
    }

    @Override
    public void run() {
        if (cancelRequested) {
            state = State.CANCELLED;
            return;
        }
        state = State.RUNNING;
        try {
            if (spec.sampling()) sample();
            else search();
            state = cancelRequested ? State.CANCELLED : State.DONE;
        } catch (Throwable e) { // a stack overflow or out of memory fails this job, not the studio's worker
            error = e instanceof OutOfMemoryError ? "out of memory: the studio may use " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB; try fewer restarts, or give it more with JAVA_OPTS=-Xmx..."
                    : e.getMessage() == null ? e.toString() : e.getMessage();
            state = State.FAILED;
        }
    }

    private void search() {
        CompletionSession.Settings settings = new CompletionSession.Settings(spec.search(), spec.weighted(), spec.poisson());
        try (CompletionSession session = new CompletionSession(gan, spec.image().pixels(), 1, spec.mask(), settings, new Rng(spec.seed()))) {
            int iters = session.iterations();
            long lastFrame = 0;
            for (int it = 0; it < iters && !cancelRequested; it++) {
                session.step();
                float[] rows = session.rowLosses();
                for (int r = 0; r < rows.length; r++) loss[r][it] = rows[r];
                recorded = it + 1;
                long now = System.nanoTime();
                if (it == 0 || it == iters - 1 || cancelRequested || now - lastFrame >= FRAME_INTERVAL_NANOS) {
                    frame = makeFrame(session, it + 1);
                    lastFrame = System.nanoTime();
                }
            }
            if (recorded > 0 && frame.iteration() != recorded) frame = makeFrame(session, recorded);
        }
    }

    /** HMC: the chains of {@link Completion#sample}, watched after every iteration and stopped early on cancel. */
    private void sample() {
        CompletionSession.Settings settings = new CompletionSession.Settings(spec.search(), spec.weighted(), spec.poisson());
        int c = gan.config.channels(), s = gan.config.size(), iters = spec.search().iterations();
        long[] lastFrame = {0};
        SampledFills result = Completion.sample(gan, spec.image().pixels(), 1, spec.mask(), settings, spec.hmc(),
                Completion.SampleWatch.NONE, new Rng(spec.seed()), (it, sampler) -> {
                    float[] rows = sampler.current().loss();
                    for (int r = 0; r < rows.length; r++) loss[r][it] = rows[r];
                    acceptance = sampler.acceptanceRate();
                    recorded = it + 1;
                    long now = System.nanoTime();
                    if (it == 0 || it == iters - 1 || cancelRequested || now - lastFrame[0] >= FRAME_INTERVAL_NANOS) {
                        frame = chainFrame(sampler, it + 1, c, s);
                        lastFrame[0] = System.nanoTime();
                    }
                    return !cancelRequested;
                });
        List<String> urls = new ArrayList<>();
        List<byte[]> pngs = new ArrayList<>();
        int per = result.images().imageSize();
        for (int r = 0; r < result.chains().k(); r++) {
            byte[] png = Png.encode(Arrays.copyOfRange(result.images().blended(), r * per, (r + 1) * per), c, s, s);
            pngs.add(png);
            urls.add(Png.dataUrl(png));
        }
        fills = new Fills(result.chains().iterations(), urls, pngs, result.last().loss());
    }

    /** HMC's frame: every chain's current G(z) and loss; the best is the lowest loss; no blended result yet. */
    private static Frame chainFrame(HmcSampler sampler, int iteration, int c, int s) {
        int per = c * s * s;
        float[] g = sampler.current().generated(), rowLoss = sampler.current().loss();
        List<String> generated = new ArrayList<>();
        int best = 0;
        for (int r = 0; r < rowLoss.length; r++) {
            generated.add(Png.dataUrl(Arrays.copyOfRange(g, r * per, (r + 1) * per), c, s, s));
            if (rowLoss[r] < rowLoss[best]) best = r;
        }
        return new Frame(iteration, generated, rowLoss.clone(), best, null, null);
    }

    /**
     * The result as PNG bytes: Adam's blended best restart ({@code fill} must be null), or HMC's fill number
     * {@code fill} (1 .. fills, as the page numbers them).
     *
     * @throws HttpError 400 for a fill number that does not fit the job, 409 while there is no result
     */
    byte[] resultPng(Integer fill) {
        if (!spec.sampling()) {
            if (fill != null) throw HttpError.badRequest("fill is for jobs that sample several fills (approach hmc); job " + id
                    + " searched with Adam and has one result: leave fill out");
            Frame f = frame;
            if (f == null) throw new HttpError(409, noResultMessage());
            return f.blendedPng();
        }
        int k = spec.search().restarts();
        if (fill == null) throw HttpError.badRequest("job " + id + " sampled " + k + " fills: choose one with ?fill=1 .. ?fill=" + k);
        if (fill < 1 || fill > k) throw HttpError.badRequest("fill must be between 1 and " + k + " for job " + id + ", got " + fill);
        Fills f = fills;
        if (f == null) throw new HttpError(409, noResultMessage());
        return f.png().get(fill - 1);
    }

    Fills fills() {
        return fills;
    }

    private Frame makeFrame(CompletionSession session, int iteration) {
        int c = session.channels(), s = session.size(), per = c * s * s;
        float[] g = session.generated(); // (restarts, C, S, S)
        List<String> generated = new ArrayList<>();
        for (int r = 0; r < session.rows(); r++)
            generated.add(Png.dataUrl(Arrays.copyOfRange(g, r * per, (r + 1) * per), c, s, s));
        CompletionSession.Fill fill = session.fill(); // the best restart, pasted and (with Poisson on) blended
        byte[] png = Png.encode(fill.blended(), c, s, s);
        return new Frame(iteration, generated, session.rowLosses(), fill.restart()[0], Png.dataUrl(png), png);
    }

    /**
     * The job as the page sees it: state, progress, the latest frame, and the loss history from step
     * {@code since} on (one list per restart), so a poll only carries the new points.
     */
    Map<String, Object> status(int since) {
        int done = recorded;
        int from = Math.max(0, Math.min(since, done));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("state", stateName());
        if (error != null) out.put("error", error);
        if (supersededBy != null) out.put("supersededBy", supersededBy);
        String note = note(done);
        if (note != null) out.put("note", note);
        out.put("iteration", done);
        out.put("iterations", spec.search().iterations());
        out.put("approach", spec.sampling() ? "hmc" : "adam");
        if (spec.sampling()) {
            out.put("chains", spec.search().restarts());
            out.put("acceptance", Float.isFinite(acceptance) ? acceptance : null);
        } else {
            out.put("restarts", spec.search().restarts());
        }
        out.put("image", spec.image().id());
        out.put("mask", spec.mask().name());
        out.put("lossFrom", from);
        List<Float[]> history = new ArrayList<>();
        for (float[] row : loss) history.add(finite(Arrays.copyOfRange(row, from, done)));
        out.put("loss", history);
        Frame f = frame;
        if (f != null) {
            out.put("frameIteration", f.iteration());
            out.put("generated", f.generated());
            out.put("rowLoss", finite(f.rowLoss()));
            out.put("best", f.best());
            if (f.blended() != null) out.put("blended", f.blended());
        }
        Fills h = fills;
        if (h != null) {
            out.put("fillsIteration", h.iteration());
            out.put("fills", h.blended());
            out.put("fillLoss", finite(h.loss()));
        }
        return out;
    }

    /** JSON has no NaN or infinity: such values become null (a gap in the page's loss curve). */
    private static Float[] finite(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.isFinite(v[i]) ? v[i] : null;
        return out;
    }
}
