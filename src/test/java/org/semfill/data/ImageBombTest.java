package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

/** A small file that claims a huge image is refused from its header, before a pixel is decoded. */
class ImageBombTest {
    /** A PNG of a few hundred bytes whose header says 40000 x 40000 (1.6 gigapixels). */
    static byte[] bomb() throws IOException {
        return PngBomb.bytes(40_000, 40_000);
    }

    @Test
    void aHugeClaimedSizeIsRefusedFromTheHeaderForFilesAndBytes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bomb.png");
        Files.write(f, bomb());
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        UserError e = assertThrows(UserError.class, () -> ImageFiles.decode(f));
        assertTrue(e.getMessage().contains("40000 x 40000") && e.getMessage().contains(f.toString()), e.getMessage());
        UserError m = assertThrows(UserError.class, () -> ImageFiles.decode(bomb(), "the painted mask"));
        assertTrue(m.getMessage().startsWith("the painted mask is 40000 x 40000"), m.getMessage());
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 200L << 20, "nothing near the 1.6 GB of pixels was allocated");
    }
}
