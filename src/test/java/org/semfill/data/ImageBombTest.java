package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

/** A small file that claims a huge image is refused from its header, before a pixel is decoded. */
class ImageBombTest {
    /** A PNG of a few hundred bytes whose header says 40000 x 40000 (1.6 gigapixels). */
    static byte[] bomb() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(40_000);
        h.writeInt(40_000);
        h.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit grey, deflate, no filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[300]);
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
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
