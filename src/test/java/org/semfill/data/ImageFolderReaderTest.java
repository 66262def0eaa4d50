package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

class ImageFolderReaderTest {
    @TempDir
    Path dir;

    /** A w x h image filled with {@code outside}, with its centred square filled with {@code inside}. */
    private static BufferedImage framed(int w, int h, int type, Color outside, Color inside) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(outside);
        g.fillRect(0, 0, w, h);
        int s = Math.min(w, h);
        g.setColor(inside);
        g.fillRect((w - s) / 2, (h - s) / 2, s, s);
        g.dispose();
        return img;
    }

    private Path save(BufferedImage img, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, format, file.toFile()), "no writer for " + format);
        return file;
    }

    @Test
    void cropsResizesAndConvertsPngAndJpegOfAnyAspect() throws IOException {
        Color orange = new Color(250, 120, 20);
        // Wide PNG: only its centred 20 x 20 square is orange; the black sides must be cropped away.
        save(framed(60, 20, BufferedImage.TYPE_INT_RGB, Color.BLACK, orange), "png", "b-wide.png");
        // Tall JPEG, uniform colour (JPEG is lossy; uniform areas survive within a few levels).
        save(framed(30, 90, BufferedImage.TYPE_INT_RGB, orange, orange), "jpg", "a-tall.jpg");
        Files.writeString(dir.resolve("notes.txt"), "not an image, ignored");
        save(framed(8, 8, BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.WHITE), "png", ".hidden.png");

        ImageSet set = ImageFolderReader.read(dir, 16, 3, false, 0);
        assertEquals(2, set.n());
        assertEquals(3, set.c());
        assertEquals(16, set.h());
        assertEquals(16, set.w());
        float r = Pixels.fromByte(250), g = Pixels.fromByte(120), b = Pixels.fromByte(20);
        int hw = 16 * 16;
        for (int i = 0; i < 2; i++) {
            float tol = i == 0 ? 0.06f : 1e-5f; // a-tall.jpg comes first (sorted by name), then the PNG
            float[] img = set.image(i);
            for (int p = 0; p < hw; p++) {
                assertEquals(r, img[p], tol, "red, image " + i + " pixel " + p);
                assertEquals(g, img[hw + p], tol, "green, image " + i + " pixel " + p);
                assertEquals(b, img[2 * hw + p], tol, "blue, image " + i + " pixel " + p);
            }
        }
        ImageSet gray = ImageFolderReader.read(dir, 5, 1, false, 1);
        assertEquals(1, gray.n());
        assertEquals(5 * 5, gray.pixels().length);
        float luma = 0.299f * r + 0.587f * g + 0.114f * b;
        assertEquals(luma, gray.pixels()[12], 0.06f);
    }

    @Test
    void downscalingAveragesAreas() throws IOException {
        // A 4 x 4 checkerboard of black and white single pixels shrinks to uniform mid-grey at 2 x 2.
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++) img.getRaster().setSample(x, y, 0, (x + y) % 2 == 0 ? 255 : 0);
        save(img, "png", "checker.png");
        ImageSet set = ImageFolderReader.read(dir, 2, 1, false, 0);
        for (float v : set.pixels()) assertEquals(0f, v, 1e-6f);
    }

    @Test
    void filesAreSortedAndSubfoldersReadOnlyWhenRecursive() throws IOException {
        save(framed(4, 4, BufferedImage.TYPE_BYTE_GRAY, Color.WHITE, Color.WHITE), "png", "z.png");
        save(framed(4, 4, BufferedImage.TYPE_BYTE_GRAY, Color.BLACK, Color.BLACK), "png", "sub/a.png");
        save(framed(4, 4, BufferedImage.TYPE_BYTE_GRAY, Color.GRAY, Color.GRAY), "png", "m.PNG");
        List<Path> flat = ImageFolderReader.list(dir, false);
        assertEquals(List.of(dir.resolve("m.PNG"), dir.resolve("z.png")), flat);
        List<Path> deep = ImageFolderReader.list(dir, true);
        assertEquals(List.of(dir.resolve("m.PNG"), dir.resolve("sub/a.png"), dir.resolve("z.png")), deep);
        ImageSet set = ImageFolderReader.read(dir, 4, 1, true, 0);
        assertEquals(-1f, set.image(1)[0]); // sub/a.png is black
        assertEquals(1f, set.image(2)[0]); // z.png is white
    }

    @Test
    void undecodableImageIsAUserErrorNamingTheFile() throws IOException {
        save(framed(4, 4, BufferedImage.TYPE_INT_RGB, Color.RED, Color.RED), "png", "good.png");
        Files.write(dir.resolve("broken.jpg"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        UserError e = assertThrows(UserError.class, () -> ImageFolderReader.read(dir, 8, 3, false, 0));
        assertTrue(e.getMessage().contains("broken.jpg"), e.getMessage());
    }

    @Test
    void emptyOrMissingFolderIsAUserError() throws IOException {
        Files.writeString(dir.resolve("readme.md"), "no images here");
        UserError empty = assertThrows(UserError.class, () -> ImageFolderReader.read(dir, 8, 1, true, 0));
        assertTrue(empty.getMessage().contains("no images"), empty.getMessage());
        Path missing = dir.resolve("nowhere");
        UserError absent = assertThrows(UserError.class, () -> ImageFolderReader.read(missing, 8, 1, true, 0));
        assertTrue(absent.getMessage().contains("nowhere"), absent.getMessage());
    }
}
