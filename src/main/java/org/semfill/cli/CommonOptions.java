package org.semfill.cli;

import org.semfill.internal.UserError;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Options every subcommand shares ({@code @Mixin}): seed, threads, kernels, convolution algorithm, debug. {@link Main} applies them before the
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

    @Option(names = "--conv", description = "how stride-2 convolutions are computed: direct (every multiply; the tutorials' "
            + "figures, bit for bit) or winograd (2.56x fewer multiplies: faster, equal up to rounding); default: direct",
            converter = ConvChoiceConverter.class)
    public ConvAlgorithm conv;

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
        try { // selected on every command, as the kernels are: one command's choice never leaks into the next
            ConvAlgorithm.select(conv != null ? conv : ConvAlgorithm.parse(System.getProperty(ConvAlgorithm.PROPERTY, "direct")));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " (system property " + ConvAlgorithm.PROPERTY + ")");
        }
    }

    /** The algorithm's own message for a bad {@code --conv}. */
    static final class ConvChoiceConverter implements ITypeConverter<ConvAlgorithm> {
        @Override
        public ConvAlgorithm convert(String value) {
            try {
                return ConvAlgorithm.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
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
