package org.semfill.gan;

import static org.semfill.gan.TrainingSetting.EPOCHS;
import static org.semfill.gan.TrainingSetting.LEARNING_RATE;
import static org.semfill.gan.TrainingSetting.RESUME;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.semfill.data.Batcher;
import org.semfill.data.TrainingImages;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;
import org.semfill.kernels.Engine;
import org.semfill.kernels.Parallel;
import org.semfill.optim.Adam;
import org.semfill.tensor.Tensor;

/**
 * The training loop of a DCGAN, resumable, writing into a {@link RunDirectory}: {@code checkpoint.safetensors}
 * (everything needed to continue), {@code samples/epoch-NNN.png} (a grid from a fixed z per epoch), {@code losses.png}
 * and {@code log.csv} (the history), and at the end the model. What a run folder holds, and whether a new run may start
 * in it, is the {@link RunDirectory}'s to say; the data comes prepared ({@link RunData}).
 * Every random draw comes from the seed: weights, batch order, noise, the fixed z of the sample grids.
 *
 * <p>The images are read a batch at a time from the prepared cache, so the heap a run needs does not grow with the
 * number of training images.
 */
public final class Trainer {
    /** Batches timed (after two warm-up batches) before the whole run's time is estimated. */
    private static final int ESTIMATE_AFTER = 20;
    private final TrainOptions opt;
    private final Path run;
    private final RunDirectory folder;
    private final TrainingImages data;
    private final Dcgan gan;
    private final Adam optD, optG;
    private final TrainStep step;
    private final Tensor fixedZ;
    private Rng noise;
    private Batcher batcher;
    private History history = new History();
    private long iteration;
    /** Test hook: stop (as if killed) after this many iterations in this process; negative = never. */
    private long stopAfter = -1;
    private IntConsumer onEpoch = e -> {};
    /** Where the trainer's messages go (the progress bar draws itself, see {@link Progress}). */
    private java.io.PrintStream log = System.out;
    /** Whether {@link #train()} opens with the layer table: off for a caller that printed it already. */
    private boolean layerTable = true;

    private Trainer(TrainOptions opt, Path run, TrainingImages data) {
        this.opt = opt;
        this.run = run;
        this.folder = RunDirectory.of(run);
        this.data = data;
        this.gan = Dcgan.create(opt.model(), opt.seed());
        this.optD = TrainStep.adam(gan.discriminator, opt.lr(), opt.beta1());
        this.optG = TrainStep.adam(gan.generator, opt.lr(), opt.beta1());
        this.step = new TrainStep(gan, optD, optG, opt.batch());
        Rng root = new Rng(opt.seed() ^ 0x5EEDF111L);
        this.noise = root.split();
        this.batcher = new Batcher(data.n(), opt.batch(), root.split());
        this.fixedZ = TrainStep.noise(root.split(), 64, opt.model().nz());
    }

    /** A new run on {@code data}: refuses a run directory that already holds a run or a model ({@link RunDirectory#refuseNewRun}). */
    public static Trainer start(TrainOptions opt, Path run, TrainingImages data) {
        RunDirectory.of(run).refuseNewRun();
        Trainer t = new Trainer(opt, run, data);
        t.folder.writeConfig(opt);
        return t;
    }

    /** Continues the run in {@code run} from its last checkpoint; {@code epochs} (if > 0) replaces the planned total. */
    public static Trainer resume(Path run, int epochs, java.util.function.Function<TrainOptions, ? extends TrainingImages> loader) {
        return resume(run, o -> epochs > 0 ? o.withEpochs(epochs) : o, loader);
    }

    /**
     * Continues the run in {@code run} from its last checkpoint with the options {@code changes} makes of the stored
     * ones (it may refuse, e.g. options that cannot change mid-run). A new total of epochs below what is done is
     * refused, and so is resuming a finished run (its model written, all epochs done) without a larger total.
     * The options used are recorded in config.json only once they are accepted.
     */
    public static Trainer resume(Path run, java.util.function.UnaryOperator<TrainOptions> changes,
                                 java.util.function.Function<TrainOptions, ? extends TrainingImages> loader) {
        RunDirectory folder = RunDirectory.of(run);
        folder.requireCheckpoint();
        TrainOptions stored = folder.config(), opt = changes.apply(stored);
        int engine = folder.engine();
        Trainer t = new Trainer(opt, run, loader.apply(opt));
        Checkpoint.Position p = Checkpoint.load(run, t.gan, t.optD, t.optG);
        Batcher restored = Batcher.restore(p.batcher(), t.data.n(), opt.batch()); // first: the data must be the run's own
        long perEpoch = restored.batchesPerEpoch(), done = p.iteration();
        String doneText = done % perEpoch == 0 ? plural(done / perEpoch, "epoch") + " are done"
                : plural(done / perEpoch, "epoch") + " and " + plural(done % perEpoch, "batch") + " of the next are done";
        if ((long) opt.epochs() * perEpoch < done)
            throw new SettingError(EPOCHS, name -> "cannot resume " + run + " with " + name.apply(EPOCHS) + " " + opt.epochs() + " in all: " + doneText
                    + "; give " + name.apply(EPOCHS) + " " + (done / perEpoch + 1) + " or more to train longer");
        if ((long) opt.epochs() * perEpoch == done && Files.exists(run.resolve(ModelFiles.GENERATOR)))
            throw new SettingError(EPOCHS, name -> run + " has finished training: all " + opt.epochs() + " epochs are done and its model is written; "
                    + "to train longer, give a larger total: " + name.apply(RESUME) + " " + name.apply(EPOCHS) + " " + (opt.epochs() + 1) + " or more");
        t.iteration = done;
        t.noise = Rng.fromState(p.rng());
        t.batcher = restored;
        t.history = p.history();
        if (engine != Engine.VERSION)
            t.log.println("note: " + run + " was trained so far by engine " + engine + "; engine " + Engine.VERSION
                    + " continues it, so the rest of the run has other bits than engine " + engine + " would give");
        folder.writeConfig(opt);
        return t;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : word.equals("batch") ? "es" : "s");
    }

    /** Leaves the layer table out of {@link #train()}'s first lines, for a caller (chapter 3) that prints it itself. */
    public Trainer withoutLayerTable() {
        layerTable = false;
        return this;
    }

    /** Trains until the planned number of epochs is done; returns the run's final model. */
    public Dcgan train() {
        long perEpoch = batcher.batchesPerEpoch(), total = perEpoch * opt.epochs();
        float[] batchBuf = new float[opt.batch() * data.imageSize()];
        int[] shape = {opt.batch(), data.c(), data.h(), data.w()};
        long ranHere = 0, readNanos = 0, timedFrom = 0;
        if (layerTable) log.print(gan.describe());
        log.printf("training on %,d images (%s), %d epochs x %,d batches of %d%n", data.n(), data.source(), opt.epochs(), perEpoch, opt.batch());
        if (iteration > 0) log.printf("resuming at iteration %d (epoch %d)%n", iteration, iteration / perEpoch + 1);
        if (iteration > 0 && iteration % perEpoch == 0) { // a run killed between its epoch-end checkpoint and the epoch's pictures
            int epoch = (int) (iteration / perEpoch);
            if (!Files.exists(run.resolve(RunDirectory.SAMPLES).resolve(String.format("epoch-%03d.png", epoch)))) Reports.epoch(run, gan, fixedZ, epoch, history);
        }
        long lastCheckpoint = System.nanoTime();
        try (Progress bar = Progress.start("train", total, "batch")) {
            if (iteration > 0) bar.step(iteration);
            gan.generator.train(true);
            gan.discriminator.train(true);
            while (iteration < total) {
                int epoch = (int) (iteration / perEpoch);
                long t0 = System.nanoTime();
                batcher.next(data, batchBuf);
                readNanos += System.nanoTime() - t0;
                TrainStep.Losses l = step.run(Tensor.of(batchBuf, shape), TrainStep.noise(noise, opt.batch(), opt.model().nz()));
                if (!l.finite()) throw diverged(l, epoch);
                history.add(epoch + 1, l);
                iteration++;
                ranHere++;
                bar.status(String.format("ep %d D %.3f G %.3f D(x) %.2f D(G(z)) %.2f", epoch + 1, l.lossD(), l.lossG(), l.dReal(), l.dFake1()));
                bar.step(1);
                if (ranHere == 2) {
                    timedFrom = System.nanoTime();
                    readNanos = 0;
                } else if (ranHere == 2 + ESTIMATE_AFTER) {
                    estimate(System.nanoTime() - timedFrom, readNanos, total - iteration, perEpoch);
                }
                boolean epochEnd = iteration % perEpoch == 0;
                // The epoch's pictures first, then its checkpoint: a checkpoint of epoch k always has samples/epoch-k.png beside it.
                if (epochEnd) Reports.epoch(run, gan, fixedZ, epoch + 1, history);
                boolean timeUp = opt.checkpointMinutes() > 0 && System.nanoTime() - lastCheckpoint >= opt.checkpointMinutes() * 60e9;
                if (epochEnd || timeUp || (opt.checkpointEvery() > 0 && iteration % opt.checkpointEvery() == 0)) {
                    checkpoint();
                    lastCheckpoint = System.nanoTime();
                    if (!epochEnd && timeUp) bar.status("checkpoint at iteration " + iteration);
                }
                if (epochEnd) onEpoch.accept(epoch + 1);
                if (stopAfter >= 0 && ranHere >= stopAfter) return gan;
            }
        }
        ModelFiles.save(gan, run);
        return gan;
    }

    /** Prints, early in a run, what the rest will take at the measured speed, and how much of it is reading images. */
    private void estimate(long nanos, long readNanos, long left, long perEpoch) {
        double perBatch = nanos / 1e9 / ESTIMATE_AFTER;
        log.printf("speed: %.0f images/s on %d threads (%.1f%% of it reading batches); an epoch takes %s, the rest of the run %s%s%n",
                opt.batch() / perBatch, Parallel.threads(), 100.0 * readNanos / nanos, Progress.duration(perBatch * perEpoch),
                Progress.duration(perBatch * left), checkpointsText());
    }

    /** When this run checkpoints, as the speed line says it: every N minutes and/or N iterations, and at each epoch end. */
    private String checkpointsText() {
        List<String> every = new java.util.ArrayList<>();
        if (opt.checkpointMinutes() > 0) every.add("every " + Progress.duration(opt.checkpointMinutes() * 60));
        if (opt.checkpointEvery() > 0) every.add("every " + plural(opt.checkpointEvery(), "iteration"));
        return " (checkpoints " + (every.isEmpty() ? "" : String.join(", ", every) + " and ") + "at each epoch end)";
    }

    private void checkpoint() {
        Checkpoint.save(run, gan, optD, optG, iteration, noise, batcher.state(), history);
        try {
            AtomicFiles.writeString(run.resolve(RunDirectory.LOG), history.toCsv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UserError diverged(TrainStep.Losses l, int epoch) {
        return new SettingError(LEARNING_RATE, name -> String.format("training diverged at iteration %d (epoch %d): D loss %s, G loss %s; the last "
                + "good checkpoint %s is kept; try a lower %s or resume with %s", iteration + 1, epoch + 1, l.lossD(), l.lossG(),
                run.resolve(Checkpoint.FILE), name.apply(LEARNING_RATE), name.apply(RESUME)));
    }

    public Trainer stopAfter(long iterations) {
        this.stopAfter = iterations;
        return this;
    }

    /** Sends the trainer's messages to {@code out} instead of System.out; returns this trainer. */
    public Trainer log(java.io.PrintStream out) {
        this.log = java.util.Objects.requireNonNull(out, "log");
        return this;
    }

    public Trainer onEpoch(IntConsumer c) {
        this.onEpoch = c;
        return this;
    }

    public Dcgan gan() {
        return gan;
    }

    public History history() {
        return history;
    }

    public TrainOptions options() {
        return opt;
    }
}
