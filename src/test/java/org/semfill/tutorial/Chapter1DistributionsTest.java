package org.semfill.tutorial;

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
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Chapter1DistributionsTest {
    @TempDir Path dir;

    @Test
    void writesEveryChartAsAPngOfItsSizeAndPrintsOneLineEach() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> written = Chapter1Distributions.run(dir, 0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Map<String, int[]> expected = Map.of(
            "normal-pdf.png", new int[] {720, 450},
            "normal-samples.png", new int[] {700, 300},
            "normal-2d.png", new int[] {640, 680},
            "normal-2d-maximize.png", new int[] {640, 680},
            "normal-2d-correlated.png", new int[] {640, 680},
            "normal-2d-correlated-maximize.png", new int[] {640, 680},
            "normal-2d-slice.png", new int[] {720, 450});
        assertEquals(expected.size(), written.size());
        for (Path p : written) {
            int[] size = expected.get(p.getFileName().toString());
            assertNotNull(size, "unexpected file " + p);
            assertEquals(dir, p.getParent());
            BufferedImage img = ImageIO.read(p.toFile());
            assertNotNull(img, "not a readable image: " + p);
            assertEquals(size[0], img.getWidth(), p.toString());
            assertEquals(size[1], img.getHeight(), p.toString());
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (Path p : written) assertTrue(out.contains(p.toString()), "no line for " + p);
        assertTrue(out.contains("numeric 0.700000, analytic mu_y + rho*sigma_y/sigma_x*(x - mu_x) = 0.700000"), out);
    }

    @Test
    void theSamplesAreReproducibleFromTheSeed() {
        double[] a = Grid.column(Gaussian.standard(1).sample(Chapter1Distributions.SAMPLES_1D, 0), 0);
        double[] b = Grid.column(Gaussian.standard(1).sample(Chapter1Distributions.SAMPLES_1D, 0), 0);
        assertEquals(35, a.length);
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 0);
    }

    @Test
    void gridsHaveTheTutorialsSizes() {
        double[] g = Grid.arange(-3, 3, 0.025);
        assertEquals(240, g.length);
        assertEquals(-3, g[0], 0);
        assertEquals(2.975, g[239], 1e-12);
        assertEquals(6000, Grid.arange(-3, 3, 0.001).length);
    }

    @Test
    void fixedNeverPrintsMinusZero() {
        assertEquals("0.00", NumberText.fixed(-1e-9, 2));
        assertEquals("-0.01", NumberText.fixed(-0.01, 2));
        assertEquals("0.700000", NumberText.fixed(0.7, 6));
    }
}
