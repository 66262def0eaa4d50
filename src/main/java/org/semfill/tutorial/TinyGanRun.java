package org.semfill.tutorial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.semfill.internal.Check;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;

/**
 * One training run of a {@link TinyGan} with everything chapter 2 draws: the per-step losses and D outputs, and
 * snapshots of G and D at chosen steps. All numbers follow from the config and the seed.
 *
 * @param dLoss,gLoss,dReal,dFake (steps) one value per training step, in order
 * @param snapshots               in increasing step order
 * @param finalSamples            generated samples after the last step (the same noise as every snapshot)
 */
public record TinyGanRun(TinyGanConfig config, long seed, double[] dLoss, double[] gLoss, double[] dReal,
                         double[] dFake, List<Snapshot> snapshots, float[] finalSamples) {

    /** Samples drawn from G at every snapshot: enough for a smooth histogram, cheap to generate. */
    public static final int SNAPSHOT_SAMPLES = 20_000;
    /** Steps between progress reports. */
    static final int PROGRESS_EVERY = 100;
    /** Points of the D(x) curve. */
    public static final int CURVE_POINTS = 301;

    /**
     * G and D at one moment: samples from G and D(x) along {@code x}.
     *
     * @param samples (SNAPSHOT_SAMPLES) generated values
     * @param x       (CURVE_POINTS) where D was evaluated
     * @param d       (CURVE_POINTS) D(x), in [0, 1]
     */
    public record Snapshot(int step, float[] samples, double[] x, double[] d) {}

    /**
     * Trains for {@code config.steps()} steps and takes a snapshot after each step count in {@code snapshotSteps}
     * (0 = before training; values above the step count are ignored). D is evaluated on [xLo, xHi].
     * {@code progress} may be null.
     */
    public static TinyGanRun train(TinyGanConfig config, long seed, int[] snapshotSteps, double xLo, double xHi,
                                   Progress progress) {
        Check.arg(xLo < xHi, "D(x) range must have lo < hi, got " + xLo + " .. " + xHi);
        int[] when = Arrays.stream(snapshotSteps).filter(s -> s >= 0 && s <= config.steps()).sorted().distinct().toArray();
        TinyGan gan = new TinyGan(config, seed);
        // Looking at G uses its own noise stream, the same at every snapshot: the pictures show how G's map of
        // one fixed set of z values changes, and the training stream is untouched.
        long evalSeed = new Rng(seed ^ 0x5EED_CAFEL).nextLong();
        double[] xs = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) xs[i] = xLo + (xHi - xLo) * i / (CURVE_POINTS - 1);

        int steps = config.steps();
        double[] dLoss = new double[steps], gLoss = new double[steps], dReal = new double[steps], dFake = new double[steps];
        List<Snapshot> snaps = new ArrayList<>();
        int next = 0;
        for (int s = 0; ; s++) {
            if (next < when.length && when[next] == s) {
                snaps.add(new Snapshot(s, gan.generate(SNAPSHOT_SAMPLES, new Rng(evalSeed)), xs, gan.discriminate(xs)));
                next++;
            }
            if (s == steps) break;
            TinyGan.Losses l = gan.step();
            dLoss[s] = l.d();
            gLoss[s] = l.g();
            dReal[s] = l.dReal();
            dFake[s] = l.dFake();
            if (progress != null && ((s + 1) % PROGRESS_EVERY == 0 || s + 1 == steps)) {
                progress.status(String.format(Locale.ROOT, "D loss %.3f, G loss %.3f", l.d(), l.g()));
                progress.step((s + 1) % PROGRESS_EVERY == 0 ? PROGRESS_EVERY : (s + 1) % PROGRESS_EVERY);
            }
        }
        float[] last = gan.generate(SNAPSHOT_SAMPLES, new Rng(evalSeed));
        return new TinyGanRun(config, seed, dLoss, gLoss, dReal, dFake, List.copyOf(snaps), last);
    }

    /** Statistics of the final samples against the target. */
    public SampleStats finalStats() {
        return SampleStats.of(finalSamples, config.target());
    }

    /** Mean of {@code values} over the last {@code k} steps (all of them if fewer): the level a noisy curve settles at. */
    public static double tailMean(double[] values, int k) {
        int from = Math.max(0, values.length - k);
        double s = 0;
        for (int i = from; i < values.length; i++) s += values[i];
        return values.length == from ? Double.NaN : s / (values.length - from);
    }
}
