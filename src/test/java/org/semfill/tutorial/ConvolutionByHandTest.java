package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked examples are right, independently of the reference loops they print, and their pictures are written.
 * (That the chapters quote the printed lines is {@link QuotedNumbersTest}'s job.)
 */
class ConvolutionByHandTest {

    @Test
    void theConvolutionMatchesTheSumsWorkedByHand() {
        // y[0,1] by hand: x rows 0..2, columns 1..3 against w rows 1..3, columns 0..2 = 1 + 2 + 6
        assertArrayEquals(new float[] {6, 9, 3, 2}, ConvolutionByHand.convolve(), 0f);
        assertTrue(ConvolutionByHand.convolutionSum(ConvolutionByHand.CONV_FIRST).contains(" = 6 ("));
        assertTrue(ConvolutionByHand.convolutionSum(ConvolutionByHand.CONV_SECOND).contains(" = 2 ("));
    }

    @Test
    void theTransposedConvolutionMatchesTheStampsWorkedByHand() {
        float[] y = ConvolutionByHand.convolveTransposed();
        assertArrayEquals(new float[] {-1, 1, -2, 2, 0, 7, 0, 3, -3, 5, -1, 5, 0, 5, 0, 1}, y, 0f);
        String sum = ConvolutionByHand.transposedSum(ConvolutionByHand.TRANSPOSED_CELL);
        assertTrue(sum.endsWith(" = 7") && sum.split("\\+").length == 7, sum); // four stamps: 3 pluses twice
    }

    /** The chapter's claim that the transposed convolution is the convolution's adjoint: (A x) . u = x . (A^T u). */
    @Test
    void theTwoExamplesAreAdjoint() {
        float[] ax = ConvolutionByHand.convolve(), atu = ConvolutionByHand.convolveTransposed();
        assertEquals(dot(ax, ConvolutionByHand.SMALL_INPUT), dot(ConvolutionByHand.INPUT, atu), 0.0);
    }

    @Test
    void bothPicturesAreWritten(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> written;
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            written = ConvolutionByHand.run(dir, log);
        }
        assertEquals(List.of(dir.resolve("convolution-by-hand.png"), dir.resolve("transposed-convolution-by-hand.png")), written);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        for (Path p : written) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertNotNull(img, p + " is not a readable PNG");
            assertTrue(img.getWidth() >= 700 && img.getHeight() >= 400, p + ": " + img.getWidth() + "x" + img.getHeight());
            assertTrue(printed.contains(p + ": "), "the program says what " + p + " shows:\n" + printed);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }
}
