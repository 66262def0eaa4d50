package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspect command's contract: registered, helpful, one-line user errors. */
class InspectCommandTest extends ConsoleTest {

    @Test
    void isRegisteredWithHelp() {
        assertEquals(0, Main.run("inspect", "--help"));
        assertTrue(out.toString().contains("--model"), out.toString());
        assertTrue(out.toString().contains("memorisation"), out.toString());
    }

    @Test
    void badInputIsAOneLineUserError(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        assertUserError("generator.safetensors is missing", "inspect", "--model", tmp.resolve("empty").toString());
        assertUserError("--samples must be between", "inspect", "--model", tmp.toString(), "--samples", "0");
        assertUserError("--n must be between", "inspect", "--model", tmp.toString(), "--n", "5");
    }

    void assertUserError(String fragment, String... args) {
        err.reset();
        assertEquals(Main.USER_ERROR, Main.run(args), String.join(" ", args));
        String e = err.toString().trim();
        assertTrue(e.contains(fragment), "stderr was: " + e);
        assertFalse(e.contains("\tat "), "no stack trace without --debug: " + e);
    }
}
