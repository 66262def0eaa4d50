package org.semfill.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.semfill.tutorial.Chapter;
import org.semfill.tutorial.Chapters;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tutorial", mixinStandardHelpOptions = true, modelTransformer = TutorialCommand.SeedHelp.class,
        description = {"List the tutorial's chapters, or run chapter N: it writes its charts into --out and says what they show.",
                "Without --seed a chapter uses the seed its committed charts were made with (0 for chapters 1 and 2).",
                "--data: chapter 5's folder of face photos to train on (CelebA, LFW, ...)."})
public final class TutorialCommand implements Callable<Integer> {
    /** What --seed means here: the shared option's help says "default: 1", but a chapter defaults to its own seed. */
    static final String SEED_HELP = "seed of every random choice (default: the chapter's own seed, the one its text and"
        + " committed charts use: " + chapterSeeds() + ")";
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "chapter to run (omit to list the chapters)")
    Integer number;

    @Mixin
    ChartsFolderOption out;

    @Mixin
    DataSourceOptions data;

    @Override
    public Integer call() {
        if (number == null) {
            list();
            return 0;
        }
        Chapter c = Chapters.get(number);
        long seed = seedFor(spec, common, c);
        System.out.println(Chapter.kernelsLine());
        System.out.println("chapter " + c.number() + ": " + c.title() + "  (text: " + c.markdown() + ", seed " + seed + ")");
        List<Path> written = c.run(out.folder, seed, data.source(), System.out);
        System.out.println("wrote " + written.size() + " chart" + (written.size() == 1 ? "" : "s") + " into " + out.folder);
        return 0;
    }

    private static void list() {
        System.out.println("semfill tutorial: run a chapter with 'semfill tutorial N', or all quick charts with 'semfill charts'");
        for (Chapter c : Chapters.all()) {
            System.out.println();
            System.out.println("  " + c.number() + "  " + c.title() + (c.quick() ? "" : "  (slow: not part of 'semfill charts')"));
            System.out.println("     text:       " + c.markdown());
            System.out.println("     main class: " + c.mainClass().getName());
        }
    }

    /** The --seed the user gave, else the chapter's own seed (the common option's default is for training). */
    static long seedFor(CommandSpec spec, CommonOptions common, Chapter c) {
        boolean given = spec.commandLine().getParseResult() != null
            && spec.commandLine().getParseResult().hasMatchedOption("--seed");
        return given ? common.seed : c.seed();
    }

    /** "chapter 1: 0, chapter 2: 0, chapter 3: 1, ...", from the table of contents. */
    static String chapterSeeds() {
        StringBuilder sb = new StringBuilder();
        for (Chapter c : Chapters.all()) sb.append(sb.length() == 0 ? "" : ", ").append("chapter ").append(c.number())
            .append(": ").append(c.seed());
        return sb.toString();
    }

    /** Rewrites the help of the shared --seed option for this command (its value still lands in {@link #common}). */
    public static final class SeedHelp implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            OptionSpec old = spec.findOption("--seed");
            if (old == null) return spec;
            spec.remove(old);
            spec.addOption(OptionSpec.builder(old).description(SEED_HELP).build());
            return spec;
        }
    }
}
