package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;

class MasksTest {
    @TempDir
    Path dir;

    private static Mask parse(String spec, int size) {
        return Masks.parse(spec, size, new Rng(7));
    }

    @ParameterizedTest
    @ValueSource(ints = {28, 32, 64})
    void centerHoleIsTheMiddleHalfOfEachSide(int size) {
        Mask m = parse("center", size);
        int lo = size / 4, hi = size - size / 4;
        assertEquals((hi - lo) * (hi - lo), m.holeCount());
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
                assertEquals(!(r >= lo && r < hi && c >= lo && c < hi), m.isKnown(r, c), r + "," + c);
        assertEquals(size / 2, hi - lo);
    }

    @Test
    void centerHoleOf28IsRowsAndColumns7To20() {
        Mask m = Masks.center(28);
        assertTrue(m.isKnown(6, 14) && m.isKnown(21, 14) && m.isKnown(14, 6) && m.isKnown(14, 21));
        assertFalse(m.isKnown(7, 7) || m.isKnown(20, 20) || m.isKnown(7, 20) || m.isKnown(20, 7));
        assertEquals(14 * 14, m.holeCount());
        assertEquals(32 * 32, Masks.center(64).holeCount());
    }

    @ParameterizedTest
    @ValueSource(ints = {28, 32, 64})
    void leftHalfIsMissing(int size) {
        Mask m = parse("left", size);
        assertEquals(size * size / 2, m.holeCount());
        for (int r = 0; r < size; r++) {
            assertFalse(m.isKnown(r, size / 2 - 1));
            assertTrue(m.isKnown(r, size / 2));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {28, 32, 64})
    void gridKeepsEveryFourthPixel(int size) {
        Mask m = parse("grid", size);
        int perSide = (size + 3) / 4;
        assertEquals(perSide * perSide, m.knownCount());
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++) assertEquals(r % 4 == 0 && c % 4 == 0, m.isKnown(r, c));
        assertEquals(((size + 7) / 8) * ((size + 7) / 8), parse("grid:8", size).knownCount());
    }

    @Test
    void lowresKnowsTheBlockMeansAndNoPixel() {
        Mask m64 = parse("lowres", 64);
        assertEquals(8, m64.block());
        assertTrue(m64.knowsBlockAverages() && m64.hasHole());
        assertEquals(0, m64.knownCount()); // no pixel on its own: the hole is the whole image
        assertEquals(4, parse("lowres", 32).block());
        assertEquals(4, parse("lowres", 28).block()); // 28 / 8 is 3.5: the next divisor, a 7 x 7 input
        assertEquals(8, parse("lowres:8", 32).block());
        assertEquals(1, parse("center", 32).block());
        assertFalse(parse("grid", 32).knowsBlockAverages());
        UserError e = assertThrows(UserError.class, () -> parse("lowres:3", 28));
        assertEquals("lowres mask: block 3 does not divide the image side 28; use one of 2, 4, 7, 14 (lowres:K)", e.getMessage());
        assertThrows(UserError.class, () -> parse("lowres:1", 28));
        assertEquals(m64, Masks.requireKnownPixels(m64, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
    }

    @Test
    void lowresDamageIsTheBlockyLowResolutionImage() {
        Mask m = parse("lowres:2", 4);
        float[] img = new float[2 * 16]; // two planes
        for (int i = 0; i < img.length; i++) img[i] = i / 32f;
        float[] d = m.damage(img, -1f);
        for (int p = 0; p < 2; p++)
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 4; c++) {
                    int r0 = r / 2 * 2, c0 = c / 2 * 2, o = p * 16;
                    float mean = (img[o + r0 * 4 + c0] + img[o + r0 * 4 + c0 + 1] + img[o + (r0 + 1) * 4 + c0] + img[o + (r0 + 1) * 4 + c0 + 1]) / 4;
                    assertEquals(mean, d[o + r * 4 + c], 1e-6f, p + ":" + r + "," + c);
                }
        assertArrayEquals(BlockAverages.pool(img, 4, 4, 2), BlockAverages.pool(d, 4, 4, 2), 0f); // its block means are the known ones
    }

    @ParameterizedTest
    @ValueSource(ints = {28, 32, 64})
    void fullHasNoHole(int size) {
        Mask m = parse("full", size);
        assertEquals(0, m.holeCount());
        assertFalse(m.hasHole());
    }

    @ParameterizedTest
    @ValueSource(ints = {28, 32, 64})
    void randomMissesAboutTwentyPercentAndIsSeeded(int size) {
        Mask a = Masks.parse("random", size, new Rng(3));
        Mask b = Masks.parse("random", size, new Rng(3));
        Mask c = Masks.parse("random", size, new Rng(4));
        assertArrayEquals(a.toArray(), b.toArray());
        assertFalse(java.util.Arrays.equals(a.toArray(), c.toArray()));
        int n = size * size;
        double sd = Math.sqrt(n * 0.2 * 0.8);
        assertEquals(n * 0.2, a.holeCount(), 5 * sd, "hole count of a binomial(n, 0.2)");
        Mask half = Masks.parse("random:0.5", size, new Rng(3));
        assertEquals(n * 0.5, half.holeCount(), 5 * Math.sqrt(n * 0.25));
        assertEquals(n, Masks.random(size, 1.0, new Rng(1)).holeCount());
        assertEquals(0, Masks.random(size, 0.0, new Rng(1)).holeCount());
    }

    @Test
    void unknownNameListsTheValidNames() {
        UserError e = assertThrows(UserError.class, () -> parse("centre", 64));
        for (String name : Masks.NAMES) assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains("centre"));
    }

    @Test
    void badParametersAreUserErrors() {
        assertThrows(UserError.class, () -> parse("random:lots", 32));
        assertThrows(UserError.class, () -> parse("random:1.5", 32));
        assertThrows(UserError.class, () -> parse("grid:0", 32));
        assertThrows(UserError.class, () -> parse("center:3", 32));
        UserError missing = assertThrows(UserError.class, () -> parse(dir.resolve("nope.png").toString(), 32));
        assertTrue(missing.getMessage().contains("nope.png"));
    }

    @Test
    void readsAGreyPngMaskThresholdingAtMidGrey() throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster ras = img.getRaster();
        int[] values = {255, 0, 128, 127, 200, 50, 255, 255, 0, 0, 0, 0, 255, 255, 255, 255};
        for (int i = 0; i < 16; i++) ras.setSample(i % 4, i / 4, 0, values[i]);
        Path file = dir.resolve("grey.png");
        ImageIO.write(img, "png", file.toFile());
        Mask m = parse(file.toString(), 4);
        for (int i = 0; i < 16; i++) assertEquals(values[i] >= 128, m.isKnown(i), "pixel " + i + " value " + values[i]);
        assertEquals("grey.png", m.name());
    }

    @Test
    void readsColourSixteenBitAndPaletteMasks() throws IOException {
        BufferedImage rgba = new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(1, 1, 0xFFFFFFFF);
        rgba.setRGB(2, 0, 0x00FFFFFF); // transparent white: alpha is ignored, so known
        rgba.setRGB(0, 2, 0xFFFF0000); // red: channel mean 1/3, missing
        Path a = dir.resolve("rgba.png");
        ImageIO.write(rgba, "png", a.toFile());
        Mask m = parse(a.toString(), 3);
        assertEquals(2, m.knownCount());
        assertTrue(m.isKnown(1, 1) && m.isKnown(0, 2));

        BufferedImage grey16 = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(0, 0, 0, 40000);
        grey16.getRaster().setSample(1, 0, 0, 30000);
        Path b = dir.resolve("grey16.png");
        ImageIO.write(grey16, "png", b.toFile());
        Mask m16 = parse(b.toString(), 2);
        assertTrue(m16.isKnown(0, 0));
        assertFalse(m16.isKnown(0, 1));

        byte[] lut = {0, (byte) 255};
        BufferedImage palette = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, lut, lut, lut));
        palette.getRaster().setSample(1, 0, 0, 1);
        Path c = dir.resolve("binary.png");
        ImageIO.write(palette, "png", c.toFile());
        Mask mp = parse(c.toString(), 2);
        assertFalse(mp.isKnown(0, 0));
        assertTrue(mp.isKnown(0, 1));
        assertEquals(1, mp.knownCount());
    }

    @Test
    void maskFileOfTheWrongSizeNamesFileSizesAndFix() throws IOException {
        Path file = dir.resolve("small.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
        UserError e = assertThrows(UserError.class, () -> parse(file.toString(), 64));
        String msg = e.getMessage();
        assertTrue(msg.contains("small.png") && msg.contains("40x30") && msg.contains("64x64") && msg.contains("make it 64x64"), msg);
        assertFalse(msg.contains("\n"));
    }

    @Test
    void aFileThatIsNotAnImageIsAUserError() throws IOException {
        Path file = dir.resolve("notes.png");
        Files.writeString(file, "not a png");
        UserError e = assertThrows(UserError.class, () -> parse(file.toString(), 8));
        assertTrue(e.getMessage().contains("notes.png"));
    }

    @Test
    void damageAndBroadcastWorkPerPlane() {
        Mask m = Masks.center(4); // hole rows/cols 1..2
        float[] img = new float[2 * 16];
        java.util.Arrays.fill(img, 0.5f);
        float[] d = m.damage(img, -1f);
        int holes = 0;
        for (float v : d) if (v == -1f) holes++;
        assertEquals(8, holes);
        assertEquals(-1f, d[16 + 5]);
        assertEquals(0.5f, d[16]);
        float[] b = m.broadcast(3);
        assertEquals(48, b.length);
        assertEquals(0f, b[32 + 5]);
        assertNotEquals(0f, b[32]);
        assertThrows(IllegalArgumentException.class, () -> m.damage(new float[15], 0f));
    }
}
