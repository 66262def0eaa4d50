package org.semfill.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.semfill.data.Preparation;
import org.semfill.gan.RunData;
import org.semfill.gan.RunDirectory;
import org.semfill.completion.evaluation.Evaluation;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.ModelFiles;
import org.semfill.gan.Samples;
import org.semfill.gan.TrainOptions;
import java.util.ArrayList;
import java.util.List;
import org.semfill.completion.Completion;
import org.semfill.completion.CompletionReport;
import org.semfill.completion.CompletionResult;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;
import org.semfill.data.DataSources;
import org.semfill.data.ImageSet;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.internal.OutputFolders;
import org.semfill.internal.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job on the bundled data: train a small DCGAN (28x28 Fashion-MNIST), draw samples and a latent walk,",
                "then complete held-out images with a centre hole. Re-running continues or reuses the run in --out."})
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--out", defaultValue = "runs/demo", description = "where to put everything (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--epochs", defaultValue = "40", description = "training epochs over the 6,000 bundled images (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--complete", defaultValue = "64", description = "held-out images to complete (default ${DEFAULT-VALUE}; 0 = skip)")
    int complete;

    @Option(names = "--iters", description = "latent search iterations (default ${DEFAULT-VALUE})")
    int iters = SearchSettings.defaults().iterations(); // picocli takes a field's first value as its default

    @Option(names = "--restarts", defaultValue = "4", description = "starting points per image in the search (default ${DEFAULT-VALUE})")
    int restarts;

    @Override
    public Integer call() {
        if (complete < 0 || complete > 1000) throw new UserError("--complete must be between 0 and 1000, got " + complete);
        OutputFolders.requireWritable(out, "--out"); // before training starts
        Dcgan gan = trainOrReuse();
        Path samples = out.resolve("samples.png"), walk = out.resolve("interpolation.png");
        Samples.grid(gan, 64, common.seed, samples);
        Samples.interpolation(gan, 8, 10, common.seed, walk);
        Path completion = out.resolve("completion");
        if (complete > 0) completeHeldOut(gan, completion);
        System.out.println();
        System.out.println("done. Look at:");
        System.out.println("  per-epoch samples  " + out.resolve("samples"));
        System.out.println("  loss chart         " + out.resolve("losses.png"));
        System.out.println("  quality (FID)      " + out.resolve("quality.png"));
        System.out.println("  final samples      " + samples);
        System.out.println("  latent walk        " + walk);
        System.out.println("  model              " + out.resolve(ModelFiles.GENERATOR));
        if (complete > 0) {
            System.out.println("  completion grid    " + completion.resolve("grid-001.png"));
            System.out.println("  search strip       " + completion.resolve("search-strip-001.png"));
            System.out.println("  vs simple fills    " + completion.resolve("table.md") + ", " + completion.resolve("psnr.png"));
        }
        return 0;
    }

    /** Completes held-out images (never trained on) with the centre mask and compares with simple fills. */
    private void completeHeldOut(Dcgan gan, Path dir) {
        ImageSet held = DataSources.loadBundledHeldOut(28, 1, complete);
        Mask mask = Masks.center(28);
        CompletionSession.Settings o = new CompletionSession.Settings(SearchSettings.defaults().withIterations(iters).withRestarts(restarts), true, true);
        System.out.printf("completing %d held-out images with a centre hole (%d iterations)%n", held.n(), iters);
        CompletionResult r;
        try (Progress p = Progress.start("complete", iters, "it")) {
            r = Completion.run(gan, held.pixels(), held.n(), mask, o, Completion.Watch.every(iters / 10, iters), new Rng(common.seed), p);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < held.n(); i++) names.add(String.format("img%04d", i));
        CompletionReport.write(dir, r, held.pixels(), names, 1);
        Evaluation.Outcome e = Evaluation.compare(held, RunData.loadTrainingSet(RunDirectory.of(out).config(), Preparation.defaultCacheFolder()), mask, r.images().blended(), r.images().completed());
        Evaluation.write(dir, e, held, mask, 8);
        System.out.println(e.table().toMarkdown());
    }

    /** Trains, resumes an unfinished demo run, or reuses a finished one (a second demo run is quick). */
    private Dcgan trainOrReuse() {
        TrainOptions o = new TrainOptions("bundled", new DcganConfig(28, 1, 100, 32, 32), epochs, 64, 2e-4f, 0.5f, 0, 0, common.seed, 0);
        return RunDirectory.of(out).trainOrReuse(o, Preparation.defaultCacheFolder(), t -> TrainCommand.trackQuality(t, Preparation.defaultCacheFolder(), out), System.out);
    }
}
