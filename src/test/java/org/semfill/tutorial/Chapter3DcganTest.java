package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chapter 3 prints each layer table once, whether it trains the model or reuses it. */
class Chapter3DcganTest {
    private static final String SMALL_TABLE = "Generator: z (100 x 1 x 1) -> image (1 x 28 x 28)";

    @Test
    void theLayerTablePrintsOnceWhenTrainingAndWhenReusing(@TempDir Path dir) {
        Path run = dir.resolve("run");
        String trained = run(dir, run);
        assertEquals(1, count(trained, SMALL_TABLE), trained);
        assertEquals(1, count(trained, "DCGAN 64x64x3"), "the reference model's table too:\n" + trained);
        String reused = run(dir, run);
        assertEquals(1, count(reused, "reusing the model"), reused);
        assertEquals(1, count(reused, SMALL_TABLE), reused);
    }

    private static String run(Path dir, Path run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Chapter3Dcgan.run(dir.resolve("charts"), run, 1, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
        return n;
    }
}
