package org.semfill.cli;

import java.nio.file.Path;
import org.semfill.data.DataSource;
import org.semfill.data.Preparation;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --data} and {@code --cache}, for the commands that prepare the images they read ({@code @Mixin}): the
 * command turns them into one {@link DataSource} and passes it on.
 */
public final class DataSourceOptions {
    @Mixin
    DataOption data;

    @Option(names = "--cache", description = "folder for prepared images (default: $SEMFILL_CACHE or ~/.cache/semfill)")
    Path cache;

    /** The data source these options name ({@code spec} null without {@code --data}). */
    DataSource source() {
        return new DataSource(data.spec, cache != null ? cache.toAbsolutePath() : Preparation.defaultCacheFolder());
    }
}
