package org.semfill.cli;

import picocli.CommandLine.Option;

/**
 * {@code --data}, described once for every command that reads images ({@code @Mixin}). What a command reads without
 * it, and what it takes from the images, is in that command's description.
 */
public final class DataOption {
    @Option(names = "--data", paramLabel = "<data>",
            description = "images: an IDX file (.gz or not), a folder of PNG/JPEG photos (with its subfolders), or 'bundled'")
    String spec;

    /** Whether {@code --data} was given. */
    boolean given() {
        return spec != null;
    }
}
