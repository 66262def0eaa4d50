package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code semfill tutorial}: the listing, and the exit code of a chapter that does not exist. */
class TutorialCommandTest {

    /** Runs the CLI with stdout and stderr captured; returns {exit code, stdout, stderr}. */
    static Object[] capture(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Object[] {code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void listsTheChaptersWithTheirMainClassAndText() {
        Object[] r = capture("tutorial");
        assertEquals(0, r[0]);
        String listing = (String) r[1];
        assertTrue(listing.contains("org.semfill.tutorial.Chapter1Distributions"), listing);
        assertTrue(listing.contains("org.semfill.tutorial.Chapter2TinyGan"), listing);
        assertTrue(listing.contains("tutorials/02-gan-1d.md"), listing);
        assertTrue(listing.contains("A GAN learns a distribution you can see"), listing);
    }

    @Test
    void anUnknownChapterExitsWithTheUserErrorCode() {
        Object[] r = capture("tutorial", "42");
        assertEquals(Main.USER_ERROR, r[0]);
        assertTrue(((String) r[2]).contains("no tutorial chapter 42"), (String) r[2]);
    }
}
