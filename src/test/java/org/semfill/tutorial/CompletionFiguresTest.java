package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;

/** The pixel work behind chapter 4's pictures, on tiny synthetic images. */
class CompletionFiguresTest {
    private static final float[] HOLE = CompletionFigures.HOLE_COLOUR;

    /** A 4x4 grey ramp: pixel p has value p / 16 - 0.5. */
    private static float[] ramp() {
        float[] img = new float[16];
        for (int p = 0; p < 16; p++) img[p] = p / 16f - 0.5f;
        return img;
    }

    @Test
    void greyBecomesThreeEqualPlanesAndTheHoleIsPainted() {
        float[] img = ramp();
        Mask center = Masks.center(4); // hole: rows and columns 1..2
        float[] rgb = CompletionFigures.toRgb(img, 1, 1, 4, center);
        assertEquals(48, rgb.length);
        for (int ch = 0; ch < 3; ch++)
            for (int p = 0; p < 16; p++) {
                float expected = center.isKnown(p) ? img[p] : HOLE[ch];
                assertEquals(expected, rgb[ch * 16 + p], "channel " + ch + " pixel " + p);
            }
        float[] plain = CompletionFigures.toRgb(img, 1, 1, 4, null);
        for (int ch = 0; ch < 3; ch++) assertArrayEquals(img, java.util.Arrays.copyOfRange(plain, ch * 16, ch * 16 + 16));
        assertArrayEquals(plain, CompletionFigures.toRgb(img, 1, 1, 4, Masks.full(4)), "a mask without a hole paints nothing");
    }

    @Test
    void colourImagesKeepTheirChannels() {
        float[] img = new float[2 * 3 * 4]; // two 2x2 colour images
        for (int i = 0; i < img.length; i++) img[i] = i / 24f;
        assertArrayEquals(img, CompletionFigures.toRgb(img, 2, 3, 2, null));
        assertThrows(IllegalArgumentException.class, () -> CompletionFigures.toRgb(img, 2, 2, 2, null));
        assertThrows(IllegalArgumentException.class, () -> CompletionFigures.toRgb(img, 3, 3, 2, null));
    }

    @Test
    void maskPanelsShowEachMaskThenTheImageUnderIt() {
        float[] img = ramp();
        List<Mask> masks = List.of(Masks.center(4), Masks.left(4), Masks.full(4));
        float[] cells = CompletionFigures.maskPanels(img, 1, 4, masks);
        int per = 48;
        assertEquals(2 * masks.size() * per, cells.length);
        for (int k = 0; k < masks.size(); k++) {
            Mask m = masks.get(k);
            for (int ch = 0; ch < 3; ch++)
                for (int p = 0; p < 16; p++) {
                    assertEquals(m.isKnown(p) ? 1f : -1f, cells[k * per + ch * 16 + p], m.name() + " mask cell");
                    float under = cells[(masks.size() + k) * per + ch * 16 + p];
                    assertEquals(m.isKnown(p) ? img[p] : HOLE[ch], under, m.name() + " image cell");
                }
        }
    }

    @Test
    void valuesBecomeGreyLevelsUpToTheWhiteLevel() {
        float[] px = CompletionFigures.valuesAsPixels(new float[] {0f, 0.1f, 0.2f, 0.5f, -1f}, 0.2);
        assertArrayEquals(new float[] {-1f, 0f, 1f, 1f, -1f}, px, 1e-6f);
        assertEquals(0.43, CompletionFigures.max(new float[] {0f, 0.43f, 0.1f}), 1e-6);
        assertEquals(0.0, CompletionFigures.max(new float[] {-2f}));
        assertThrows(IllegalArgumentException.class, () -> CompletionFigures.valuesAsPixels(new float[1], 0));
    }

    @Test
    void theSeamIsTheMeanJumpBetweenHolePixelsAndTheirKnownNeighbours() {
        Mask center = Masks.center(4); // hole: rows and columns 1..2, 8 hole-known neighbour pairs
        float[] flat = new float[16];
        assertEquals(0.0, CompletionFigures.seam(flat, center));
        float[] patch = new float[16];
        for (int r = 1; r <= 2; r++) for (int c = 1; c <= 2; c++) patch[r * 4 + c] = 0.5f; // the hole brighter by 0.5
        assertEquals(0.5, CompletionFigures.seam(patch, center), 1e-9);
        // one known neighbour set to 0.3: its one pair, with hole pixel (1, 1), changes from 0.5 to 0.2
        patch[1] = 0.3f; // row 0, col 1: above hole pixel (1, 1) only
        assertEquals((7 * 0.5 + 0.2) / 8, CompletionFigures.seam(patch, center), 1e-6);
        float[] two = new float[32]; // two planes: the second has a jump of 1 everywhere on the border
        for (int r = 1; r <= 2; r++) for (int c = 1; c <= 2; c++) two[16 + r * 4 + c] = 1f;
        assertEquals(0.5, CompletionFigures.seam(two, center), 1e-9);
        assertEquals(0.0, CompletionFigures.seam(patch, Masks.full(4)));
    }

    @Test
    void theImagesWhoseSeamBlendingLoweredMostComeFirst() {
        Mask center = Masks.center(4);
        float[] pasted = new float[3 * 16], blended = new float[3 * 16];
        float[] jump = {0.2f, 0.8f, 0.5f}; // the hole of image i is brighter by jump[i] when pasted, flat when blended
        for (int i = 0; i < 3; i++)
            for (int r = 1; r <= 2; r++) for (int c = 1; c <= 2; c++) pasted[i * 16 + r * 4 + c] = jump[i];
        assertArrayEquals(new int[] {1, 2}, CompletionFigures.largestSeamDrop(pasted, blended, 3, center, 2));
        assertArrayEquals(new int[] {0, 1, 2}, CompletionFigures.largestSeamDrop(blended, blended, 3, center, 3), "ties keep index order");
        assertThrows(IllegalArgumentException.class, () -> CompletionFigures.largestSeamDrop(pasted, blended, 3, center, 4));
    }

    @Test
    void differencesAreGreyAroundZeroAndClippedAtTheRange() {
        float[] d = CompletionFigures.differenceAsPixels(new float[] {0f, 0.25f, -0.5f, 1f}, new float[] {0f, 0f, 0f, 0f}, 0.5);
        assertArrayEquals(new float[] {0f, 0.5f, -1f, 1f}, d, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> CompletionFigures.differenceAsPixels(new float[2], new float[3], 1));
    }

    @Test
    void pickCopiesTheChosenImagesInOrder() {
        float[] set = {0, 0, 1, 1, 2, 2};
        assertArrayEquals(new float[] {2, 2, 0, 0}, CompletionFigures.pick(set, 2, new int[] {2, 0}));
    }
}
