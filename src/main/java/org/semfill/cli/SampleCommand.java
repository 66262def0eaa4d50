package org.semfill.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.semfill.gan.Dcgan;
import org.semfill.gan.Samples;
import org.semfill.internal.OutputFolders;
import org.semfill.internal.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw a grid of samples from a trained generator, or a latent interpolation strip (--interpolate).")
public final class SampleCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Option(names = "--out", required = true, description = "PNG file to write")
    Path out;

    @Option(names = "--n", defaultValue = "64", description = "number of samples, or of interpolation rows (default ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--interpolate", description = "rows that walk in 10 steps from one random z to another")
    boolean interpolate;

    @Option(names = "--steps", defaultValue = "10", description = "images per interpolation row (default ${DEFAULT-VALUE})")
    int steps;

    @Override
    public Integer call() {
        if (n < 1 || n > 4096) throw new UserError("--n must be between 1 and 4096, got " + n);
        if (steps < 2 || steps > 64) throw new UserError("--steps must be between 2 and 64, got " + steps);
        if (!out.getFileName().toString().toLowerCase().endsWith(".png")) throw new UserError("--out must name a .png file, got " + out);
        Dcgan gan = model.run().model();
        OutputFolders.requireWritableFile(out, "--out"); // before the samples are drawn
        if (interpolate) Samples.interpolation(gan, n, steps, common.seed, out);
        else Samples.grid(gan, n, common.seed, out);
        System.out.println("wrote " + out);
        return 0;
    }
}
