package org.semfill.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RotationsTest {
    // a 2-channel 3x3 image with distinct values
    final float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19};

    float[] turn(float[] x, int q) {
        float[] out = new float[x.length];
        Rotations.rotate(x, 0, 2, 3, q, out, 0);
        return out;
    }

    @Test
    void aQuarterTurnIsCounterClockwise() {
        // 1 2 3      3 6 9
        // 4 5 6  ->  2 5 8
        // 7 8 9      1 4 7
        float[] q = turn(img, 1);
        assertArrayEquals(new float[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, Arrays.copyOf(q, 9));
        assertArrayEquals(new float[] {13, 16, 19, 12, 15, 18, 11, 14, 17}, Arrays.copyOfRange(q, 9, 18));
    }

    @Test
    void turnsCompose() {
        assertArrayEquals(img, turn(turn(img, 1), 3));
        assertArrayEquals(turn(img, 2), turn(turn(img, 1), 1));
        assertArrayEquals(img, turn(turn(turn(turn(img, 1), 1), 1), 1));
        assertArrayEquals(img, turn(img, 0));
        assertArrayEquals(turn(img, 3), turn(img, -1));
    }
}
