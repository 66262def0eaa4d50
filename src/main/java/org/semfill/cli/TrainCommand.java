package org.semfill.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.semfill.gan.RunDirectory;
import org.semfill.data.DataSource;
import org.semfill.data.DataSources;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.RunData;
import org.semfill.gan.TrainOptions;
import org.semfill.gan.Trainer;
import org.semfill.quality.QualityTracker;
import org.semfill.internal.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a DCGAN on images into a run directory (config, checkpoints, per-epoch sample grids, loss chart, final model).",
                "A killed run continues exactly where its last checkpoint left off with --resume; a finished run trains longer with",
                "--resume --epochs N (a larger total). A directory that holds a run or a model is never overwritten: --force starts over.",
                "--data defaults to 'bundled'; an --out inside the --data folder is refused."})
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    DataSourceOptions data;

    @Option(names = "--out", required = true, description = "run directory")
    Path out;

    @Mixin
    ImageShapeOptions shape = new ImageShapeOptions(28, 1); // the bundled Fashion-MNIST

    @Option(names = "--epochs", description = "epochs to train (default 5; with --resume: the new total, default as before)")
    Integer epochs;

    @Option(names = "--batch", defaultValue = "64", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Mixin
    AdamOptions adam = new AdamOptions(2e-4f, 0.5f); // Radford et al.'s DCGAN

    @Option(names = "--nz", defaultValue = "100", description = "latent size (default ${DEFAULT-VALUE})")
    int nz;

    @Option(names = "--ngf", description = "generator width (default 64 for 64x64 colour, the reference DCGAN; else 32)")
    Integer ngf;

    @Option(names = "--ndf", description = "discriminator width (default 64 for 64x64 colour, the reference DCGAN; else 32)")
    Integer ndf;

    @Option(names = "--limit", defaultValue = "0", description = "use at most this many training images (0 = all)")
    int limit;

    @Option(names = "--hold-out", defaultValue = "0", description = "keep the last N images out of training (for completion tests)")
    int holdOut;

    @Option(names = "--checkpoint-every", defaultValue = "0", description = "also checkpoint every N batches (0 = at each epoch end)")
    int checkpointEvery;

    @Option(names = "--checkpoint-minutes", defaultValue = "10", description = "also checkpoint every M minutes (0 = off; default ${DEFAULT-VALUE})")
    double checkpointMinutes;

    @Option(names = "--resume", description = "continue the run in --out from its last checkpoint (only --epochs, the new total, and "
            + "--checkpoint-every/--checkpoint-minutes may change; the other settings are the run's)")
    boolean resume;

    @Option(names = "--force", description = "start over: delete the run or model already in --out (its config, checkpoint, model, samples and logs) first")
    boolean force;

    @Spec
    CommandSpec spec;

    @Option(names = "--quality", description = "after each epoch, measure sample quality (FID) into RUN/quality.csv and RUN/quality.png")
    boolean quality;

    @Override
    public Integer call() {
        DataSource source = data.source().orElse(DataSources.BUNDLED);
        if (!resume) org.semfill.internal.OutputFolders.requireWritable(out, "--out"); // before preparing data for minutes
        Trainer t;
        if (resume && force)
            throw new UserError("--resume and --force exclude each other: --resume continues the run in " + out + ", --force deletes it and starts over");
        if (resume) {
            t = Trainer.resume(out, o -> resumed(o, source.spec()), o -> RunData.prepare(o, source.cache(), System.out).train());
        } else {
            int width = DcganConfig.defaultWidth(shape.size, shape.channels);
            TrainOptions o = new TrainOptions(source.spec(), new DcganConfig(shape.size, shape.channels, nz, ngf == null ? width : ngf, ndf == null ? width : ndf),
                    epochs == null ? 5 : epochs, batch, adam.lr, adam.beta1, limit, holdOut, common.seed, checkpointEvery, shape.crop, checkpointMinutes);
            t = RunDirectory.of(out).startTraining(o, force, source.cache(), System.out);
        }
        if (quality) trackQuality(t, source.cache(), out);
        t.train();
        if (quality) System.out.println("quality: " + out.resolve("quality.png"));
        System.out.println("model:   " + out.resolve("generator.safetensors") + ", " + out.resolve("discriminator.safetensors"));
        System.out.println("samples: " + out.resolve("samples"));
        System.out.println("losses:  " + out.resolve("losses.png"));
        return 0;
    }

    /**
     * The stored options of the run being resumed with what this command line may change: --epochs (a new total) and
     * the checkpoint intervals. Any other setting given explicitly must equal the stored one; a different value is refused
     * (it would be ignored, or would break the run), naming the value the run has.
     */
    private TrainOptions resumed(TrainOptions stored, String data) {
        ParseResult given = spec.commandLine().getParseResult();
        String where = "the run in " + out + " has ";
        if (given.hasMatchedOption("--data") && !sameData(data, stored.data())) refuse("--data", data, stored.data(), where);
        fixed(given, "--size", shape.size, stored.model().size(), where);
        fixed(given, "--channels", shape.channels, stored.model().channels(), where);
        fixed(given, "--nz", nz, stored.model().nz(), where);
        fixed(given, "--ngf", ngf, stored.model().ngf(), where);
        fixed(given, "--ndf", ndf, stored.model().ndf(), where);
        fixed(given, "--batch", batch, stored.batch(), where);
        fixed(given, "--lr", adam.lr, stored.lr(), where);
        fixed(given, "--beta1", adam.beta1, stored.beta1(), where);
        fixed(given, "--crop", shape.crop, stored.crop(), where);
        fixed(given, "--limit", limit, stored.limit(), where);
        fixed(given, "--hold-out", holdOut, stored.holdOut(), where);
        fixed(given, "--seed", common.seed, stored.seed(), where);
        TrainOptions o = epochs == null ? stored : stored.withEpochs(epochs);
        return o.withCheckpoints(given.hasMatchedOption("--checkpoint-every") ? checkpointEvery : stored.checkpointEvery(),
                given.hasMatchedOption("--checkpoint-minutes") ? checkpointMinutes : stored.checkpointMinutes());
    }

    private static void fixed(ParseResult given, String option, Object value, Object stored, String where) {
        if (given.hasMatchedOption(option) && !value.equals(stored)) refuse(option, value, stored, where);
    }

    private static void refuse(String option, Object value, Object stored, String where) {
        throw new UserError("--resume cannot change " + option + ": " + where + option + " " + stored + " (in its " + RunDirectory.CONFIG
                + "), not " + value + "; drop " + option + " to continue it, or train a new run into another --out");
    }

    /** The same data: equal names, or paths to the same file or folder. */
    private static boolean sameData(String a, String b) {
        if (a.equals(b)) return true;
        try {
            return java.nio.file.Files.isSameFile(Path.of(a), Path.of(b));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** FID of each epoch's samples against held-out images (Heusel et al. 2017), so quality and collapse show as a number. */
    static void trackQuality(Trainer t, Path cache, Path run) {
        QualityTracker tracker = QualityTracker.create(t.options(), cache, run, System.out);
        t.onEpoch(e -> System.out.printf("epoch %d: FID %s%n", e, tracker.record(t.gan(), e, run)));
    }
}
