package org.semfill.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.data.ImageSet;
import org.semfill.data.Pixels;
import org.semfill.internal.UserError;

class ImagesTest {
    @TempDir
    Path dir;

    /** Values that are exact byte levels, so a PNG round trip must return them unchanged. */
    private static float[] levels(int count, int step) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) v[i] = Pixels.fromByte(i * step % 256);
        return v;
    }

    @Test
    void grayPngRoundTripIsExact() {
        float[] img = levels(5 * 7, 7);
        Path file = dir.resolve("gray.png");
        Images.writePng(file, img, 1, 5, 7);
        ImageSet back = Images.read(file);
        assertEquals(1, back.c());
        assertEquals(5, back.h());
        assertEquals(7, back.w());
        assertArrayEquals(img, back.pixels());
    }

    @Test
    void rgbPngRoundTripIsExactAndOnlyTheTargetIsLeft() throws IOException {
        float[] img = levels(3 * 4 * 6, 11);
        Path file = dir.resolve("out/rgb.png");
        Images.writePng(file, img, 3, 4, 6);
        ImageSet back = Images.read(file);
        assertEquals(3, back.c());
        assertArrayEquals(img, back.pixels());
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(file), files.toList()); // no temporary file left behind
        }
    }

    @Test
    void outOfRangeValuesAreClamped() {
        Path file = dir.resolve("clamp.png");
        Images.writePng(file, new float[] {-5f, 5f}, 1, 1, 2);
        assertArrayEquals(new float[] {-1f, 1f}, Images.read(file).pixels());
    }

    @Test
    void readSquareCropsAndResizes() {
        Path a = dir.resolve("a.png"), b = dir.resolve("b.png");
        Images.writePng(a, levels(3 * 10 * 20, 3), 3, 10, 20);
        Images.writePng(b, levels(30 * 10, 5), 1, 30, 10);
        ImageSet one = Images.readSquare(a, 4, 1);
        assertEquals(16, one.pixels().length);
        ImageSet gray = Images.readSquare(b, 8, 3);
        assertEquals(3 * 8 * 8, gray.imageSize());
        // b is grayscale: its three channels are equal.
        float[] img = gray.image(0);
        assertEquals(img[5], img[64 + 5]);
        assertEquals(img[5], img[128 + 5]);
    }

    @Test
    void unreadableFileIsAUserErrorNamingIt() throws IOException {
        Path bad = dir.resolve("photo.jpg");
        Files.writeString(bad, "this is not a JPEG");
        UserError e = assertThrows(UserError.class, () -> Images.read(bad));
        assertTrue(e.getMessage().contains("photo.jpg"), e.getMessage());
        Path missing = dir.resolve("missing.png");
        UserError m = assertThrows(UserError.class, () -> Images.read(missing));
        assertTrue(m.getMessage().contains("missing.png"), m.getMessage());
    }
}
