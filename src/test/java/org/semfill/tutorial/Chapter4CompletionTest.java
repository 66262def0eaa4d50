package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.ModelFiles;
import org.semfill.internal.UserError;

/** Chapter 4's checks before any work (the search and training themselves are too slow for the suite). */
class Chapter4CompletionTest {

    @Test
    void tooFewImagesIsAUserErrorBeforeAnyTraining(@TempDir Path dir) {
        Path run = dir.resolve("run");
        UserError e = assertThrows(UserError.class,
                () -> Chapter4Completion.run(dir.resolve("charts"), run, dir.resolve("work"), 2, 10, 1, new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("got 2"), e.getMessage());
        assertFalse(Files.exists(run), "nothing may be trained for a call that is refused");
    }

    @Test
    void aModelOfAnotherSizeIsAUserErrorNamingTheRun(@TempDir Path dir) {
        Path run = dir.resolve("run32");
        ModelFiles.save(Dcgan.create(new DcganConfig(32, 1, 8, 4, 4), 1), mkdirs(run));
        UserError e = assertThrows(UserError.class,
                () -> Chapter4Completion.run(dir.resolve("charts"), run, dir.resolve("work"), 8, 10, 1, new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("28x28") && e.getMessage().contains(run.toString()), e.getMessage());
        assertFalse(Files.exists(dir.resolve("charts")), "no chart is written for the wrong model");
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
