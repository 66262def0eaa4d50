package org.semfill.cli;

import java.util.concurrent.Callable;
import org.semfill.bench.DcganBench;
import org.semfill.internal.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the DCGAN workloads (configs a, b, c32, c28 of docs/performance.md) on synthetic data; prints one JSON line per run.")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--config", split = ",", defaultValue = "b", description = "a, b, c32, c28 (comma-separated for several; default ${DEFAULT-VALUE})")
    String[] configs;

    @Option(names = "--mode", split = ",", defaultValue = "train", description = "train, gfwd, complete (comma-separated; default ${DEFAULT-VALUE})")
    String[] modes;

    @Option(names = "--steps", defaultValue = "20", description = "timed steps (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed warm-up steps (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--batch", defaultValue = "64", description = "batch size (default ${DEFAULT-VALUE}, as the reference)")
    int batch;

    @Option(names = "--profile", description = "also print where a step's time goes: one JSON line per layer forward and op backward")
    boolean profile;

    @Override
    public Integer call() {
        if (steps < 1) throw new UserError("--steps must be at least 1, got " + steps);
        if (warmup < 0) throw new UserError("--warmup must be >= 0, got " + warmup);
        if (batch < 2) throw new UserError("--batch must be at least 2 (batch norm needs two images), got " + batch);
        for (String c : configs)
            for (String m : modes) {
                for (String line : DcganBench.run(c, m, steps, warmup, batch, profile)) System.out.println(line);
                System.out.flush();
            }
        return 0;
    }
}
