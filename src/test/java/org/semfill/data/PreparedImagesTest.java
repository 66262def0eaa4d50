package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

/** Prepared images are read a batch at a time, with 64-bit offsets, and never all at once unless they fit. */
class PreparedImagesTest {
    @TempDir
    Path dir;

    /** CelebA's count at 64 x 64 colour: 2.49 GB of bytes, 9.96 GB as floats, beyond one Java array. */
    static final int CELEBA = 202_599, SIDE = 64, IMAGE = 3 * SIDE * SIDE;

    @Test
    void aDatasetLargerThanAnArrayIsReadByBatchWithoutAllocatingIt() throws IOException {
        Path f = dir.resolve("big.npy");
        long dataBytes = (long) CELEBA * IMAGE;
        assertTrue(dataBytes > Integer.MAX_VALUE, "the test needs offsets beyond 2^31");
        byte[] last = new byte[IMAGE];
        for (int i = 0; i < IMAGE; i++) last[i] = (byte) (i % 251);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(Npy.header(CELEBA, 3, SIDE, SIDE));
            raf.setLength(Npy.HEADER_BYTES + dataBytes); // sparse: no disk is used for the zeros
            raf.seek(Npy.HEADER_BYTES + (long) (CELEBA - 1) * IMAGE);
            raf.write(last);
        }
        try (PreparedImages images = PreparedImages.open(f, "synthetic")) {
            assertEquals(CELEBA, images.n());
            assertEquals(IMAGE, images.imageSize());
            float[] batch = new float[2 * IMAGE];
            images.copyBatch(new int[] {CELEBA - 1, 5}, 0, 2, batch);
            for (int i = 0; i < IMAGE; i++) assertEquals(Pixels.fromByte(last[i] & 0xFF), batch[i], "pixel " + i + " of the last image");
            for (int i = IMAGE; i < 2 * IMAGE; i++) assertEquals(-1f, batch[i]);
            // The tail as a view: index 0 of the view is image CELEBA - 1 of the file.
            PreparedImages tail = images.range(CELEBA - 1, CELEBA);
            assertArrayEquals(java.util.Arrays.copyOf(batch, IMAGE), tail.load().pixels());
            UserError e = assertThrows(UserError.class, images::load);
            assertTrue(e.getMessage().contains("GB as floats") && e.getMessage().contains("use image limit"), e.getMessage()); // the CLI says --limit
        }
    }

    @Test
    void writesARangeAsANpyOfItsOwn() throws IOException {
        Path f = dir.resolve("small.npy");
        byte[] data = new byte[5 * 1 * 2 * 2];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (10 * i);
        Files.write(f, NpyTest.concat(Npy.header(5, 1, 2, 2), data));
        try (PreparedImages images = PreparedImages.open(f, "small")) {
            images.range(3, 5).writeNpy(dir.resolve("tail.npy"));
            try (PreparedImages tail = PreparedImages.open(dir.resolve("tail.npy"), "tail")) {
                assertEquals(2, tail.n());
                assertArrayEquals(images.load(3, 5).pixels(), tail.load().pixels());
            }
        }
    }

    @Test
    void refusesArraysThatAreNotImages() throws IOException {
        Path f = dir.resolve("odd.npy");
        Files.write(f, NpyTest.concat(Npy.header(4, 2, 3, 3), new byte[4 * 2 * 3 * 3]));
        UserError e = assertThrows(UserError.class, () -> PreparedImages.open(f, "odd"));
        assertTrue(e.getMessage().contains("C 1 or 3"), e.getMessage());
    }
}
