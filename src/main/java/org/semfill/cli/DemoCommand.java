package org.semfill.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.ModelFiles;
import org.semfill.gan.Samples;
import org.semfill.gan.TrainOptions;
import org.semfill.gan.Trainer;
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

    @Option(names = "--epochs", defaultValue = "12", description = "training epochs over the 6,000 bundled images (default ${DEFAULT-VALUE})")
    int epochs;

    @Override
    public Integer call() {
        common.apply();
        Dcgan gan = trainOrReuse();
        Path samples = out.resolve("samples.png"), walk = out.resolve("interpolation.png");
        Samples.grid(gan, 64, common.seed, samples);
        Samples.interpolation(gan, 8, 10, common.seed, walk);
        System.out.println();
        System.out.println("done. Look at:");
        System.out.println("  per-epoch samples  " + out.resolve("samples"));
        System.out.println("  loss chart         " + out.resolve("losses.png"));
        System.out.println("  final samples      " + samples);
        System.out.println("  latent walk        " + walk);
        System.out.println("  model              " + out.resolve(ModelFiles.GENERATOR));
        return 0;
    }

    /** Trains, resumes an unfinished demo run, or reuses a finished one (a second demo run is quick). */
    private Dcgan trainOrReuse() {
        boolean finished = Files.exists(out.resolve(ModelFiles.GENERATOR));
        boolean started = Files.exists(out.resolve("checkpoint.safetensors"));
        if (finished) {
            System.out.println("reusing the model trained earlier in " + out + " (delete that folder to train again)");
            return ModelFiles.load(out);
        }
        if (started) {
            System.out.println("continuing the unfinished demo run in " + out);
            return Trainer.resume(out, epochs, Trainer::loadData).train();
        }
        TrainOptions o = new TrainOptions("bundled", new DcganConfig(28, 1, 100, 32, 32), epochs, 64, 2e-4f, 0.5f, 0, 0, common.seed, 0);
        return Trainer.start(o, out, Trainer.loadData(o)).train();
    }
}
