package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PixelsTest {
    @Test
    void everyByteSurvivesTheRoundTrip() {
        for (int v = 0; v <= 255; v++) assertEquals(v, Pixels.toByte(Pixels.fromByte(v)), "byte " + v);
        assertEquals(0, Pixels.toByte(-3f));
        assertEquals(255, Pixels.toByte(7f));
        assertEquals(0, Pixels.toByte(Float.NaN));
    }

    @Test
    void grayImagesAreReadWithoutGammaConversion() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 128);
        img.getRaster().setSample(1, 0, 0, 30);
        assertArrayEquals(new float[] {Pixels.fromByte(128), Pixels.fromByte(30)}, Pixels.fromImage(img, 1));
        float[] three = Pixels.fromImage(img, 3);
        assertEquals(6, three.length);
        assertEquals(Pixels.fromByte(128), three[4]);
    }

    @Test
    void grayAndRgbRoundTripThroughBufferedImage() {
        float[] gray = {Pixels.fromByte(0), Pixels.fromByte(77), Pixels.fromByte(128), Pixels.fromByte(255)};
        BufferedImage g = Pixels.toImage(gray, 1, 2, 2);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, g.getType());
        assertArrayEquals(gray, Pixels.fromImage(g, 1));
        float[] rgb = new float[3 * 2];
        for (int i = 0; i < rgb.length; i++) rgb[i] = Pixels.fromByte(i * 40);
        BufferedImage c = Pixels.toImage(rgb, 3, 1, 2);
        assertEquals(BufferedImage.TYPE_INT_RGB, c.getType());
        assertArrayEquals(rgb, Pixels.fromImage(c, 3));
        assertEquals(0x00_00_50_A0, c.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void transparentPixelsBecomeBlack() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00FFFFFF);
        assertArrayEquals(new float[] {-1, -1, -1}, Pixels.fromImage(img, 3));
    }
}
