package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

/** The .npy header semfill writes is the one NumPy writes, and reading refuses what is not a uint8 array. */
class NpyTest {
    @TempDir
    Path dir;

    @Test
    void headerIsNumpyVersionOneWithTheDataOnA64ByteBoundary() {
        byte[] h = Npy.header(202_599, 3, 64, 64);
        assertEquals(Npy.HEADER_BYTES, h.length);
        assertEquals(0, h.length % 64);
        assertEquals((byte) 0x93, h[0]);
        assertEquals("NUMPY", new String(h, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, h[6]);
        assertEquals(0, h[7]);
        assertEquals(h.length - 10, (h[8] & 0xFF) | (h[9] & 0xFF) << 8);
        String dict = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
        assertTrue(dict.startsWith("{'descr': '|u1', 'fortran_order': False, 'shape': (202599, 3, 64, 64), }"), dict);
        assertTrue(dict.endsWith(" \n"), "padded with spaces, ends in a newline");
    }

    @Test
    void readsBackTheShapeOfWhatItWrote() throws IOException {
        Path f = dir.resolve("a.npy");
        byte[] data = new byte[2 * 3 * 4 * 5];
        Files.write(f, concat(Npy.header(2, 3, 4, 5), data));
        try (FileChannel ch = FileChannel.open(f)) {
            Npy.Layout l = Npy.read(ch, f);
            assertEquals(Npy.HEADER_BYTES, l.dataOffset());
            assertArrayEquals(new long[] {2, 3, 4, 5}, l.shape());
        }
    }

    @Test
    void readsNumpysOwnOneDimensionalHeader() throws IOException {
        // As numpy.save writes np.zeros(7, np.uint8): a 1-D shape keeps its trailing comma.
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (7,), }";
        String padded = dict + " ".repeat(64 - 10 - dict.length() - 1 + 64) + "\n";
        byte[] head = new byte[10];
        head[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, head, 1, 5);
        head[6] = 1;
        head[8] = (byte) padded.length();
        Path f = dir.resolve("b.npy");
        Files.write(f, concat(concat(head, padded.getBytes(StandardCharsets.US_ASCII)), new byte[7]));
        try (FileChannel ch = FileChannel.open(f)) {
            assertArrayEquals(new long[] {7}, Npy.read(ch, f).shape());
        }
        assertTrue(new String(Npy.header(7), StandardCharsets.US_ASCII).contains("'shape': (7,)"));
    }

    @Test
    void refusesTruncatedForeignAndFloatFiles() throws IOException {
        Path truncated = dir.resolve("t.npy");
        Files.write(truncated, concat(Npy.header(10, 1, 8, 8), new byte[100]));
        Path foreign = dir.resolve("f.npy");
        Files.writeString(foreign, "hello, not numpy at all");
        Path floats = dir.resolve("g.npy");
        Files.write(floats, new String(Npy.header(1, 1, 2, 2), StandardCharsets.ISO_8859_1).replace("|u1", "<f4")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (Path f : new Path[] {truncated, foreign, floats}) {
            UserError e = assertThrows(UserError.class, () -> {
                try (FileChannel ch = FileChannel.open(f)) {
                    Npy.read(ch, f);
                }
            });
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
