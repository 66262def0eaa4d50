package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.semfill.internal.UserError;

/**
 * A chapter's main reads its arguments like the command line does: a bad one is one line naming it, what is allowed
 * and the usage, exit code 2, no stack trace (unless --debug).
 */
class ChapterArgsTest {
    private static final String USAGE = "ChapterX [seed (1)] [images, 8 to 1000 (16)]";

    @Test
    void defaultsAndGoodValuesAreRead() {
        long[] seen = new long[2];
        assertEquals(0, run(a -> {
            seen[0] = a.seed(0, 1);
            seen[1] = a.integer(1, "images", 16, 8, 1000);
        }, new ByteArrayOutputStream(), "7"));
        assertEquals(7, seen[0]);
        assertEquals(16, seen[1]);
    }

    @Test
    void aBadValueIsOneLineNamingItAndWhatIsAllowed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(a -> a.seed(0, 1), err, "abc"));
        assertEquals("semfill: seed must be a whole number, e.g. 1, got 'abc'; usage: " + USAGE + "\n", text(err));
        for (String images : new String[] {"3", "1001", "many"}) {
            err.reset();
            assertEquals(2, run(a -> a.integer(1, "images", 16, 8, 1000), err, "1", images));
            assertEquals("semfill: images must be a whole number from 8 to 1000, got '" + images + "'; usage: " + USAGE + "\n", text(err));
        }
        err.reset();
        assertEquals(2, run(a -> { }, err, "1", "16", "extra"));
        assertTrue(text(err).startsWith("semfill: too many arguments: 3 given, at most 2 allowed"), text(err));
    }

    @Test
    void aUserErrorOfTheChapterIsExitCode2AndABugIs1WithTheTraceOnlyWithDebug() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(a -> { throw new IllegalStateException(new UserError("no such folder: x")); }, err));
        assertEquals("semfill: no such folder: x\n", text(err));
        err.reset();
        assertEquals(1, run(a -> { throw new IllegalStateException("bug"); }, err));
        assertEquals(1, text(err).lines().count(), text(err));
        assertTrue(text(err).contains("internal error") && text(err).contains("--debug"), text(err));
        err.reset();
        assertEquals(1, run(a -> { throw new IllegalStateException("bug"); }, err, "--debug"));
        assertTrue(text(err).contains("\tat org.semfill"), "--debug prints the stack trace: " + text(err));
    }

    /** The real program: Chapter4Completion with a seed that is not a number, in its own JVM (exit code, streams). */
    @Test
    void chapter4sMainRefusesABadSeedWithExitCode2() throws Exception {
        Result r = java(Chapter4Completion.class, "charts", "abc");
        assertEquals(2, r.code, r.err);
        assertEquals("semfill: seed must be a whole number, e.g. 1, got 'abc'; usage: " + Chapter4Completion.USAGE, r.err.strip());
        assertEquals("", r.out, "nothing runs before the arguments are checked");
    }

    /** Every chapter's main goes through the same checks. */
    @Test
    void everyChaptersMainRefusesABadArgumentWithExitCode2() throws Exception {
        assertBad(Chapter1Distributions.class, "seed must be", "charts", "x");
        assertBad(Chapter2TinyGan.class, "seed must be", "charts", "1.5");
        assertBad(Chapter3Dcgan.class, "epochs must be a whole number from 1 to 10000, got '0'", "charts", "0");
        assertBad(Chapter4Completion.class, "images must be a whole number from 8 to 1000, got '2000'", "charts", "1", "2000");
        assertBad(Chapter5Faces.class, "channels must be 1 or 3, got '2'", "faces", "2");
        assertBad(Chapter5Faces.class, "missing argument: the folder of face photos");
    }

    private static void assertBad(Class<?> chapter, String expected, String... args) throws Exception {
        Result r = java(chapter, args);
        assertEquals(2, r.code, chapter.getSimpleName() + ": " + r.err);
        assertEquals(1, r.err.strip().lines().count(), "one line: " + r.err);
        assertTrue(r.err.startsWith("semfill: " + expected) && r.err.contains("usage: " + chapter.getSimpleName()), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
    }

    private record Result(int code, String out, String err) {}

    private static Result java(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the program should stop at once");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static int run(ChapterArgs.Body body, ByteArrayOutputStream err, String... args) {
        return ChapterArgs.run(USAGE, 2, args, body, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
