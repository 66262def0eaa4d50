package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A search keeps a bounded number of snapshots, spread over all its iterations, whatever --iters is. */
class SnapshotsTest {
    @Test
    void theCountFollowsTheBytesOfOneSnapshot() {
        assertEquals(Snapshots.MIN, Snapshots.forSnapshotsOf(1L << 40).capacity(), "huge snapshots: still a few");
        assertEquals(Snapshots.MAX, Snapshots.forSnapshotsOf(784).capacity(), "one small image: the most");
        long faces = 64L * 4 * 3 * 64 * 64; // 64 faces x 4 restarts, 12.6 MB a snapshot
        long budget = Math.min(Snapshots.BYTES, Runtime.getRuntime().maxMemory() / 4);
        assertTrue(Snapshots.forSnapshotsOf(faces).capacity() * faces * 4 <= Math.max(budget, Snapshots.MIN * faces * 4));
    }

    @Test
    void snapshotsStayBoundedAndSpreadOverTheWholeSearch() {
        for (int iters : new int[] {5, 100, 10_000, 1_000_000}) {
            Snapshots s = new Snapshots(16);
            int copied = 0;
            for (int it = 0; it < iters; it++) {
                if (s.keeps(it == iters - 1)) {
                    s.add(it, new float[] {it}, it * 0.5f);
                    copied++;
                }
                assertTrue(s.data().size() <= 16, "at most 16 kept at iteration " + it);
            }
            List<Integer> its = s.iterations();
            assertEquals(0, its.get(0));
            assertEquals(iters - 1, its.get(its.size() - 1), "the last iteration is always kept");
            for (int i = 1; i < its.size(); i++) assertTrue(its.get(i) > its.get(i - 1));
            assertEquals(its.size(), s.values().length);
            assertEquals(its.get(1) * 0.5f, s.values()[1]);
            if (iters <= 16) assertEquals(iters, its.size(), "a short search keeps every snapshot");
            else assertTrue(its.size() >= 8, its.size() + " kept of " + iters);
            assertTrue(copied < 40 + 2 * Math.log(iters) / Math.log(2) * 16, "dropped snapshots are not even copied: " + copied);
        }
    }
}
