package org.semfill.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stacking sample grids: each keeps its title and first rows, found as bands of non-white lines. */
class ImagesStackTest {
    /** White, with grey bands at lines [5, 10), [20, 30), [40, 50), [60, 70): a title and three rows. */
    static BufferedImage grid() {
        BufferedImage img = new BufferedImage(30, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 30, 80);
        g.setColor(Color.GRAY);
        g.fillRect(3, 5, 10, 5);
        for (int y0 : new int[] {20, 40, 60}) g.fillRect(0, y0, 30, 10);
        g.dispose();
        return img;
    }

    @Test
    void keepsTheFirstBandsOfEachImage(@TempDir Path dir) throws IOException {
        assertEquals(31, Images.topBands(grid(), 2), "title and first row, then one white line");
        assertEquals(51, Images.topBands(grid(), 3));
        assertEquals(80, Images.topBands(grid(), 9), "fewer bands than asked: the whole image");
        Path a = dir.resolve("a.png"), out = dir.resolve("out.png");
        ImageIO.write(grid(), "png", a.toFile());
        Images.stackVertically(List.of(a, a), out, 3);
        BufferedImage stacked = ImageIO.read(out.toFile());
        assertEquals(2 * 51, stacked.getHeight());
        assertEquals(30, stacked.getWidth());
    }
}
