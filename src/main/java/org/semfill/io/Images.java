package org.semfill.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.semfill.data.ImageFiles;
import org.semfill.data.ImageSet;
import org.semfill.data.Pixels;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.UserError;

/**
 * Reading and writing single images as float pixels (C, H, W) in [-1, 1]. PNG is written as 8-bit grayscale
 * for C = 1 and 8-bit RGB for C = 3, atomically, so an interrupted run never leaves half a file.
 */
public final class Images {
    private Images() {}

    /** Reads an image file at its own size: 1 channel if it is grayscale, 3 otherwise; a set of one image. */
    public static ImageSet read(Path file) {
        BufferedImage img = ImageFiles.decode(file);
        return fromImage(img, Pixels.nativeChannels(img), file);
    }

    /** Reads an image file at its own size with the given channel count (1 or 3); a set of one image. */
    public static ImageSet read(Path file, int channels) {
        return fromImage(ImageFiles.decode(file), channels, file);
    }

    /** Reads an image file, crops its centred square and resizes it to size x size; a set of one image. */
    public static ImageSet readSquare(Path file, int size, int channels) {
        return new ImageSet(ImageFiles.readSquare(file, size, channels), 1, channels, size, size, "image " + file);
    }

    /** Writes image (C, H, W) in [-1, 1] as a PNG; values outside are clamped. */
    public static void writePng(Path file, float[] chw, int c, int h, int w) {
        writePng(file, toBufferedImage(chw, c, h, w));
    }

    /** Writes image {@code index} of a set as a PNG. */
    public static void writePng(Path file, ImageSet set, int index) {
        writePng(file, set.image(index), set.c(), set.h(), set.w());
    }

    /** Writes any BufferedImage as a PNG, atomically; a failure is a {@link UserError} naming the file. */
    public static void writePng(Path file, BufferedImage img) {
        try {
            AtomicFiles.write(file, out -> {
                if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer for this image type");
            });
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + ReadableFiles.reason(e), e);
        }
    }

    /** Image (C, H, W) in [-1, 1] as a BufferedImage: TYPE_BYTE_GRAY for C = 1, TYPE_INT_RGB for C = 3. */
    public static BufferedImage toBufferedImage(float[] chw, int c, int h, int w) {
        return Pixels.toImage(chw, c, h, w);
    }

    private static ImageSet fromImage(BufferedImage img, int channels, Path file) {
        float[] pixels = Pixels.fromImage(img, channels);
        return new ImageSet(pixels, 1, channels, img.getHeight(), img.getWidth(), "image " + file);
    }

    /**
     * PNG files stacked top to bottom on white, left-aligned, as one PNG (e.g. the sample grids of several epochs).
     * With {@code bands > 0} each keeps only its top: up to the end of its first {@code bands} bands of non-white
     * lines (a grid's title is one band, each row of cells another).
     */
    public static void stackVertically(List<Path> pngs, Path out, int bands) {
        List<BufferedImage> parts = new java.util.ArrayList<>();
        int w = 0, h = 0;
        for (Path p : pngs) {
            BufferedImage img = ImageFiles.decode(p);
            if (bands > 0) img = img.getSubimage(0, 0, img.getWidth(), topBands(img, bands));
            parts.add(img);
            w = Math.max(w, img.getWidth());
            h += img.getHeight();
        }
        BufferedImage all = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = all.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            int y = 0;
            for (BufferedImage img : parts) {
                g.drawImage(img, 0, y, null);
                y += img.getHeight();
            }
        } finally {
            g.dispose();
        }
        writePng(out, all);
    }

    /** The height that holds the first {@code bands} runs of lines with a non-white pixel (plus one white line). */
    static int topBands(BufferedImage img, int bands) {
        int seen = 0;
        boolean inBand = false;
        for (int y = 0; y < img.getHeight(); y++) {
            boolean white = true;
            for (int x = 0; x < img.getWidth() && white; x++) white = (img.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF;
            if (!white && !inBand) inBand = true;
            else if (white && inBand) {
                inBand = false;
                if (++seen == bands) return Math.min(img.getHeight(), y + 1);
            }
        }
        return img.getHeight();
    }
}
