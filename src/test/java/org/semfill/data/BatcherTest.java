package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.semfill.internal.UserError;

class BatcherTest {
    private static List<int[]> take(Batcher b, int count) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(b.next());
        return out;
    }

    @Test
    void sameSeedSameBatchesOtherSeedOtherBatches() {
        List<int[]> a = take(new Batcher(50, 8, 7), 20);
        List<int[]> b = take(new Batcher(50, 8, 7), 20);
        List<int[]> c = take(new Batcher(50, 8, 8), 20);
        for (int i = 0; i < 20; i++) assertArrayEquals(a.get(i), b.get(i), "batch " + i);
        boolean differ = false;
        for (int i = 0; i < 20; i++) differ |= !Arrays.equals(a.get(i), c.get(i));
        assertTrue(differ);
    }

    @Test
    void eachEpochDrawsDistinctIndicesAndDropsTheRemainder() {
        Batcher b = new Batcher(10, 3, 1);
        assertEquals(3, b.batchesPerEpoch());
        for (int epoch = 0; epoch < 4; epoch++) {
            Set<Integer> seen = new HashSet<>();
            for (int k = 0; k < 3; k++) {
                int[] batch = b.next();
                assertEquals(3, batch.length);
                assertEquals(epoch, b.epoch());
                for (int i : batch) {
                    assertTrue(i >= 0 && i < 10);
                    assertTrue(seen.add(i), "index " + i + " twice in epoch " + epoch);
                }
            }
            assertTrue(b.epochFinished());
            assertEquals(9, seen.size());
        }
    }

    @Test
    void epochsAreShuffledDifferently() {
        Batcher b = new Batcher(64, 64, 3);
        int[] first = b.next();
        int[] second = b.next();
        assertEquals(1, b.epoch());
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void restoredMidEpochYieldsTheSameRemainingBatches() {
        Batcher original = new Batcher(23, 4, 42); // 5 batches per epoch, 3 images dropped
        take(original, 7); // epoch 1, batch 2 of 5
        long[] state = original.state();
        Batcher resumed = Batcher.restore(state, 23, 4);
        assertEquals(original.epoch(), resumed.epoch());
        assertEquals(original.cursor(), resumed.cursor());
        List<int[]> expected = take(original, 12); // runs past two epoch boundaries
        List<int[]> actual = take(resumed, 12);
        for (int i = 0; i < 12; i++) assertArrayEquals(expected.get(i), actual.get(i), "batch " + i);
    }

    @Test
    void restoredAtTheEndOfAnEpochContinuesIdentically() {
        Batcher original = new Batcher(12, 4, 5);
        take(original, 3);
        assertTrue(original.epochFinished());
        Batcher resumed = Batcher.restore(original.state(), 12, 4);
        assertTrue(resumed.epochFinished());
        for (int i = 0; i < 6; i++) assertArrayEquals(original.next(), resumed.next(), "batch " + i);
    }

    @Test
    void restoreRejectsOtherDataOrDamage() {
        long[] state = new Batcher(12, 4, 5).state();
        assertThrows(UserError.class, () -> Batcher.restore(state, 13, 4));
        assertThrows(UserError.class, () -> Batcher.restore(state, 12, 3));
        assertThrows(UserError.class, () -> Batcher.restore(Arrays.copyOf(state, 4), 12, 4));
        long[] damaged = state.clone();
        damaged[4] = 99;
        assertThrows(UserError.class, () -> Batcher.restore(damaged, 12, 4));
    }

    @Test
    void tooFewImagesForOneBatchIsAUserError() {
        assertThrows(UserError.class, () -> new Batcher(5, 8, 1));
    }

    @Test
    void nextFillsTheBatchBuffer() {
        float[] p = new float[6 * 2];
        for (int i = 0; i < p.length; i++) p[i] = i;
        ImageSet set = new ImageSet(p, 6, 1, 1, 2, "test"); // image i = {2i, 2i + 1}
        Batcher b = new Batcher(6, 3, 9);
        float[] dst = new float[3 * 2];
        int[] idx = b.next(set, dst);
        for (int k = 0; k < 3; k++) {
            assertEquals(2 * idx[k], dst[2 * k]);
            assertEquals(2 * idx[k] + 1, dst[2 * k + 1]);
        }
    }
}
