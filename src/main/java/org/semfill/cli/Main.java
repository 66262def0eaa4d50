package org.semfill.cli;

import java.io.PrintWriter;
import org.semfill.internal.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code semfill} program: a picocli root with one subcommand per job. Exit codes:
 * 0 success, 2 a user error (one line on stderr), 1 an internal failure.
 */
@Command(name = "semfill", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Semantic image completion with a DCGAN, in pure Java.",
        subcommands = {DemoCommand.class, InfoCommand.class, TrainCommand.class, SampleCommand.class, InspectCommand.class,
                PrepareCommand.class, CompleteCommand.class, EvaluateCompletionCommand.class, StudioCommand.class, TutorialCommand.class, ChartsCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int USER_ERROR = 2, INTERNAL_ERROR = 1;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int run(String... args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, cmd.getErr(), debug));
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("semfill: " + ex.getMessage() + " (see --help)");
            return USER_ERROR;
        });
        return cli.execute(args);
    }

    static int report(Exception ex, PrintWriter err, boolean debug) {
        if (debug) ex.printStackTrace(err);
        Throwable t = ex;
        while (!(t instanceof UserError) && t.getCause() != null) t = t.getCause();
        if (t instanceof UserError) {
            err.println("semfill: " + t.getMessage());
            err.flush();
            return USER_ERROR;
        }
        if (ex.getCause() instanceof OutOfMemoryError) {
            err.println("semfill: out of memory; give the JVM more heap, e.g. JAVA_OPTS=-Xmx8g ./semfill ..., or use a smaller --batch");
            return INTERNAL_ERROR;
        }
        err.println("semfill: internal error: " + ex + (debug ? "" : " (run with --debug for the stack trace)"));
        err.flush();
        return INTERNAL_ERROR;
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
