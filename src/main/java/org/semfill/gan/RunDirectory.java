package org.semfill.gan;

import static org.semfill.gan.TrainingSetting.EPOCHS;
import static org.semfill.gan.TrainingSetting.FORCE;
import static org.semfill.gan.TrainingSetting.OUTPUT_FOLDER;
import static org.semfill.gan.TrainingSetting.RESUME;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.semfill.data.RunFolderMarker;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;
import org.semfill.kernels.Engine;

/**
 * A run folder and everything it holds: {@value #CONFIG} (the options), the checkpoint, the model (G and D), the
 * encoder with its checkpoint and log, {@value #HELD_OUT}, the logs and charts, and {@code samples/}. It is the one
 * place that says what a folder is ({@link #state()}), refuses to overwrite a run or cleans it for {@code --force}
 * ({@link #refuseNewRun()}, {@link #clear()}), reads and writes the config, and loads the model with its encoder.
 */
public final class RunDirectory {
    public static final String CONFIG = RunFolderMarker.CONFIG;
    /** The run's held-out images (uint8 NumPy (N, C, H, W)), written when training with --hold-out. */
    public static final String HELD_OUT = "held-out.npy";
    /** What to do about a damaged {@value #HELD_OUT}: prepare does not remake it, the run's data still holds those images. */
    public static final String HELD_OUT_REMEDY = "it is the run's copy of the images --hold-out kept out of training, which prepare does not remake: "
            + "delete it and give --data with the run's data (its held-out tail is taken from there) or with other images";
    public static final String LOG = "log.csv", LOSSES = "losses.png", QUALITY_LOG = "quality.csv", QUALITY_CHART = "quality.png", SAMPLES = "samples";
    public static final String ENCODER_CHECKPOINT = "encoder-checkpoint.safetensors", ENCODER_LOG = "encoder-log.csv", ENCODER_CHART = "encoder-loss.png";
    /** The encoder's files: they belong to the G beside them and go with it. */
    static final List<String> ENCODER_FILES = List.of(Encoder.FILE, ENCODER_CHECKPOINT, ENCODER_LOG, ENCODER_CHART);
    /** Every file a run writes at its top level (besides samples/epoch-NNN.png), removed by {@code --force}. */
    static final List<String> FILES = List.of(CONFIG, Checkpoint.FILE, ModelFiles.GENERATOR, ModelFiles.DISCRIMINATOR, HELD_OUT, LOG, LOSSES,
            QUALITY_LOG, QUALITY_CHART, Encoder.FILE, ENCODER_CHECKPOINT, ENCODER_LOG, ENCODER_CHART);
    /** The config.json field that names the {@link Engine#VERSION} that wrote it. */
    static final String ENGINE = "engine";

    /** What a folder is, as far as training goes. */
    public enum State {
        /** No file of a run (the folder may not exist, or hold only other files). */
        EMPTY,
        /** Files of a run without a checkpoint or model: a run killed before its first checkpoint, or leftovers. */
        STARTED,
        /** A checkpoint without the model: training can continue. */
        IN_PROGRESS,
        /** The model is written. */
        FINISHED,
        /** An encoder (or its training) without the model it belongs to. */
        ENCODER_WITHOUT_MODEL,
        /** A file, not a folder. */
        NOT_A_FOLDER
    }

    private final Path dir;
    /** What {@code --model} named: this folder, or a generator file in it. */
    private final Path model;

    private RunDirectory(Path dir, Path model) {
        this.dir = dir;
        this.model = model;
    }

    public static RunDirectory of(Path dir) {
        return new RunDirectory(dir, dir);
    }

    /** The run folder of a {@code --model} argument: a run folder, or a generator file (its folder, with the file as the model). */
    public static RunDirectory ofModel(Path runOrGenerator) {
        Path parent = runOrGenerator.toAbsolutePath().normalize().getParent();
        return Files.isDirectory(runOrGenerator) || parent == null ? of(runOrGenerator) : new RunDirectory(parent, runOrGenerator);
    }

    public Path path() {
        return dir;
    }

    /** The file {@code name} of this run (one of the names above). */
    public Path file(String name) {
        return dir.resolve(name);
    }

    private boolean has(String name) {
        return Files.exists(dir.resolve(name));
    }

    public State state() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) return State.NOT_A_FOLDER;
        if (has(ModelFiles.GENERATOR)) return State.FINISHED;
        if (has(Checkpoint.FILE)) return State.IN_PROGRESS;
        if (ENCODER_FILES.stream().anyMatch(this::has)) return State.ENCODER_WITHOUT_MODEL;
        return FILES.stream().anyMatch(this::has) ? State.STARTED : State.EMPTY;
    }

    /**
     * Refuses a folder that already holds a run, a model or an encoder, saying what to do: --resume for a checkpoint (a
     * larger --epochs for a finished run), --force to start over, or another --out. Nothing is ever overwritten silently.
     */
    public void refuseNewRun() {
        boolean checkpoint = has(Checkpoint.FILE);
        switch (state()) {
            case EMPTY -> { }
            case NOT_A_FOLDER -> throw new SettingError(OUTPUT_FOLDER, name -> name.apply(OUTPUT_FOLDER) + " " + dir
                    + " is an existing file, not a folder: give a folder path (or remove the file)");
            case FINISHED -> {
                if (checkpoint) {
                    String epochs = trainedEpochs();
                    throw new SettingError(OUTPUT_FOLDER, name -> dir + " already holds a trained model" + epochs + "; train it longer with "
                            + name.apply(RESUME) + " " + name.apply(EPOCHS) + " N (a larger total), start over with " + name.apply(FORCE)
                            + " (deletes it), or choose another " + name.apply(OUTPUT_FOLDER));
                }
                throw new SettingError(OUTPUT_FOLDER, name -> dir + " already holds a trained model (" + ModelFiles.GENERATOR + "); start over with "
                        + name.apply(FORCE) + " (deletes it) or choose another " + name.apply(OUTPUT_FOLDER));
            }
            case IN_PROGRESS -> throw new SettingError(OUTPUT_FOLDER, name -> dir + " already holds an unfinished training run; continue it with "
                    + name.apply(RESUME) + ", start over with " + name.apply(FORCE) + " (deletes it), or choose another " + name.apply(OUTPUT_FOLDER));
            case ENCODER_WITHOUT_MODEL, STARTED -> {
                String f = FILES.stream().filter(this::has).findFirst().orElseThrow();
                throw new SettingError(OUTPUT_FOLDER, name -> dir + " already holds files of a training run (" + f + "); start over with "
                        + name.apply(FORCE) + " (deletes them) or choose another " + name.apply(OUTPUT_FOLDER));
            }
        }
    }

    /** Deletes the files a run writes, its encoder's included (and nothing else a user may have put in the folder). */
    public void clear() {
        try {
            for (String f : FILES) Files.deleteIfExists(dir.resolve(f));
            Path samples = dir.resolve(SAMPLES);
            if (Files.isDirectory(samples)) {
                try (var list = Files.newDirectoryStream(samples, "epoch-*.png")) {
                    for (Path f : list) Files.delete(f);
                }
                try (var rest = Files.list(samples)) {
                    if (rest.findAny().isEmpty()) Files.delete(samples);
                }
            }
        } catch (IOException e) {
            throw new SettingError(FORCE, name -> "cannot remove the old run in " + dir + " (" + name.apply(FORCE) + "): " + ReadableFiles.reason(e));
        }
    }

    /** " (N epochs)" as the run's config says, or "" when it cannot be read: the count is only a courtesy. */
    private String trainedEpochs() {
        try {
            return " (" + Trainer.plural(config().epochs(), "epoch") + ")";
        } catch (UserError e) {
            return "";
        }
    }

    /**
     * Refuses a run folder that is, or lies inside, the photo folder {@code dataSpec} names: the run's sample grids would
     * be read as training photos by the next preparation. Other data (an IDX file, {@code bundled}) has no folder to protect.
     */
    public void requireOutside(String dataSpec) {
        Path data;
        try {
            data = Path.of(dataSpec);
        } catch (InvalidPathException e) {
            return; // not a folder: the data source says what is wrong with it
        }
        if (!Files.isDirectory(data)) return;
        Path photos = real(data), run = real(dir);
        if (run.startsWith(photos))
            throw new SettingError(OUTPUT_FOLDER, name -> name.apply(OUTPUT_FOLDER) + " " + dir + " is inside the data folder " + data
                    + ": the run's pictures would be read as training photos; choose an " + name.apply(OUTPUT_FOLDER) + " outside " + data);
    }

    /** The real path of {@code p}: that of its nearest existing ancestor, links resolved, with the rest appended. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize(), existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /** Writes the options of this run as its config.json, with the engine that runs them. */
    public void writeConfig(TrainOptions opt) {
        try {
            Files.createDirectories(dir);
            com.google.gson.JsonObject json = Json.GSON.toJsonTree(opt).getAsJsonObject();
            json.addProperty(ENGINE, Engine.VERSION); // which arithmetic can repeat this run bit for bit
            AtomicFiles.writeString(dir.resolve(CONFIG), Json.GSON.toJson(json));
        } catch (IOException e) {
            throw new UserError("cannot write to run directory " + dir + ": " + ReadableFiles.reason(e));
        }
    }

    /** Whether this folder has a config.json. */
    public boolean hasConfig() {
        return Files.isRegularFile(dir.resolve(CONFIG));
    }

    /** The options saved in this run's config.json. */
    public TrainOptions config() {
        Path f = dir.resolve(CONFIG);
        if (!Files.exists(f)) throw new UserError("cannot resume: " + f + " not found (is " + dir + " a training run directory?)");
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

    /** The engine version this run's config.json records (1 when it records none: runs from before the field). */
    int engine() {
        try {
            com.google.gson.JsonElement e = com.google.gson.JsonParser.parseString(Files.readString(dir.resolve(CONFIG)))
                    .getAsJsonObject().get(ENGINE);
            return e == null ? 1 : e.getAsInt();
        } catch (IOException | RuntimeException e) {
            return 1; // config() has already checked the file; an odd engine field only loses this note
        }
    }

    /** The model of this run (a run folder, or a generator file given as {@code --model}), with its encoder if it has one. */
    public Dcgan model() {
        return ModelFiles.load(model);
    }

    /** The options this run was trained with, or null for a model without a config.json (made elsewhere). */
    public TrainOptions configIfAny() {
        return hasConfig() ? config() : null;
    }

    /** Refuses to resume training in a folder without a checkpoint, saying what the folder holds and what to do instead. */
    public void requireCheckpoint() {
        if (has(Checkpoint.FILE)) return;
        if (has(ModelFiles.GENERATOR))
            throw new SettingError(FORCE, name -> "cannot resume: " + dir + " holds a finished model but no " + Checkpoint.FILE + " to continue "
                    + "from; start over with " + name.apply(FORCE) + " (deletes it) or train into another " + name.apply(OUTPUT_FOLDER));
        if (has(CONFIG))
            throw new SettingError(FORCE, name -> "cannot resume: " + dir + " has no " + Checkpoint.FILE + " (training stopped before its "
                    + "first checkpoint); start over with " + name.apply(FORCE));
        throw new SettingError(RESUME, name -> "cannot resume: " + dir + " holds no training run (no " + Checkpoint.FILE + "); start one without "
                + name.apply(RESUME));
    }

    /** Refuses to start an encoder training over the encoder (or encoder training) in this folder. */
    public void refuseNewEncoder() {
        if (ENCODER_FILES.stream().anyMatch(this::has))
            throw new SettingError(FORCE, name -> dir + " already holds an encoder" + (has(Encoder.FILE) ? "" : " training")
                    + "; continue it with " + name.apply(RESUME) + " (with a larger total of steps: lengthen it), or start over with " + name.apply(FORCE));
    }

    /** Deletes the encoder's files ({@code train-encoder --force}). */
    public void clearEncoder() {
        try {
            for (String f : ENCODER_FILES) Files.deleteIfExists(dir.resolve(f));
        } catch (IOException e) {
            throw new SettingError(FORCE, name -> "cannot remove the old encoder in " + dir + " (" + name.apply(FORCE) + "): " + ReadableFiles.reason(e));
        }
    }

    /**
     * The model of the run in this folder: reused when training there has finished, continued from its checkpoint when it
     * was interrupted (to {@code o.epochs()}), or trained from scratch with {@code o} on the data in {@code cache}.
     * {@code prepare} sees the trainer before training starts (e.g. to hook per-epoch quality tracking).
     */
    public Dcgan trainOrReuse(TrainOptions o, Path cache, java.util.function.Consumer<Trainer> prepare, PrintStream log) {
        if (state() == State.FINISHED) {
            log.println("reusing the model trained earlier in " + dir + " (delete that folder to train again)");
            return model();
        }
        Trainer t;
        if (state() == State.IN_PROGRESS) {
            log.println("continuing the unfinished run in " + dir);
            t = Trainer.resume(dir, o.epochs(), stored -> RunData.prepare(stored, cache, log).train());
        } else {
            t = startTraining(o, true, cache, log); // no checkpoint, no model: at most the config of a run killed before its first checkpoint
        }
        t.log(log);
        prepare.accept(t);
        return t.train();
    }

    /**
     * A new run in this folder on the data its options name: refused when the folder holds a run (with {@code force} the
     * run's files are deleted first, once the data is ready) or lies inside the data folder; the data is prepared (or
     * found in {@code cache}), the held-out images are saved as {@value #HELD_OUT}, and training reads its batches from
     * the prepared file. Messages, preparing the data's included, go to {@code log}.
     */
    public Trainer startTraining(TrainOptions o, boolean force, Path cache, PrintStream log) {
        requireOutside(o.data());
        if (!force) refuseNewRun();
        RunData.Prepared p = RunData.prepare(o, cache, log);
        if (force) clear();
        Trainer t = Trainer.start(o, dir, p.train()).log(log);
        if (p.heldOut().n() > 0) p.heldOut().writeNpy(dir.resolve(HELD_OUT));
        return t;
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
