package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.semfill.internal.UserError;

class ImageSetTest {
    /** 4 images (1, 1, 2): image i holds {10 i, 10 i + 1}. */
    private static ImageSet four() {
        float[] p = new float[8];
        for (int i = 0; i < 4; i++) {
            p[2 * i] = 10 * i;
            p[2 * i + 1] = 10 * i + 1;
        }
        return new ImageSet(p, 4, 1, 1, 2, "test");
    }

    @Test
    void imageAndBatchCopyTheRightValues() {
        ImageSet set = four();
        assertArrayEquals(new float[] {20, 21}, set.image(2));
        float[] dst = new float[6];
        set.copyBatch(new int[] {0, 3, 1, 2}, 1, 2, dst);
        assertArrayEquals(new float[] {30, 31, 10, 11, 0, 0}, dst);
        assertThrows(IllegalArgumentException.class, () -> set.copyBatch(new int[] {0, 1, 2, 3}, 0, 4, dst));
    }

    @Test
    void subsetAndSplitKeepOrder() {
        ImageSet set = four();
        assertArrayEquals(new float[] {10, 11, 20, 21}, set.subset(1, 3).pixels());
        ImageSet.Split split = set.split(1);
        assertEquals(3, split.train().n());
        assertEquals(1, split.heldOut().n());
        assertArrayEquals(new float[] {30, 31}, split.heldOut().pixels());
        assertThrows(UserError.class, () -> set.split(4));
        assertEquals(2, set.limit(2).n());
        assertEquals(set, set.limit(0));
    }

    @Test
    void shapeMustMatchTheArray() {
        assertThrows(IllegalArgumentException.class, () -> new ImageSet(new float[7], 4, 1, 1, 2, "bad"));
    }
}
