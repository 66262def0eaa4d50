package org.semfill.completion;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.nio.file.Path;
import org.semfill.data.ImageFiles;
import org.semfill.internal.UserError;

/**
 * Reads a mask drawn by the user: a PNG (any channel count or bit depth) where white = known and
 * black = missing. A pixel is known when the mean of its colour channels is at least mid-grey (0.5 of full
 * scale); alpha is ignored.
 *
 * <p>NOTE: the samples are read from the raster, not through {@code getRGB}: Java converts a grey PNG to sRGB
 * in {@code getRGB}, which would move mid-grey (128) to about 186 and shift the threshold.
 */
final class MaskFile {
    private MaskFile() {}

    /**
     * @param size the side of the images the mask is for
     * @throws UserError if the file cannot be read as an image, claims an oversized image, or is not size x size
     */
    static Mask read(Path file, int size) {
        BufferedImage img;
        try { // the one shared reader: the header's size is checked before any pixel is decoded
            img = ImageFiles.decode(file);
        } catch (UserError e) {
            throw new UserError("mask file: " + e.getMessage() + " (a mask is a PNG: white = known, black = missing)", e);
        }
        if (img.getWidth() != size || img.getHeight() != size)
            throw new UserError("mask file " + file + " is " + img.getWidth() + "x" + img.getHeight() + " but the images are "
                    + size + "x" + size + ": make it " + size + "x" + size + " (white = known, black = missing)");
        float[] known = new float[size * size]; // (H, W)
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++) known[r * size + c] = brightness(img, c, r) >= 0.5 ? 1f : 0f;
        return new Mask(file.getFileName().toString(), size, size, known);
    }

    /** Mean of the colour channels of pixel (x, y), in [0, 1]. */
    private static double brightness(BufferedImage img, int x, int y) {
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel) { // a palette holds sRGB entries: no conversion happens
            int rgb = img.getRGB(x, y);
            return (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255)) / (3 * 255.0);
        }
        Raster raster = img.getRaster();
        int bands = cm.getNumColorComponents();
        double sum = 0;
        for (int b = 0; b < bands; b++) {
            double max = (1L << cm.getComponentSize(b)) - 1;
            sum += raster.getSample(x, y, b) / max;
        }
        return sum / bands;
    }
}
