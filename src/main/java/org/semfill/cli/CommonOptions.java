package org.semfill.cli;

import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;
import picocli.CommandLine.Option;

/** Options every subcommand shares: seed, threads, kernels, debug. Applied before the command runs. */
public final class CommonOptions {
    @Option(names = "--seed", description = "seed of every random choice (default: ${DEFAULT-VALUE})", defaultValue = "1")
    public long seed;

    @Option(names = "--threads", description = "worker threads (default: available processors)")
    public Integer threads;

    @Option(names = "--kernels", description = "auto, scalar or vector (default: ${DEFAULT-VALUE})", defaultValue = "auto")
    public String kernels;

    @Option(names = "--debug", description = "print stack traces of errors")
    public boolean debug;

    /** Configures the thread pool and kernels; bad values are user errors. */
    public void apply() {
        if (threads != null) {
            if (threads < 1 || threads > 1024) throw new org.semfill.internal.UserError("--threads must be between 1 and 1024, got " + threads);
            Parallel.setThreads(threads);
        }
        String prop = System.getProperty(KernelProvider.PROPERTY);
        String mode = "auto".equals(kernels) && prop != null ? prop : kernels;
        try {
            KernelProvider.select(mode);
        } catch (IllegalArgumentException e) {
            throw new org.semfill.internal.UserError(e.getMessage());
        }
    }
}
