package org.semfill.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.semfill.gan.ModelFiles;
import org.semfill.internal.OutputFolders;
import org.semfill.quality.Inspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"What did the GAN learn? Sample quality as a Fréchet distance (FID) in the features of a small classifier",
                "trained on the same data (trained once, then reused), and a memorisation check: generated samples beside their",
                "nearest training images. Writes memorisation.png, memorisation-distances.png and inspect.md.",
                "--data: the training data (default: the run's, else 'bundled')."})
public final class InspectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Mixin
    DataSourceOptions data;

    @Option(names = "--hold-out", description = "images the run kept out of training (default: the run's, else 0)")
    Integer holdOut;

    @Option(names = "--out", description = "output folder (default: RUN/inspect)")
    Path out;

    @Option(names = "--samples", defaultValue = "16", description = "samples shown in the memorisation grid (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--k", defaultValue = "4", description = "nearest training images shown per sample (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--n", defaultValue = "1000", description = "images for the FID and the distance statistics (default ${DEFAULT-VALUE})")
    int n;

    @Override
    public Integer call() {
        Path dir = out != null ? out : (Files.isDirectory(model.path) ? model.path : model.path.toAbsolutePath().getParent()).resolve("inspect");
        Inspection.Settings settings = new Inspection.Settings(model.path, data.source(), holdOut, dir, samples, k, n, common.seed);
        Path generator = Files.isDirectory(model.path) ? model.path.resolve(ModelFiles.GENERATOR) : model.path;
        if (Files.isRegularFile(generator)) // else the inspection names the missing model, and no folder is made for nothing
            OutputFolders.requireWritable(dir, out != null ? "--out" : "the output folder (RUN/inspect)"); // before the classifier trains
        Inspection.Report r = Inspection.run(settings, System.out);
        System.out.println("wrote " + dir.resolve("memorisation.png") + ", " + dir.resolve("memorisation-distances.png") + " and " + r.markdown());
        return 0;
    }
}
