package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImportanceWeightsTest {

    private static Mask oneMissing(int size, int row, int col) {
        float[] m = new float[size * size];
        java.util.Arrays.fill(m, 1f);
        m[row * size + col] = 0f;
        return new Mask("one", size, size, m);
    }

    @Test
    void singleMissingPixelInTheMiddleWindow3() {
        // 5x5, (2,2) missing: its 8 neighbours see 1 missing pixel out of 9; all others see none.
        float[] w = ImportanceWeights.yeh(oneMissing(5, 2, 2), 3);
        float ninth = 1f / 9;
        float[] expected = {
            0, 0, 0, 0, 0,
            0, ninth, ninth, ninth, 0,
            0, ninth, 0, ninth, 0,
            0, ninth, ninth, ninth, 0,
            0, 0, 0, 0, 0};
        assertArrayEquals(expected, w, 1e-7f);
    }

    @Test
    void borderWindowsStillDivideByTheFullWindow() {
        // 4x4, corner (0,0) missing, window 3: the three known neighbours get 1/9 (not 1/4 or 1/6).
        float[] w = ImportanceWeights.yeh(oneMissing(4, 0, 0), 3);
        assertEquals(0f, w[0]);
        assertEquals(1f / 9, w[1], 1e-7f);
        assertEquals(1f / 9, w[4], 1e-7f);
        assertEquals(1f / 9, w[5], 1e-7f);
        assertEquals(0f, w[2]);
        assertEquals(0f, w[10]);
    }

    @Test
    void sevenBySevenWindowOnAFiveByFiveImage() {
        // Every known pixel of a 5x5 image lies within 3 of the centre, so each sees the one hole pixel: 1/49.
        float[] w = ImportanceWeights.of(oneMissing(5, 2, 2), true);
        for (int i = 0; i < 25; i++) assertEquals(i == 12 ? 0f : 1f / 49, w[i], 1e-7f, "pixel " + i);
    }

    @Test
    void centerMaskEdgeWeightIsThreeColumnsOfSeven() {
        Mask m = Masks.center(64); // hole rows/cols 16..47
        float[] w = ImportanceWeights.of(m, true);
        assertEquals(21f / 49, w[32 * 64 + 15], 1e-6f); // left of the hole, mid-height: columns 16..18 missing
        assertEquals(7f / 49, w[32 * 64 + 13], 1e-6f);  // three columns further: only column 16
        assertEquals(0f, w[32 * 64 + 12], 0f);          // window 9..15 misses the hole
        assertEquals(9f / 49, w[15 * 64 + 15], 1e-6f); // diagonal corner: a 3x3 block of the hole
        assertEquals(0f, w[32 * 64 + 32], 0f);          // hole pixels weigh 0
    }

    @Test
    void repeatedForEveryPlaneOfABatch() {
        Mask m = Masks.center(8);
        float[] one = ImportanceWeights.of(m, true);
        float[] batch = ImportanceWeights.of(m, true, 6); // e.g. (N=2, C=3, 8, 8)
        assertEquals(6 * 64, batch.length);
        for (int p = 0; p < 6; p++) assertArrayEquals(one, java.util.Arrays.copyOfRange(batch, p * 64, p * 64 + 64));
    }

    @Test
    void unweightedIsThePlainMask() {
        Mask m = Masks.center(28);
        assertArrayEquals(m.toArray(), ImportanceWeights.of(m, false));
    }

    @Test
    void fullMaskFallsBackToThePlainMask() {
        Mask full = Masks.full(32);
        float[] yeh = ImportanceWeights.yeh(full, 7);
        for (float v : yeh) assertEquals(0f, v);
        float[] used = ImportanceWeights.of(full, true);
        for (float v : used) assertEquals(1f, v);
    }
}
