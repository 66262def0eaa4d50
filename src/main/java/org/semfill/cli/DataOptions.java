package org.semfill.cli;

import java.nio.file.Path;
import org.semfill.data.DataSource;
import org.semfill.data.Preparation;
import picocli.CommandLine.Option;

/**
 * {@code --data} and {@code --cache}, the same on every command that reads images ({@code @Mixin}): the command turns
 * them into one {@link DataSource} and passes it on. What a command reads without {@code --data} is in its description.
 */
public final class DataOptions {
    @Option(names = "--data", description = "images: an IDX file (.gz or not), a folder of PNG/JPEG photos (with its subfolders), or 'bundled'")
    String data;

    @Option(names = "--cache", description = "folder for prepared images (default: $SEMFILL_CACHE or ~/.cache/semfill)")
    Path cache;

    /** The data source these options name ({@code spec} null without {@code --data}). */
    DataSource source() {
        return new DataSource(data, cache != null ? cache.toAbsolutePath() : Preparation.defaultCacheFolder());
    }
}
