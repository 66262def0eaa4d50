package org.semfill.cli;

import java.io.PrintWriter;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;
import org.semfill.kernels.ConvAlgorithm;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code semfill} program: a picocli root with one subcommand per job. Exit codes:
 * 0 success, 2 a user error (one line on stderr), 1 an internal failure.
 */
@Command(name = "semfill", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Semantic image completion with a DCGAN, in pure Java.",
        subcommands = {DemoCommand.class, InfoCommand.class, TrainCommand.class, SampleCommand.class, InspectCommand.class,
                PrepareCommand.class, TrainEncoderCommand.class, CompleteCommand.class, EvaluateCompletionCommand.class, StudioCommand.class, TutorialCommand.class, ChartsCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int USER_ERROR = 2, INTERNAL_ERROR = 1;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        // A failure in a background thread (outside picocli's handler) is one line too, not a stack trace; an Error
        // (out of memory, stack overflow) there leaves the program in no state to go on, so it also ends it with 1.
        Thread.setDefaultUncaughtExceptionHandler((thread, t) -> {
            CommandLine running = running(cli);
            int code = report(t, new PrintWriter(System.err, true), debug(running), running == null ? null : running.getCommandName());
            if (t instanceof Error) Runtime.getRuntime().halt(code);
        });
        System.exit(run(cli, args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int run(String... args) {
        return run(new CommandLine(new Main()), args);
    }

    /** The subcommand that runs (the last one matched), or null before the command line is parsed. */
    private static CommandLine running(CommandLine cli) {
        try {
            java.util.List<CommandLine> matched = cli.getParseResult() == null ? java.util.List.of() : cli.getParseResult().asCommandLineList();
            return matched.isEmpty() ? null : matched.get(matched.size() - 1);
        } catch (RuntimeException e) { // no parse result
            return null;
        }
    }

    /** Whether {@code cmd} was given {@code --debug} (as far as its options were parsed). */
    private static boolean debug(CommandLine cmd) {
        if (cmd == null) return false;
        for (CommandLine.Model.CommandSpec mixin : cmd.getCommandSpec().mixins().values())
            if (mixin.userObject() instanceof CommonOptions common) return common.debug;
        return false;
    }

    /**
     * Runs {@code cli} with the error conventions: every failure, {@link Error}s included (out of memory, stack
     * overflow, in the command, in option conversion, or in a worker thread that rethrows), ends with one line on
     * stderr and a non-zero exit; the stack trace only with {@code --debug}.
     */
    static int run(CommandLine cli, String... args) {
        cli.setExecutionStrategy(Main::applyCommonOptions);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, cmd.getErr(), debug(cmd), cmd.getCommandName()));
        cli.setParameterExceptionHandler((ex, a) -> {
            Throwable cause = ex.getCause();
            if (cause instanceof Error || cause instanceof UserError) return report(cause, ex.getCommandLine().getErr(), debug(ex.getCommandLine()));
            ex.getCommandLine().getErr().println("semfill: " + ex.getMessage() + " (see --help)");
            ex.getCommandLine().getErr().flush();
            return USER_ERROR;
        });
        try {
            return cli.execute(args);
        } catch (Throwable t) { // picocli lets Errors (and exceptions of its own handlers) through
            CommandLine running = running(cli);
            return report(t, cli.getErr(), debug(running), running == null ? null : running.getCommandName());
        }
    }

    /**
     * The execution strategy: applies the {@link CommonOptions} of the command that will run (the last one matched, as
     * {@link CommandLine.RunLast} runs it) once, here, then runs it. Not when only help or the version is asked for.
     * A bad value (e.g. {@code --threads 0}) is a {@link UserError} handed to the execution exception handler.
     */
    static int applyCommonOptions(CommandLine.ParseResult parsed) {
        java.util.List<CommandLine> matched = parsed.asCommandLineList();
        boolean help = matched.stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
        CommandLine last = matched.get(matched.size() - 1);
        if (!help) {
            for (CommandLine.Model.CommandSpec mixin : last.getCommandSpec().mixins().values()) {
                if (!(mixin.userObject() instanceof CommonOptions common)) continue;
                try {
                    common.apply();
                } catch (RuntimeException e) {
                    throw new CommandLine.ExecutionException(last, e.getMessage(), e);
                }
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /**
     * Prints one line for {@code ex} (and its stack trace first, with {@code debug}) and returns the exit code:
     * {@link #USER_ERROR} for a {@link UserError} anywhere in the cause chain, else {@link #INTERNAL_ERROR}.
     */
    static int report(Throwable ex, PrintWriter err, boolean debug) {
        return report(ex, err, debug, null);
    }

    /** As above, for the subcommand {@code command} (null if unknown): the out-of-memory line names its options that cost memory. */
    static int report(Throwable ex, PrintWriter err, boolean debug, String command) {
        try {
            if (debug) ex.printStackTrace(err);
            Throwable user = find(ex, UserError.class);
            if (user != null) {
                err.println("semfill: " + (user instanceof SettingError setting ? SettingFlags.message(setting) : user.getMessage()));
                return USER_ERROR;
            }
            if (find(ex, OutOfMemoryError.class) != null) err.println(outOfMemory(Runtime.getRuntime().maxMemory(), command));
            else if (find(ex, StackOverflowError.class) != null)
                err.println("semfill: internal error: stack overflow" + (debug ? "" : " (run with --debug for the stack trace)"));
            else {
                Throwable shown = ex instanceof CommandLine.ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
                err.println("semfill: internal error: " + oneLine(shown.toString()) + (debug ? "" : " (run with --debug for the stack trace)"));
            }
            return INTERNAL_ERROR;
        } catch (Throwable again) { // e.g. still out of memory while printing: keep the exit code
            return INTERNAL_ERROR;
        } finally {
            err.flush();
        }
    }

    /** The one line for an OutOfMemoryError: how much the JVM may use, and what to change. */
    static String outOfMemory(long maxBytes) {
        return outOfMemory(maxBytes, null);
    }

    /** What costs memory in each command, as the out-of-memory line names it (only options the command has). */
    static String memoryOptions(String command) {
        if (command == null) return "a smaller --batch or --limit";
        return switch (command) {
            case "train", "train-encoder" -> "a smaller --batch (or a narrower model: --ngf, --ndf)";
            case "complete" -> "a smaller --batch or fewer --restarts (--samples with --approach hmc)";
            case "evaluate-completion" -> "a smaller --limit or fewer --restarts";
            case "prepare" -> "fewer --threads";
            case "sample" -> "a smaller --n";
            case "inspect" -> "a smaller --n or --samples";
            case "studio" -> "fewer restarts or fills in the page";
            case "bench" -> "a smaller --batch";
            case "demo" -> "fewer --restarts";
            case "tutorial", "charts", "info" -> null; // no option of theirs changes the memory they need
            default -> "a smaller --batch or --limit";
        };
    }

    static String outOfMemory(long maxBytes, String command) {
        String limit = maxBytes == Long.MAX_VALUE ? "no set limit" : String.format("at most %,d MB", maxBytes >> 20);
        long suggest = maxBytes == Long.MAX_VALUE ? 8 : Math.max(2, 2 * ((maxBytes >> 30) + 1));
        String conv = ConvAlgorithm.get() == ConvAlgorithm.winograd
                ? ", or --conv direct (Winograd's plans of a 64 x 64 colour model take about 0.6 GB)" : "";
        String options = memoryOptions(command);
        return "semfill: out of memory: this JVM may use " + limit + " (Runtime.maxMemory); give it more, e.g. JAVA_OPTS=-Xmx"
                + suggest + "g ./semfill ..." + (options == null ? "" : ", or use " + options) + conv;
    }

    private static Throwable find(Throwable t, Class<? extends Throwable> type) {
        for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) if (type.isInstance(t)) return t;
        return null;
    }

    private static String oneLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"semfill " + version(), "JDK " + Runtime.version()};
        }
    }
}
