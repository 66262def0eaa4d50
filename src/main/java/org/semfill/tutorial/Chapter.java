package org.semfill.tutorial;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.semfill.data.DataSource;
import org.semfill.internal.Check;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Kernels;

/**
 * One tutorial chapter as the command line sees it: its number and title, its text, its main class, and how to
 * make its charts.
 *
 * @param number    1, 2, ... (the order a learner follows)
 * @param title     one line
 * @param markdown  the chapter's text, relative to the repository root (e.g. "tutorials/02-gan-1d.md")
 * @param mainClass the class whose {@code main(String[] args)} runs the chapter on its own
 * @param seed      the seed the committed charts were made with (the default of {@code semfill tutorial N})
 * @param quick     whether it finishes in well under a minute on a laptop CPU, so {@code semfill charts}
 *                  regenerates it with the others; a slow chapter runs only when asked for by number
 * @param runner    writes the chapter's charts into a folder
 */
public record Chapter(int number, String title, String markdown, Class<?> mainClass, long seed, boolean quick,
                      Runner runner) {

    /**
     * Makes a chapter's data and charts: writes them into {@code outDir}, prints one line per chart (its path and
     * what it shows) and any final numbers to {@code log} when it is not null, and returns the written files.
     * A chapter class offers it as {@code public static List<Path> run(Path outDir, long seed, PrintStream log)}, or,
     * when it reads the user's images (chapter 5), with the {@link DataSource} after the seed.
     */
    @FunctionalInterface
    public interface Runner {
        List<Path> run(Path outDir, long seed, DataSource data, PrintStream log);

        /** A runner for a chapter that makes its own data. */
        static Runner ownData(OwnData chapter) {
            return (outDir, seed, data, log) -> chapter.run(outDir, seed, log);
        }
    }

    /** A chapter's {@code run(Path outDir, long seed, PrintStream log)}: it makes its own data. */
    @FunctionalInterface
    public interface OwnData {
        List<Path> run(Path outDir, long seed, PrintStream log);
    }

    public Chapter {
        Check.arg(number > 0, "chapter numbers start at 1, got " + number);
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(runner, "runner");
    }

    /**
     * The line every chapter's {@code main} prints first: which kernels run, and, when they are the scalar ones
     * because the {@code jdk.incubator.vector} module is missing, that they give the text's numbers (the same bits
     * as the vector kernels) but much more slowly, and how to add the module. {@code ./semfill} adds it by itself.
     */
    public static String kernelsLine() {
        Kernels k = KernelProvider.get();
        if ("scalar".equals(k.name()) && !KernelProvider.vectorAvailable()) {
            return "kernels: scalar, because module jdk.incubator.vector is not loaded: the same numbers as the text, but"
                + " training is about 10x slower; run java with --add-modules jdk.incubator.vector (./semfill does this)";
        }
        return "kernels: " + k.name() + " (" + KernelProvider.reason() + ")";
    }

    /** Prints {@link #kernelsLine()} to {@code out}: call it first in a chapter's {@code main}, once its arguments are read. */
    public static void printKernels(PrintStream out) {
        out.println(kernelsLine());
    }

    /** Runs the chapter into {@code outDir} on {@code data} (what the command line gave); see {@link Runner#run}. */
    public List<Path> run(Path outDir, long seed, DataSource data, PrintStream log) {
        return runner.run(outDir, seed, data, log);
    }
}
