package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResampleTest {
    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        float[] src = {
            1, 2, 3, 4,
            5, 6, 7, 8,
            9, 10, 11, 12,
            13, 14, 15, 16};
        float[] out = Resample.resize(src, 1, 4, 4, 2, 2);
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, out, 1e-6f);
    }

    @Test
    void areaShrinkByAFractionKeepsTheMean() {
        Random r = new Random(1);
        float[] src = new float[2 * 7 * 7];
        for (int i = 0; i < src.length; i++) src[i] = r.nextFloat() * 2 - 1;
        float[] out = Resample.resize(src, 2, 7, 7, 3, 3);
        for (int k = 0; k < 2; k++) {
            double in = 0, o = 0;
            for (int i = 0; i < 49; i++) in += src[k * 49 + i];
            for (int i = 0; i < 9; i++) o += out[k * 9 + i];
            assertEquals(in / 49, o / 9, 1e-5, "channel " + k);
        }
    }

    @Test
    void bilinearEnlargeInterpolatesBetweenPixelCentres() {
        float[] out = Resample.resize(new float[] {0, 1}, 1, 1, 2, 1, 4);
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, out, 1e-6f);
    }

    @Test
    void centerCropTakesTheMiddle() {
        float[] src = {
            0, 1, 2, 3,
            4, 5, 6, 7};
        assertArrayEquals(new float[] {1, 2, 5, 6}, Resample.centerCropSquare(src, 1, 2, 4));
        float[] tall = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}; // (1, 6, 2): rows 2 and 3 are the middle
        assertArrayEquals(new float[] {4, 5, 6, 7}, Resample.centerCropSquare(tall, 1, 6, 2));
    }

    @Test
    void padSurroundsWithTheValue() {
        float[] out = Resample.pad(new float[] {0.5f}, 1, 1, 1, 1, -1f);
        assertArrayEquals(new float[] {-1, -1, -1, -1, 0.5f, -1, -1, -1, -1}, out);
    }

    @Test
    void channelConversionRepeatsOrTakesLuma() {
        assertArrayEquals(new float[] {0.2f, -0.4f, 0.2f, -0.4f, 0.2f, -0.4f},
                Resample.convertChannels(new float[] {0.2f, -0.4f}, 1, 2, 3));
        float[] rgb = {1, -1, 0};
        assertArrayEquals(new float[] {0.299f - 0.587f}, Resample.convertChannels(rgb, 3, 1, 1), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Resample.convertChannels(rgb, 3, 1, 2));
    }
}
