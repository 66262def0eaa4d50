package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.semfill.internal.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every failure, Errors included, ends with one line and a non-zero exit; the stack trace only with --debug. */
class MainErrorsTest {
    /** A command that throws what the test asks for, from its body or while converting its option. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        static volatile Throwable toThrow;

        @CommandLine.Mixin
        CommonOptions common; // --debug, read by Main from the parsed options

        @Option(names = "--value", converter = Exploding.class)
        String value;

        @Option(names = "--in-thread")
        boolean inThread;

        @Override
        public Integer call() throws Exception {
            if (inThread) { // a worker thread's Error, rethrown in the caller (as kernels.Parallel does)
                Throwable[] seen = new Throwable[1];
                Thread t = new Thread(() -> {
                    try {
                        throwIt();
                    } catch (Throwable e) {
                        seen[0] = e;
                    }
                });
                t.start();
                t.join();
                throw new RuntimeException("worker failed", seen[0]);
            }
            throwIt();
            return 0;
        }

        static void throwIt() throws Exception {
            if (toThrow instanceof Error e) throw e;
            throw (Exception) toThrow;
        }
    }

    static final class Exploding implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) throws Exception {
            Boom.throwIt();
            return value;
        }
    }

    record Run(int code, String err) {}

    static Run run(Throwable t, String... args) {
        Boom.toThrow = t;
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Boom());
        cli.setErr(new PrintWriter(err, true));
        int code = Main.run(cli, args);
        return new Run(code, err.toString());
    }

    static void assertOneLine(Run r, int code, String fragment) {
        assertEquals(code, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void outOfMemoryInTheCommandIsOneLineWithTheLimitAndAdvice() {
        Run r = run(new OutOfMemoryError("Java heap space"));
        assertOneLine(r, Main.INTERNAL_ERROR, "out of memory");
        assertTrue(r.err().contains(String.format("%,d MB", Runtime.getRuntime().maxMemory() >> 20)), r.err());
        assertTrue(r.err().contains("JAVA_OPTS=-Xmx") && r.err().contains("--batch") && r.err().contains("--limit"), r.err());
    }

    @Test
    void outOfMemoryWithWinogradSuggestsDirect() {
        assertFalse(Main.outOfMemory(1L << 30).contains("--conv"), "direct: nothing to switch off");
        org.semfill.kernels.ConvAlgorithm.select(org.semfill.kernels.ConvAlgorithm.winograd);
        try {
            assertTrue(Main.outOfMemory(1L << 30).contains("or --conv direct"), Main.outOfMemory(1L << 30));
        } finally {
            org.semfill.kernels.ConvAlgorithm.select(org.semfill.kernels.ConvAlgorithm.direct);
        }
    }

    @Test
    void wrappedOrFromAWorkerThreadOrDuringOptionConversionToo() {
        assertOneLine(run(new RuntimeException("wrapper", new OutOfMemoryError())), Main.INTERNAL_ERROR, "out of memory");
        assertOneLine(run(new OutOfMemoryError(), "--in-thread"), Main.INTERNAL_ERROR, "out of memory");
        assertOneLine(run(new OutOfMemoryError(), "--value", "x"), Main.INTERNAL_ERROR, "out of memory");
        assertOneLine(run(new StackOverflowError(), "--value", "x"), Main.INTERNAL_ERROR, "stack overflow");
        assertOneLine(run(new UserError("--value x is bad: give y"), "--value", "x"), Main.USER_ERROR, "--value x is bad");
    }

    @Test
    void otherErrorsAndExceptionsAreOneLineInternalErrors() {
        assertOneLine(run(new StackOverflowError()), Main.INTERNAL_ERROR, "internal error: stack overflow (run with --debug");
        assertOneLine(run(new AssertionError("broken\ninvariant")), Main.INTERNAL_ERROR, "internal error: java.lang.AssertionError: broken");
        assertOneLine(run(new IllegalStateException("x")), Main.INTERNAL_ERROR, "internal error: java.lang.IllegalStateException: x");
        assertOneLine(run(new RuntimeException("w", new UserError("file f is bad: fix it"))), Main.USER_ERROR, "semfill: file f is bad");
    }

    @Test
    void theStackTraceOnlyWithDebug() {
        Run r = run(new OutOfMemoryError("Java heap space"), "--debug");
        assertEquals(Main.INTERNAL_ERROR, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
        assertTrue(r.err().strip().endsWith("or use a smaller --batch or --limit"), r.err());
    }

    @Test
    void theOutOfMemoryLineNamesTheOptionsThatCostMemoryForThatCommand() {
        String complete = Main.outOfMemory(256L << 20, "complete"), studio = Main.outOfMemory(256L << 20, "studio");
        assertTrue(complete.contains("--batch") && complete.contains("--restarts") && !complete.contains("--limit"), complete);
        assertTrue(studio.contains("in the page") && !studio.contains("--batch") && !studio.contains("--limit"), studio);
        assertTrue(Main.outOfMemory(256L << 20, "prepare").contains("--threads"));
        StringWriter w = new StringWriter();
        Main.report(new OutOfMemoryError(), new PrintWriter(w), false, "studio");
        assertTrue(w.toString().contains("fewer restarts or fills in the page"), w.toString());
    }

    @Test
    void reportHandlesErrorsDirectly() {
        StringWriter w = new StringWriter();
        assertEquals(Main.INTERNAL_ERROR, Main.report(new OutOfMemoryError(), new PrintWriter(w), false));
        assertEquals(Main.INTERNAL_ERROR, Main.report(new StackOverflowError(), new PrintWriter(w), false));
        assertEquals(2, w.toString().lines().count(), w.toString());
        assertTrue(Main.outOfMemory(512L << 20).contains("at most 512 MB"), Main.outOfMemory(512L << 20));
        assertTrue(Main.outOfMemory(Long.MAX_VALUE).contains("no set limit"));
    }
}
