package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, one-line errors, no stack traces without --debug. */
class MainTest extends ConsoleTest {

    @Test
    void infoReportsKernelsAndThreads() {
        assertEquals(0, Main.run("info", "--threads", "1", "--kernels", "scalar"));
        String s = out.toString();
        assertTrue(s.contains("kernels:  scalar (forced"), s);
        assertTrue(s.contains("threads:  1"), s);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String cmd : new String[] {"info", "train", "sample", "bench"}) assertEquals(0, Main.run(cmd, "--help"), cmd);
    }

    @Test
    void impossibleOptionValuesAreOneLineUserErrors(@TempDir Path tmp) {
        assertUserError("--size must be 28", "train", "--out", tmp.resolve("r").toString(), "--size", "30");
        assertUserError("--threads must be between", "info", "--threads", "0");
        assertUserError("kernels must be auto, scalar or vector", "info", "--kernels", "gpu");
        assertUserError("conv must be direct or winograd, got 'fft'", "info", "--conv", "fft");
        assertUserError("no such file or folder", "train", "--out", tmp.resolve("r2").toString(), "--data", tmp.resolve("nope").toString());
        assertUserError("Unknown option", "train", "--out", tmp.resolve("r3").toString(), "--bogus");
    }

    @Test
    void missingModelIsAUserError(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        assertUserError("generator.safetensors is missing", "sample", "--model", tmp.resolve("empty").toString(), "--out", tmp.resolve("s.png").toString());
    }

    void assertUserError(String fragment, String... args) {
        err.reset();
        assertEquals(Main.USER_ERROR, Main.run(args), String.join(" ", args));
        String e = err.toString().trim();
        assertTrue(e.contains(fragment), "stderr was: " + e);
        assertFalse(e.contains("\tat "), "no stack trace without --debug: " + e);
    }
}
