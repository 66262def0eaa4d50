package org.semfill.cli;

import java.nio.file.Path;
import org.semfill.gan.RunDirectory;
import picocli.CommandLine.Option;

/** {@code --model} of the commands that use a trained generator ({@code @Mixin}). */
public final class ModelOption {
    @Option(names = "--model", required = true, paramLabel = "<model>", description = "run directory or generator .safetensors file")
    Path path;

    /** The run directory the model is in (or beside, for a generator file). */
    RunDirectory run() {
        return RunDirectory.ofModel(path);
    }
}
