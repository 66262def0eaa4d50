package org.semfill.gan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.semfill.data.Batcher;
import org.semfill.data.ImageSet;
import org.semfill.data.PrepareOptions;
import org.semfill.data.PreparedImages;
import org.semfill.data.Preparation;
import org.semfill.data.TrainingImages;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.UserError;
import org.semfill.kernels.Engine;
import org.semfill.kernels.Parallel;
import org.semfill.optim.Adam;
import org.semfill.tensor.Tensor;

/**
 * Trains a DCGAN into a run directory, resumably. Layout of RUN: {@code config.json} (the options),
 * {@code checkpoint.safetensors} (everything needed to continue), {@code samples/epoch-NNN.png} (a grid
 * from a fixed z per epoch), {@code losses.png} and {@code log.csv} (the history), and at the end
 * {@code generator.safetensors} / {@code discriminator.safetensors}; with {@code --hold-out N}, {@code held-out.npy}
 * (the N images kept out of training, for completion and the studio).
 * Every random draw comes from the seed: weights, batch order, noise, the fixed z of the sample grids.
 *
 * <p>The images are read a batch at a time from the prepared cache ({@link Preparation}), so the heap a run needs
 * does not grow with the number of training images.
 */
public final class Trainer {
    public static final String CONFIG = "config.json";
    /** The run's held-out images (uint8 NumPy (N, C, H, W)), written when training with --hold-out. */
    public static final String HELD_OUT = "held-out.npy";
    /** What to do about a damaged {@value #HELD_OUT}: prepare does not remake it, the run's data still holds those images. */
    public static final String HELD_OUT_REMEDY = "it is the run's copy of the images --hold-out kept out of training, which prepare does not remake: "
            + "delete it and give --data with the run's data (its held-out tail is taken from there) or with other images";
    /** Batches timed (after two warm-up batches) before the whole run's time is estimated. */
    private static final int ESTIMATE_AFTER = 20;
    private final TrainOptions opt;
    private final Path run;
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

    /** A new run: refuses a run directory that already holds a run or a model (see {@link #start(TrainOptions, Path, boolean)}). */
    public static Trainer start(TrainOptions opt, Path run, TrainingImages data) {
        refuseExisting(run);
        Trainer t = new Trainer(opt, run, data);
        t.writeConfig();
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
        if (!Files.exists(run.resolve(Checkpoint.FILE))) {
            if (Files.exists(run.resolve(ModelFiles.GENERATOR)))
                throw new UserError("cannot resume: " + run + " holds a finished model but no " + Checkpoint.FILE + " to continue from; "
                        + "start over with --force (deletes it) or train into another --out");
            if (Files.exists(run.resolve(CONFIG)))
                throw new UserError("cannot resume: " + run + " has no " + Checkpoint.FILE + " (training stopped before its first checkpoint); "
                        + "start over with --force");
            throw new UserError("cannot resume: " + run + " holds no training run (no " + Checkpoint.FILE + "); start one without --resume");
        }
        TrainOptions stored = readConfig(run), opt = changes.apply(stored);
        int engine = engineOf(run);
        Trainer t = new Trainer(opt, run, loader.apply(opt));
        Checkpoint.Position p = Checkpoint.load(run, t.gan, t.optD, t.optG);
        Batcher restored = Batcher.restore(p.batcher(), t.data.n(), opt.batch()); // first: the data must be the run's own
        long perEpoch = restored.batchesPerEpoch(), done = p.iteration();
        String doneText = done % perEpoch == 0 ? plural(done / perEpoch, "epoch") + " are done"
                : plural(done / perEpoch, "epoch") + " and " + plural(done % perEpoch, "batch") + " of the next are done";
        if ((long) opt.epochs() * perEpoch < done)
            throw new UserError("cannot resume " + run + " with --epochs " + opt.epochs() + " in all: " + doneText + "; give --epochs "
                    + (done / perEpoch + 1) + " or more to train longer");
        if ((long) opt.epochs() * perEpoch == done && Files.exists(run.resolve(ModelFiles.GENERATOR)))
            throw new UserError(run + " has finished training: all " + opt.epochs() + " epochs are done and its model is written; "
                    + "to train longer, give a larger total: --resume --epochs " + (opt.epochs() + 1) + " or more");
        t.iteration = done;
        t.noise = Rng.fromState(p.rng());
        t.batcher = restored;
        t.history = p.history();
        if (engine != Engine.VERSION)
            t.log.println("note: " + run + " was trained so far by engine " + engine + "; engine " + Engine.VERSION
                    + " continues it, so the rest of the run has other bits than engine " + engine + " would give");
        t.writeConfig();
        return t;
    }

    /** The config.json field that names the {@link Engine#VERSION} that wrote it. */
    static final String ENGINE = "engine";

    /** The engine version a run's config.json records (1 when it records none: runs from before the field). */
    static int engineOf(Path run) {
        try {
            com.google.gson.JsonElement e = com.google.gson.JsonParser.parseString(Files.readString(run.resolve(CONFIG)))
                    .getAsJsonObject().get(ENGINE);
            return e == null ? 1 : e.getAsInt();
        } catch (IOException | RuntimeException e) {
            return 1; // readConfig has already checked the file; an odd engine field only loses this note
        }
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : word.equals("batch") ? "es" : "s");
    }

    /**
     * The model of the run in {@code run}: reused when training there has finished, continued from its
     * checkpoint when it was interrupted (to {@code o.epochs()}), or trained from scratch with {@code o}.
     * {@code prepare} sees the trainer before training starts (e.g. to hook per-epoch quality tracking).
     */
    public static Dcgan trainOrReuse(TrainOptions o, Path run, java.util.function.Consumer<Trainer> prepare, java.io.PrintStream log) {
        if (Files.exists(run.resolve(ModelFiles.GENERATOR))) {
            log.println("reusing the model trained earlier in " + run + " (delete that folder to train again)");
            return ModelFiles.load(run);
        }
        Trainer t;
        if (Files.exists(run.resolve(Checkpoint.FILE))) {
            log.println("continuing the unfinished run in " + run);
            t = resume(run, o.epochs(), stored -> prepare(stored, log).train());
        } else {
            t = start(o, run, true, log); // no checkpoint, no model: at most the config of a run killed before its first checkpoint
        }
        t.log(log);
        prepare.accept(t);
        return t.train();
    }

    /**
     * A new run on the data its options name: the data is prepared (or found in the cache), the held-out images
     * are saved in the run as {@value #HELD_OUT}, and training reads its batches from the prepared file.
     */
    public static Trainer start(TrainOptions o, Path run) {
        return start(o, run, false);
    }

    /**
     * A new run as {@link #start(TrainOptions, Path)}; with {@code force} a run or model already in {@code run} is
     * deleted first (its files only, once the data is ready), without it such a directory is refused.
     */
    public static Trainer start(TrainOptions o, Path run, boolean force) {
        return start(o, run, force, System.out);
    }

    /** A new run as {@link #start(TrainOptions, Path, boolean)}, its messages (preparing the data too) going to {@code log}. */
    public static Trainer start(TrainOptions o, Path run, boolean force, java.io.PrintStream log) {
        if (!force) refuseExisting(run);
        Prepared p = prepare(o, log);
        if (force) removeRun(run);
        Trainer t = start(o, run, p.train()).log(log);
        if (p.heldOut().n() > 0) p.heldOut().writeNpy(run.resolve(HELD_OUT));
        return t;
    }

    /** The prepared images of a run's options: all of them, the training part and the held-out tail (views of one file). */
    public record Prepared(PreparedImages all, PreparedImages train, PreparedImages heldOut) {}

    /** Prepares the data of the options (or reuses the cache), splitting off the last {@code holdOut} images. */
    public static Prepared prepare(TrainOptions o) {
        return prepare(o, System.out);
    }

    /** As {@link #prepare(TrainOptions)}, saying what it does on {@code log}. */
    public static Prepared prepare(TrainOptions o, java.io.PrintStream log) {
        PrepareOptions po = new PrepareOptions(o.model().size(), o.model().channels(), o.crop(), o.limit() > 0 ? o.limit() + o.holdOut() : 0, false);
        Preparation.Result r = Preparation.obtain(o.data(), po, Preparation.defaultCacheFolder(), Parallel.threads(), log);
        PreparedImages all = r.images();
        if (r.reused()) log.printf("using the prepared images %s (%,d images)%n", r.file(), all.n());
        if (r.skippedList() != null)
            log.printf("note: %,d %s of %s could not be decoded and %s left out (listed in %s)%n", r.manifest().skipped(),
                    r.manifest().skipped() == 1 ? "photo" : "photos", o.data(), r.manifest().skipped() == 1 ? "is" : "are", r.skippedList());
        if (all.n() <= o.holdOut())
            throw new UserError("the data has " + all.n() + " images, not more than --hold-out " + o.holdOut());
        return new Prepared(all, all.range(0, all.n() - o.holdOut()), all.range(all.n() - o.holdOut(), all.n()));
    }

    /** The training images of the options (hold-out removed), read from the prepared file a batch at a time. */
    public static TrainingImages loadData(TrainOptions o) {
        return prepare(o).train();
    }

    /** The training images of the options in memory (for small data: nearest-neighbour baselines, the tutorial). */
    public static ImageSet loadTrainingSet(TrainOptions o) {
        try (PreparedImages all = prepare(o).all()) {
            return all.load(0, all.n() - o.holdOut());
        }
    }

    /** The files a run writes at its top level (besides samples/epoch-NNN.png), removed by {@code --force}. */
    private static final String[] RUN_FILES = {CONFIG, Checkpoint.FILE, ModelFiles.GENERATOR, ModelFiles.DISCRIMINATOR, HELD_OUT,
            "log.csv", "losses.png", "quality.csv", "quality.png"};

    /**
     * Refuses a directory that already holds a run or a model, saying what to do: --resume for a checkpoint (a larger
     * --epochs for a finished run), --force to start over, or another --out. Nothing is ever overwritten silently.
     */
    static void refuseExisting(Path run) {
        boolean model = Files.exists(run.resolve(ModelFiles.GENERATOR)), checkpoint = Files.exists(run.resolve(Checkpoint.FILE));
        if (model && checkpoint) {
            String done = "";
            try {
                done = " (" + plural(readConfig(run).epochs(), "epoch") + ")";
            } catch (UserError e) {
                // the count is only a courtesy
            }
            throw new UserError(run + " already holds a trained model" + done + "; train it longer with --resume --epochs N (a larger total), "
                    + "start over with --force (deletes it), or choose another --out");
        }
        if (model)
            throw new UserError(run + " already holds a trained model (" + ModelFiles.GENERATOR + "); start over with --force (deletes it) "
                    + "or choose another --out");
        if (checkpoint)
            throw new UserError(run + " already holds an unfinished training run; continue it with --resume, start over with --force "
                    + "(deletes it), or choose another --out");
        for (String f : RUN_FILES)
            if (Files.exists(run.resolve(f)))
                throw new UserError(run + " already holds files of a training run (" + f + "); start over with --force (deletes them) "
                        + "or choose another --out");
    }

    /** Deletes the files a run writes (and nothing else a user may have put in the directory). */
    private static void removeRun(Path run) {
        try {
            for (String f : RUN_FILES) Files.deleteIfExists(run.resolve(f));
            Path samples = run.resolve("samples");
            if (Files.isDirectory(samples)) {
                try (var list = Files.newDirectoryStream(samples, "epoch-*.png")) {
                    for (Path f : list) Files.delete(f);
                }
                try (var rest = Files.list(samples)) {
                    if (rest.findAny().isEmpty()) Files.delete(samples);
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot remove the old run in " + run + " (--force): " + e.getMessage());
        }
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
            if (!Files.exists(run.resolve("samples").resolve(String.format("epoch-%03d.png", epoch)))) Reports.epoch(run, gan, fixedZ, epoch, history);
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
            AtomicFiles.writeString(run.resolve("log.csv"), history.toCsv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UserError diverged(TrainStep.Losses l, int epoch) {
        return new UserError(String.format("training diverged at iteration %d (epoch %d): D loss %s, G loss %s; the last good "
                + "checkpoint %s is kept; try a lower --lr or resume with --resume", iteration + 1, epoch + 1, l.lossD(), l.lossG(),
                run.resolve(Checkpoint.FILE)));
    }

    private void writeConfig() {
        try {
            Files.createDirectories(run);
            com.google.gson.JsonObject json = Json.GSON.toJsonTree(opt).getAsJsonObject();
            json.addProperty(ENGINE, Engine.VERSION); // which arithmetic can repeat this run bit for bit
            AtomicFiles.writeString(run.resolve(CONFIG), Json.GSON.toJson(json));
        } catch (IOException e) {
            throw new UserError("cannot write to run directory " + run + ": " + ReadableFiles.reason(e));
        }
    }

    /** The options saved in a run directory's config.json. */
    public static TrainOptions readConfig(Path run) {
        Path f = run.resolve(CONFIG);
        if (!Files.exists(f)) throw new UserError("cannot resume: " + f + " not found (is " + run + " a training run directory?)");
        ReadableFiles.require(f, "run config");
        String text;
        try {
            text = Files.readString(f);
        } catch (IOException e) {
            throw new UserError("cannot read " + f + ": " + ReadableFiles.reason(e));
        }
        TrainOptions o;
        try {
            o = Json.GSON.fromJson(text, TrainOptions.class);
        } catch (RuntimeException e) {
            UserError invalid = Json.userError(e);
            if (invalid != null) throw new UserError(f + " holds settings that cannot be used: " + invalid.getMessage());
            throw new UserError(f + " " + Json.problem(e) + "; repair it, or start the run over with 'semfill train --force'");
        }
        if (o == null || o.model() == null || o.data() == null)
            throw new UserError(f + " is empty or incomplete; start the run over with 'semfill train --force'");
        try { // rebuild to validate, whether or not this Gson ran the records' constructors
            return new TrainOptions(o.data(), new DcganConfig(o.model().size(), o.model().channels(), o.model().nz(), o.model().ngf(),
                    o.model().ndf()), o.epochs(), o.batch(), o.lr(), o.beta1(), o.limit(), o.holdOut(), o.seed(), o.checkpointEvery(), o.crop(),
                    o.checkpointMinutes());
        } catch (UserError e) {
            throw new UserError(f + " holds settings that cannot be used: " + e.getMessage());
        }
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
