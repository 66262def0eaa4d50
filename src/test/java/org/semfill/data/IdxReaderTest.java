package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsPlainImagesWithExactValues() throws IOException {
        byte[] pixels = IdxTestFiles.ramp(3 * 4 * 5);
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        Path file = IdxTestFiles.write(dir, "imgs-idx3-ubyte", IdxTestFiles.images(3, 4, 5, pixels));
        ImageSet set = IdxReader.readImages(file);
        assertEquals(3, set.n());
        assertEquals(1, set.c());
        assertEquals(4, set.h());
        assertEquals(5, set.w());
        assertEquals(-1f, set.pixels()[0]);
        assertEquals(1f, set.pixels()[1]);
        for (int i = 0; i < pixels.length; i++)
            assertEquals((pixels[i] & 0xFF) / 127.5f - 1f, set.pixels()[i], 0f, "pixel " + i);
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByName() throws IOException {
        byte[] raw = IdxTestFiles.images(2, 3, 3, IdxTestFiles.ramp(18));
        Path plain = IdxTestFiles.write(dir, "plain.idx", raw);
        Path gzNamedPlain = IdxTestFiles.write(dir, "compressed.idx", IdxTestFiles.gzip(raw));
        Path gz = IdxTestFiles.write(dir, "compressed.idx.gz", IdxTestFiles.gzip(raw));
        float[] expected = IdxReader.readImages(plain).pixels();
        assertArrayEquals(expected, IdxReader.readImages(gzNamedPlain).pixels());
        assertArrayEquals(expected, IdxReader.readImages(gz).pixels());
    }

    @Test
    void limitReadsOnlyTheFirstImages() throws IOException {
        byte[] pixels = IdxTestFiles.ramp(5 * 2 * 2);
        Path file = IdxTestFiles.write(dir, "five.gz", IdxTestFiles.gzip(IdxTestFiles.images(5, 2, 2, pixels)));
        ImageSet two = IdxReader.readImages(file, 2);
        assertEquals(2, two.n());
        assertArrayEquals(Arrays.copyOf(IdxReader.readImages(file).pixels(), 8), two.pixels());
    }

    @Test
    void truncatedDataIsRejectedNamingTheFile() throws IOException {
        byte[] full = IdxTestFiles.images(4, 3, 3, IdxTestFiles.ramp(36));
        Path file = IdxTestFiles.write(dir, "short-images.idx", Arrays.copyOf(full, full.length - 5));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("short-images.idx"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedGzipIsRejectedNamingTheFile() throws IOException {
        byte[] gz = IdxTestFiles.gzip(IdxTestFiles.images(40, 10, 10, IdxTestFiles.ramp(4000)));
        Path file = IdxTestFiles.write(dir, "cut.gz", Arrays.copyOf(gz, gz.length / 2));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("cut.gz"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsRejected() throws IOException {
        Path file = IdxTestFiles.write(dir, "header.idx", new byte[] {0, 0, 8, 3, 0, 0});
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("header.idx") && e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void wrongMagicAndBadSizesAreRejected() throws IOException {
        Path text = IdxTestFiles.write(dir, "notes.txt", "hello world, not idx".getBytes());
        assertTrue(assertThrows(UserError.class, () -> IdxReader.readImages(text)).getMessage().contains("magic"));
        Path zeroRows = IdxTestFiles.write(dir, "zero.idx", IdxTestFiles.images(1, 0, 3, new byte[0]));
        assertTrue(assertThrows(UserError.class, () -> IdxReader.readImages(zeroRows)).getMessage().contains("zero.idx"));
        Path labels = IdxTestFiles.write(dir, "labels.idx", IdxTestFiles.labels(new byte[] {1, 2}));
        assertTrue(assertThrows(UserError.class, () -> IdxReader.readImages(labels)).getMessage().contains("label file"));
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] full = IdxTestFiles.images(1, 2, 2, IdxTestFiles.ramp(4));
        Path file = IdxTestFiles.write(dir, "long.idx", Arrays.copyOf(full, full.length + 3));
        assertTrue(assertThrows(UserError.class, () -> IdxReader.readImages(file)).getMessage().contains("long.idx"));
    }

    @Test
    void missingFileIsAUserError() {
        Path file = dir.resolve("absent.idx");
        assertTrue(assertThrows(UserError.class, () -> IdxReader.readImages(file)).getMessage().contains("absent.idx"));
    }

    @Test
    void readsLabelsPlainAndGzip() throws IOException {
        byte[] labels = {9, 0, 3, (byte) 200};
        Path plain = IdxTestFiles.write(dir, "l.idx", IdxTestFiles.labels(labels));
        Path gz = IdxTestFiles.write(dir, "l.idx.gz", IdxTestFiles.gzip(IdxTestFiles.labels(labels)));
        assertArrayEquals(new int[] {9, 0, 3, 200}, IdxReader.readLabels(plain));
        assertArrayEquals(new int[] {9, 0, 3, 200}, IdxReader.readLabels(gz));
        assertArrayEquals(new int[] {9, 0}, IdxReader.readLabels(gz, 2));
        byte[] full = IdxTestFiles.labels(labels);
        Path cut = IdxTestFiles.write(dir, "cut-labels.idx", Arrays.copyOf(full, full.length - 1));
        assertTrue(assertThrows(UserError.class, () -> IdxReader.readLabels(cut)).getMessage().contains("cut-labels.idx"));
    }
}
