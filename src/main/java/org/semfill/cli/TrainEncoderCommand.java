package org.semfill.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.semfill.gan.RunData;
import org.semfill.gan.RunDirectory;
import org.semfill.data.PrepareOptions;
import org.semfill.data.DataSource;
import org.semfill.data.PreparedImages;
import org.semfill.data.TrainingImages;
import org.semfill.encoder.EncoderOptions;
import org.semfill.encoder.EncoderTraining;
import org.semfill.gan.Dcgan;
import org.semfill.gan.Encoder;
import org.semfill.gan.TrainOptions;
import org.semfill.internal.UserError;
import org.semfill.kernels.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

@Command(name = "train-encoder", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a learned starting point for the completion search (after Lahiri et al. 2019): an encoder E that maps a",
                "damaged image to the z whose G(z) completes it, trained with G frozen on G's own images (z known) and the run's",
                "training images, each with a random hole. Writes RUN/encoder.safetensors; complete, evaluate-completion and the",
                "studio then start from E's guess (--init random turns it off), and need far fewer iterations.",
                "A killed training continues from its last checkpoint with --resume; --resume --steps N trains a finished one longer.",
                "--data: real images to learn from (default: the run's own training images)."})
public final class TrainEncoderCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, description = "the run directory of a trained model (the encoder is written into it)")
    Path model;

    @Option(names = "--steps", description = "training steps in all (default " + 2000 + "; with --resume: the new total, default as before)")
    Integer steps;

    @Option(names = "--batch", description = "images per step (default ${DEFAULT-VALUE})")
    int batch = EncoderOptions.defaults().batch();

    @Option(names = "--real-fraction", description = "share of each batch taken from real training images, the rest drawn by G (default ${DEFAULT-VALUE})")
    float realFraction = EncoderOptions.defaults().realFraction();

    @Option(names = "--z-weight", description = "weight of the z loss (G's images only) beside the image loss (default ${DEFAULT-VALUE})")
    float zWeight = EncoderOptions.defaults().zWeight();

    @Mixin
    AdamOptions adam = new AdamOptions(EncoderOptions.defaults().lr(), EncoderOptions.defaults().beta1());

    @Mixin
    DataSourceOptions data;

    @Option(names = "--checkpoint-minutes", description = "checkpoint every M minutes and at the end (0 = only at the end; default ${DEFAULT-VALUE})")
    double checkpointMinutes = EncoderOptions.defaults().checkpointMinutes();

    @Option(names = "--resume", description = "continue the encoder training in --model from its checkpoint (only --steps, the new total, may change)")
    boolean resume;

    @Option(names = "--force", description = "start over: replace the encoder (and its checkpoint and log) already in --model")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(model)) throw new UserError("--model " + model + " is not a run directory: give the folder that holds generator.safetensors");
        if (resume && force) throw new UserError("--resume and --force exclude each other: --resume continues the encoder in " + model + ", --force replaces it");
        RunDirectory run = RunDirectory.of(model);
        Dcgan gan = run.model();
        if (resume) refuseChanges();
        EncoderOptions options = resume ? null : new EncoderOptions(steps == null ? EncoderOptions.defaults().steps() : steps,
                batch, realFraction, zWeight, adam.lr, adam.beta1, common.seed, checkpointMinutes); // checked before any data is read
        if (!resume && !force) run.refuseNewEncoder();
        try (RealImages real = realImages(gan, run, data.source())) {
            if (force) run.clearEncoder(); // once the data is ready
            EncoderTraining t = resume ? EncoderTraining.resume(gan, real.images, model, steps == null ? 0 : steps, System.out)
                    : EncoderTraining.start(gan, real.images, options, model, System.out);
            t.train(-1);
        }
        System.out.println("encoder: " + run.file(Encoder.FILE) + " (the search now starts from it; --init random turns it off)");
        System.out.println("losses:  " + model.resolve(EncoderTraining.CHART) + ", " + model.resolve(EncoderTraining.LOG));
        System.out.println("compare: semfill evaluate-completion --model " + model + " --compare-starts --out DIR");
        return 0;
    }

    private void refuseChanges() {
        ParseResult given = spec.commandLine().getParseResult();
        for (String o : new String[] {"--batch", "--real-fraction", "--z-weight", "--lr", "--beta1", "--seed", "--data", "--checkpoint-minutes"})
            if (given.hasMatchedOption(o))
                throw new UserError("--resume cannot change " + o + ": the encoder training in " + model + " keeps the settings it started with "
                        + "(only --steps, the new total, may change); drop " + o + ", or start over with --force");
    }

    /** The real images E learns from: --data, else the run's training images (its held-out images stay unseen), else none. */
    private RealImages realImages(Dcgan gan, RunDirectory run, DataSource source) {
        if (source.given()) {
            PrepareOptions po = new PrepareOptions(gan.config.size(), gan.config.channels(), 0, 0, false);
            return new RealImages(source.prepare(po, Parallel.threads(), System.out).images(), null);
        }
        if (run.hasConfig()) {
            TrainOptions o = run.config();
            RunData.Prepared p = RunData.prepare(o, source.cache(), System.out);
            return new RealImages(p.train(), p.all());
        }
        System.out.println("no training images known for " + model + " (no " + RunDirectory.CONFIG + "): learning from G's images only; "
                + "give real ones with --data");
        return new RealImages(null, null);
    }

    /** The real images and what must be closed after training. */
    private record RealImages(TrainingImages images, PreparedImages open) implements AutoCloseable {
        @Override
        public void close() {
            if (open != null) open.close();
            else if (images instanceof PreparedImages p) p.close();
        }
    }
}
