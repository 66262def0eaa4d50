package org.semfill.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.data.ImageSet;
import org.semfill.data.Pixels;

class ImageGridTest {
    @TempDir
    Path dir;

    /** n gray images (n, 1, h, w); image i is uniform with byte level 20 i. */
    private static float[] uniform(int n, int h, int w) {
        float[] p = new float[n * h * w];
        for (int i = 0; i < p.length; i++) p[i] = Pixels.fromByte(20 * (i / (h * w)));
        return p;
    }

    @Test
    void dimensionsFollowScalePaddingAndColumns() {
        // 7 images of 28 x 28 in 3 columns: 3 rows; auto scale 3 makes 84-pixel cells; padding 2.
        BufferedImage img = new ImageGrid(3).render(uniform(7, 28, 28), 7, 1, 28, 28);
        assertEquals(2 + 3 * (84 + 2), img.getWidth());
        assertEquals(2 + 3 * (84 + 2), img.getHeight());
        BufferedImage plain = new ImageGrid(4).scale(1).render(uniform(8, 5, 6), 8, 1, 5, 6);
        assertEquals(2 + 4 * (6 + 2), plain.getWidth());
        assertEquals(2 + 2 * (5 + 2), plain.getHeight());
        assertEquals(2, new ImageGrid(1).effectiveScale(32));
        assertEquals(1, new ImageGrid(1).effectiveScale(64));
    }

    @Test
    void cellsHoldTheirImagesEnlargedByNearestNeighbour() {
        BufferedImage img = new ImageGrid(2).scale(2).render(uniform(3, 2, 2), 3, 1, 2, 2);
        // Image 2 is the first of row 1: cell at x = 2, y = 2 + (4 + 2).
        int level = 40;
        for (int y = 8; y < 12; y++)
            for (int x = 2; x < 6; x++) assertEquals(level * 0x010101, img.getRGB(x, y) & 0xFFFFFF, x + "," + y);
        assertEquals(0xFFFFFF, img.getRGB(0, 0) & 0xFFFFFF); // padding is white
    }

    @Test
    void titlesAndLabelsAddHeaderAndMargin() {
        float[] images = uniform(10, 28, 28);
        BufferedImage bare = new ImageGrid(5).render(images, 10, 1, 28, 28);
        BufferedImage titled = new ImageGrid(5)
                .columnTitles("original", "damaged", "G(z)", "completed", "blended")
                .rowLabels(java.util.List.of("#1", "#2"))
                .title("centre mask")
                .render(images, 10, 1, 28, 28);
        assertTrue(titled.getHeight() > bare.getHeight() + 20, titled.getHeight() + " vs " + bare.getHeight());
        assertTrue(titled.getWidth() > bare.getWidth());
        // Some title text is drawn (dark pixels) above the first row of cells.
        int dark = 0;
        int top = titled.getHeight() - bare.getHeight();
        for (int y = 0; y < top; y++)
            for (int x = 0; x < titled.getWidth(); x++) if ((titled.getRGB(x, y) & 0xFF) < 100) dark++;
        assertTrue(dark > 50, "dark pixels in the header: " + dark);
    }

    @Test
    void asColumnsPutsEachSetInItsOwnColumn() {
        float[] a = {1, 2}, b = {10, 20}, c = {100, 200}; // two images of one value each
        assertArrayEquals(new float[] {1, 10, 100, 2, 20, 200}, ImageGrid.asColumns(1, a, b, c));
    }

    @Test
    void writesARgbPngOfTheRenderedSize() {
        Path file = dir.resolve("grid.png");
        float[] rgb = new float[4 * 3 * 8 * 8];
        new ImageGrid(2).write(file, rgb, 4, 3, 8, 8);
        ImageSet back = Images.read(file);
        assertEquals(3, back.c());
        assertEquals(2 + 2 * (64 + 2), back.w());
    }
}
