package org.semfill.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Conversions between {@link BufferedImage} and semfill's pixels: float (C, H, W) in [-1, 1], where a byte
 * value v in 0..255 becomes v / 127.5 - 1 (0 -> -1, 255 -> 1) and back by rounding.
 *
 * <p>Grayscale images are read and written through their raster, never with {@code getRGB} /
 * {@code setRGB}: Java2D treats a {@code TYPE_BYTE_GRAY} image as <em>linear</em> grey and converts it to sRGB
 * on {@code getRGB}, which would brighten every mid-tone (a stored 128 comes back as 188, and setRGB of 128 stores 55).
 */
public final class Pixels {
    private Pixels() {}

    /** A byte value 0..255 as a pixel in [-1, 1]. */
    public static float fromByte(int v) {
        return v / 127.5f - 1f;
    }

    /** A pixel in [-1, 1] as a byte value 0..255 (rounded, clamped; NaN becomes 0). */
    public static int toByte(float v) {
        float b = (v + 1f) * 127.5f;
        if (!(b > 0)) return 0;
        return b >= 255 ? 255 : Math.round(b);
    }

    /** True if the image stores grey levels (optionally with alpha) rather than colours or a palette. */
    public static boolean isGray(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        return !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /** 1 for a grayscale image, 3 otherwise. */
    public static int nativeChannels(BufferedImage img) {
        return isGray(img) ? 1 : 3;
    }

    /**
     * The image as float (channels, H, W) in [-1, 1], {@code channels} 1 (luma of a colour image) or 3
     * (grey repeated for a grayscale image). Transparent pixels are composited over black, the background
     * value -1 of the bundled data.
     */
    public static float[] fromImage(BufferedImage img, int channels) {
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        int w = img.getWidth(), h = img.getHeight(), hw = w * h;
        if (isGray(img)) {
            Raster r = img.getRaster();
            ColorModel cm = img.getColorModel();
            float max = (1 << cm.getComponentSize(0)) - 1;
            boolean alpha = cm.hasAlpha() && r.getNumBands() > 1;
            float alphaMax = alpha ? (1 << cm.getComponentSize(1)) - 1 : 1;
            float[] gray = new float[hw]; // (1, H, W)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    float v = r.getSample(x, y, 0) / max;
                    if (alpha) v *= r.getSample(x, y, 1) / alphaMax;
                    gray[y * w + x] = 2f * v - 1f;
                }
            return Resample.convertChannels(gray, 1, hw, channels);
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        boolean alpha = img.getColorModel().hasAlpha();
        float[] rgb = new float[3 * hw]; // (3, H, W)
        for (int p = 0; p < hw; p++) {
            int v = argb[p];
            float a = alpha ? (v >>> 24) / 255f : 1f;
            rgb[p] = fromByteScaled((v >> 16) & 0xFF, a);
            rgb[hw + p] = fromByteScaled((v >> 8) & 0xFF, a);
            rgb[2 * hw + p] = fromByteScaled(v & 0xFF, a);
        }
        return Resample.convertChannels(rgb, 3, hw, channels);
    }

    private static float fromByteScaled(int v, float alpha) {
        return v * alpha / 127.5f - 1f;
    }

    /**
     * An image for float (C, H, W) in [-1, 1]: {@code TYPE_BYTE_GRAY} for C = 1, {@code TYPE_INT_RGB} for C = 3.
     * Values outside [-1, 1] are clamped.
     */
    public static BufferedImage toImage(float[] chw, int c, int h, int w) {
        if ((long) c * h * w != chw.length)
            throw new IllegalArgumentException("image (" + c + ", " + h + ", " + w + ") needs " + (long) c * h * w
                    + " values, got " + chw.length);
        int hw = h * w;
        if (c == 1) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster r = img.getRaster();
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) r.setSample(x, y, 0, toByte(chw[y * w + x]));
            return img;
        }
        if (c == 3) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] rgb = new int[hw];
            for (int p = 0; p < hw; p++)
                rgb[p] = toByte(chw[p]) << 16 | toByte(chw[hw + p]) << 8 | toByte(chw[2 * hw + p]);
            img.setRGB(0, 0, w, h, rgb, 0, w);
            return img;
        }
        throw new IllegalArgumentException("images have 1 or 3 channels, got " + c);
    }
}
