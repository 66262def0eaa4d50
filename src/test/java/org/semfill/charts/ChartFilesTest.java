package org.semfill.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

class ChartFilesTest {
    @TempDir Path dir;

    static JFreeChart simpleChart() {
        return new LineChart("t", "x", "y").line("a", new double[] {0, 1, 2}, new double[] {1, 0, 1}).build();
    }

    /** Reads {@code png} with ImageIO and checks it is an image of the given size. */
    static BufferedImage assertPng(Path png, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(png), "missing " + png);
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        assertEquals('N', head[2]);
        assertEquals('G', head[3]);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "ImageIO cannot read " + png);
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        return img;
    }

    @Test
    void savePngWritesAReadablePngOfTheAskedSizeAndLeavesNoTemporaryFile() throws IOException {
        Path png = dir.resolve("sub/folder/chart.png");
        assertEquals(png, ChartFiles.savePng(simpleChart(), png, 321, 123));
        assertPng(png, 321, 123);
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertEquals(1, files.count(), "only the chart, no .tmp left behind");
        }
        // Overwriting works too.
        ChartFiles.savePng(simpleChart(), png, 200, 100);
        assertPng(png, 200, 100);
    }

    @Test
    void unwritableTargetIsAUserErrorNamingTheFile() throws IOException {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        Path png = notADir.resolve("chart.png");
        UserError e = assertThrows(UserError.class, () -> ChartFiles.savePng(simpleChart(), png, 100, 100));
        assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
    }

    @Test
    void rejectsSillySizes() {
        assertThrows(IllegalArgumentException.class, () -> ChartFiles.savePng(simpleChart(), dir.resolve("a.png"), 0, 10));
        assertThrows(IllegalArgumentException.class, () -> ChartFiles.render(simpleChart(), 10, 100_000));
    }

    @Test
    void equalAspectMakesOneUnitEquallyLongOnBothAxes() {
        double[] g = MarchingSquaresTest.linspace(-3, 3, 61);
        double[] yg = MarchingSquaresTest.linspace(-1, 2, 31);
        JFreeChart chart = new ContourChart("c", "x", "y")
            .grid(g, yg, MarchingSquaresTest.sample(g, yg, (x, y) -> x * x + y * y)).build();
        Rectangle2D before = ChartFiles.dataArea(chart, 600, 600);
        assertTrue(Math.abs(before.getWidth() / 6 - before.getHeight() / 3) > 10, "starts distorted");
        ChartFiles.fitEqualAspect(chart, 600, 600);
        Rectangle2D after = ChartFiles.dataArea(chart, 600, 600);
        double xScale = after.getWidth() / 6, yScale = after.getHeight() / 3; // pixels per unit
        assertEquals(xScale, yScale, 1.0 / 3, "within a pixel over the axis");
    }
}
