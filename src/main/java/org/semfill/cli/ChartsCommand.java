package org.semfill.cli;

import java.util.concurrent.Callable;
import org.semfill.data.DataSource;
import org.semfill.tutorial.Chapter;
import org.semfill.tutorial.Chapters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "charts", mixinStandardHelpOptions = true, modelTransformer = TutorialCommand.SeedHelp.class,
        description = {"Regenerate every tutorial chart: runs each quick chapter in turn, writing into --out.",
                "Slow chapters are skipped (run them with 'semfill tutorial N'). Without --seed each chapter uses its own seed."})
public final class ChartsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Mixin
    ChartsFolderOption out;

    @Override
    public Integer call() {
        int charts = 0;
        for (Chapter c : Chapters.all()) {
            if (!c.quick()) {
                System.out.println("chapter " + c.number() + " skipped (slow; run 'semfill tutorial " + c.number() + "')");
                continue;
            }
            long seed = TutorialCommand.seedFor(spec, common, c);
            System.out.println("chapter " + c.number() + ": " + c.title() + " (seed " + seed + ")");
            charts += c.run(out.folder, seed, DataSource.of(null), System.out).size(); // the quick chapters make their own data
        }
        System.out.println("wrote " + charts + " charts into " + out.folder);
        return 0;
    }
}
