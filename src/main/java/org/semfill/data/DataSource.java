package org.semfill.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a command's images come from, built once from the command line and passed to whatever reads them: the
 * {@code --data} argument (an IDX file, a photo folder or {@code bundled}; null when none was given, so the reader
 * picks its own default) and the cache folder its preparation is kept in ({@code --cache}).
 */
public record DataSource(String spec, Path cache) {
    public DataSource {
        Objects.requireNonNull(cache, "cache");
    }

    /** {@code spec} prepared into the default cache folder ({@link Preparation#defaultCacheFolder()}). */
    public static DataSource of(String spec) {
        return new DataSource(spec, Preparation.defaultCacheFolder());
    }

    /** Whether {@code --data} was given. */
    public boolean given() {
        return spec != null;
    }

    /** This source, or {@code fallback} in the same cache when no {@code --data} was given. */
    public DataSource orElse(String fallback) {
        return given() ? this : new DataSource(fallback, cache);
    }

    /** The prepared images of this source (see {@link Preparation#obtain}). */
    public Preparation.Result prepare(PrepareOptions o, int threads, PrintStream log) {
        return Preparation.obtain(spec, o, cache, threads, log);
    }
}
