package org.semfill.cli;

import org.semfill.internal.UserError;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Options every subcommand shares ({@code @Mixin}): seed, threads, kernels, debug. {@link Main} applies them before the
 * command runs (see {@code Main.applyCommonOptions}); a command does not call {@link #apply()} itself.
 */
public final class CommonOptions {
    /**
     * The values of {@code --kernels}. Lower case on purpose: picocli lists the constant names as the
     * candidates in the help, and they are the words the user types and {@link KernelProvider#select} takes.
     */
    public enum KernelChoice { auto, scalar, vector }

    @Option(names = "--seed", description = "seed of every random choice (default: ${DEFAULT-VALUE})", defaultValue = "1")
    public long seed;

    @Option(names = "--threads", description = "worker threads (default: available processors)")
    public Integer threads;

    @Option(names = "--kernels", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})", defaultValue = "auto", converter = KernelChoiceConverter.class)
    public KernelChoice kernels;

    @Option(names = "--debug", description = "print stack traces of errors")
    public boolean debug;

    /** Configures the thread pool and kernels; bad values are user errors. */
    public void apply() {
        if (threads != null) {
            if (threads < 1 || threads > 1024) throw new UserError("--threads must be between 1 and 1024, got " + threads);
            Parallel.setThreads(threads);
        }
        String prop = System.getProperty(KernelProvider.PROPERTY);
        String mode = kernels == KernelChoice.auto && prop != null ? prop : kernels.name();
        try {
            KernelProvider.select(mode);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Picocli's enum conversion, with the same message as a bad {@value KernelProvider#PROPERTY} property. */
    static final class KernelChoiceConverter implements ITypeConverter<KernelChoice> {
        @Override
        public KernelChoice convert(String value) {
            try {
                return KernelChoice.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("kernels must be auto, scalar or vector, got '" + value + "'");
            }
        }
    }
}
