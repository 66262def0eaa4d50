package org.semfill.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.semfill.completion.Completion;
import org.semfill.completion.Evaluation;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;
import org.semfill.data.DataSources;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.gan.ModelFiles;
import org.semfill.gan.TrainOptions;
import org.semfill.gan.Trainer;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate-completion", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Mask held-out images, complete them, and score ours (blended and pasted) against mean, nearest-neighbour",
                "and harmonic fills with PSNR and SSIM over the hole and the whole image. Writes table.md, table.csv, psnr.png, ssim.png, examples.png.",
                "Held-out means never trained on: for 'bundled', the bundled test split; for the run's own data, its --hold-out images;",
                "any other --data is taken as given."})
public final class EvaluateCompletionCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, description = "run directory or generator .safetensors file")
    Path model;

    @Option(names = "--data", defaultValue = "bundled", description = "held-out images: 'bundled', an IDX file or a photo folder (default ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--train-data", description = "training images for the nearest-neighbour fill (default: the run's training data)")
    String trainData;

    @Option(names = "--mask", defaultValue = "center", description = "mask type or PNG, as for complete (default ${DEFAULT-VALUE})")
    String mask;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--limit", defaultValue = "64", description = "held-out images to evaluate (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--iters", defaultValue = "1000", description = "search iterations (default ${DEFAULT-VALUE})")
    int iters;

    @Option(names = "--restarts", defaultValue = "1", description = "starting points per image (default ${DEFAULT-VALUE})")
    int restarts;

    @Option(names = "--lambda", defaultValue = "0.1", description = "perceptual loss weight (default ${DEFAULT-VALUE})")
    float lambda;

    @Option(names = "--weighted", defaultValue = "true", arity = "1", description = "Yeh's importance weights (default ${DEFAULT-VALUE})")
    boolean weighted;

    @Override
    public Integer call() {
        common.apply();
        if (limit < 1) throw new UserError("--limit must be at least 1, got " + limit);
        Dcgan gan = ModelFiles.load(model);
        int size = gan.config.size(), channels = gan.config.channels();
        TrainOptions run = Files.isDirectory(model) && Files.exists(model.resolve(Trainer.CONFIG)) ? Trainer.readConfig(model) : null;
        ImageSet heldOut = heldOut(run, size, channels);
        String trainSpec = trainData != null ? trainData : run != null ? run.data() : DataSources.BUNDLED;
        ImageSet train = DataSources.load(trainSpec, size, channels, run != null && trainData == null ? run.limit() : 0);
        Mask m = Masks.parse(mask, size, new Rng(common.seed).split());
        Completion.Options o = new Completion.Options(new SearchSettings(iters, 0.01f, 0.9f, 0.999f, lambda, restarts), weighted, true, 0);
        Evaluation.Outcome outcome = Evaluation.run(gan, heldOut, train, m, o, common.seed, 64);
        Evaluation.write(out, outcome, heldOut, m, 8);
        System.out.println(outcome.table().toMarkdown());
        System.out.println("held-out: " + heldOut.source() + "; nearest neighbours searched among " + train.n() + " training images");
        System.out.println("wrote " + out.resolve("table.md") + ", table.csv, psnr.png, ssim.png, examples.png");
        return 0;
    }

    private ImageSet heldOut(TrainOptions run, int size, int channels) {
        if (DataSources.BUNDLED.equals(data)) return DataSources.loadBundledHeldOut(size, channels, limit);
        if (run != null && data.equals(run.data())) {
            if (run.holdOut() == 0)
                throw new UserError("the run trained on all of " + data + "; evaluate on other images, or train with --hold-out N");
            ImageSet all = DataSources.load(data, size, channels, run.limit() > 0 ? run.limit() + run.holdOut() : 0);
            ImageSet held = all.split(run.holdOut()).heldOut();
            return held.limit(limit);
        }
        return DataSources.load(data, size, channels, limit);
    }
}
