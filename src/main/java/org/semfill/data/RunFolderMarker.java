package org.semfill.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What makes a folder a semfill run folder: its {@value #CONFIG} beside a checkpoint or a model. The run folder itself
 * ({@code gan.RunDirectory}) names its files with these constants; they live here, below it, so that the photo-folder
 * reader can tell a run folder inside a data folder and never read the run's sample grids as training photos.
 */
public final class RunFolderMarker {
    public static final String CONFIG = "config.json", CHECKPOINT = "checkpoint.safetensors", GENERATOR = "generator.safetensors";

    private RunFolderMarker() {}

    /** True if {@code folder} holds a training run: a config with a checkpoint or a model beside it. */
    public static boolean isRunFolder(Path folder) {
        return Files.isRegularFile(folder.resolve(CONFIG))
                && (Files.isRegularFile(folder.resolve(CHECKPOINT)) || Files.isRegularFile(folder.resolve(GENERATOR)));
    }
}
