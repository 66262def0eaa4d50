package org.semfill.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out} of the commands that write tutorial charts ({@code @Mixin}): tutorial and charts. */
public final class ChartsFolderOption {
    @Option(names = "--out", defaultValue = "charts", paramLabel = "<out>", description = "folder for the charts (default ${DEFAULT-VALUE})")
    Path folder;
}
