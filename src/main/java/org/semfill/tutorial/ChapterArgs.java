package org.semfill.tutorial;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semfill.internal.UserError;

/**
 * The positional arguments of a chapter's {@code main}, each read by position with a name, a default and the values
 * allowed. A bad one is a {@link UserError} naming it, what is allowed and the usage line. {@link #main} runs a
 * chapter's main with the command line's rules (docs/cli.md): a user error is one line on stderr and exit code 2,
 * anything else one line and exit code 1, and the stack trace only with {@code --debug}.
 */
public final class ChapterArgs {
    /** The part of a chapter's main after its arguments are read. */
    @FunctionalInterface
    public interface Body {
        void run(ChapterArgs args);
    }

    private final String usage;
    private final String[] args;

    /**
     * @param usage the usage line, e.g. {@code "Chapter4Completion [charts folder (charts)] [seed (1)]"}
     * @param max   how many arguments the chapter takes
     */
    ChapterArgs(String usage, int max, String[] args) {
        this.usage = usage;
        this.args = args;
        if (args.length > max)
            throw new UserError("too many arguments: " + args.length + " given, at most " + max + " allowed; usage: " + usage);
    }

    /** Runs {@code body} with the arguments and exits with 2 (user error) or 1 (anything else) when it fails. */
    public static void main(String usage, int max, String[] argv, Body body) {
        int code = run(usage, max, argv, body, System.err);
        if (code != 0) System.exit(code);
    }

    /**
     * The {@code main} of a chapter whose only arguments are the charts folder (default "charts") and the seed:
     * reads them, prints {@link Chapter#kernelsLine()} and runs the chapter with its lines on stdout.
     */
    public static void chartsFolderAndSeed(String usage, long defaultSeed, String[] argv, Chapter.OwnData chapter) {
        main(usage, 2, argv, a -> {
            Path out = a.path(0, "charts folder", "charts");
            long seed = a.seed(1, defaultSeed);
            Chapter.printKernels(System.out);
            chapter.run(out, seed, System.out);
        });
    }

    /** As {@link #main}, but returns the exit code (0, 1 or 2) instead of exiting; the error line goes to {@code err}. */
    static int run(String usage, int max, String[] argv, Body body, PrintStream err) {
        List<String> rest = new ArrayList<>(Arrays.asList(argv));
        boolean debug = rest.remove("--debug");
        try {
            body.run(new ChapterArgs(usage, max, rest.toArray(new String[0])));
            return 0;
        } catch (RuntimeException | Error e) {
            if (debug) e.printStackTrace(err);
            UserError user = userError(e);
            if (user != null) err.println("semfill: " + user.getMessage());
            else err.println("semfill: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
            err.flush();
            return user != null ? 2 : 1;
        }
    }

    private static UserError userError(Throwable t) {
        for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) if (t instanceof UserError u) return u;
        return null;
    }

    /** Argument {@code i}, required. */
    public String required(int i, String name) {
        if (i >= args.length) throw new UserError("missing argument: " + name + "; usage: " + usage);
        return args[i];
    }

    /** Argument {@code i} as a path, or {@code fallback} when it is not given. */
    public Path path(int i, String name, String fallback) {
        String s = i < args.length ? args[i] : fallback;
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw bad(name, s, "a folder name");
        }
    }

    /** Argument {@code i} as a seed (any whole number), or {@code fallback}. */
    public long seed(int i, long fallback) {
        if (i >= args.length) return fallback;
        try {
            return Long.parseLong(args[i].trim());
        } catch (NumberFormatException e) {
            throw bad("seed", args[i], "a whole number, e.g. 1");
        }
    }

    /** Argument {@code i} as a whole number from {@code min} to {@code max}, or {@code fallback}. */
    public int integer(int i, String name, int fallback, int min, int max) {
        if (i >= args.length) return fallback;
        String allowed = max == Integer.MAX_VALUE ? "a whole number of at least " + min : "a whole number from " + min + " to " + max;
        try {
            int v = Integer.parseInt(args[i].trim());
            if (v < min || v > max) throw bad(name, args[i], allowed);
            return v;
        } catch (NumberFormatException e) {
            throw bad(name, args[i], allowed);
        }
    }

    /** Argument {@code i} as one of {@code allowed}, or {@code fallback}. */
    public int oneOf(int i, String name, int fallback, int... allowed) {
        if (i >= args.length) return fallback;
        StringBuilder list = new StringBuilder();
        for (int k = 0; k < allowed.length; k++) list.append(k == 0 ? "" : k == allowed.length - 1 ? " or " : ", ").append(allowed[k]);
        try {
            int v = Integer.parseInt(args[i].trim());
            for (int a : allowed) if (a == v) return v;
        } catch (NumberFormatException e) {
            // reported below, as a value out of the list
        }
        throw bad(name, args[i], list.toString());
    }

    private UserError bad(String name, String value, String allowed) {
        return new UserError(name + " must be " + allowed + ", got '" + value + "'; usage: " + usage);
    }
}
