package org.semfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final int before = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    @Test
    void everyIndexRunsExactlyOnceInFixedSlices() {
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setThreads(threads);
            for (int n : new int[] {0, 1, 2, 5, 64, 1001}) {
                for (int job = 0; job < 200; job++) { // many quick jobs back to back: the hand-off path
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    int[] sliceOf = new int[n];
                    Parallel.forSlices(n, (slice, from, to) -> {
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(i);
                            sliceOf[i] = slice;
                        }
                    });
                    for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "index " + i + " of " + n);
                    int s = Parallel.slices(n);
                    for (int i = 0; i < n; i++) assertEquals((int) ((long) (i + 1) * s - 1) / n, sliceOf[i], "slice of " + i);
                }
            }
        }
    }

    @Test
    void aFailureInAnySliceReachesTheCaller() {
        Parallel.setThreads(2);
        assertThrows(IllegalStateException.class, () -> Parallel.forSlices(10, (slice, from, to) -> {
            if (slice == 1) throw new IllegalStateException("worker fails");
        }));
        assertThrows(IllegalArgumentException.class, () -> Parallel.forSlices(10, (slice, from, to) -> {
            if (slice == 0) throw new IllegalArgumentException("caller fails");
        }));
        int[] after = new int[10]; // and the workers still serve the next job
        Parallel.forSlices(10, (slice, from, to) -> { for (int i = from; i < to; i++) after[i] = i; });
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, after);
    }

    @Test
    void nestedAndConcurrentCallsRunTheSameSlices() throws Exception {
        Parallel.setThreads(2);
        int[] inner = new int[40];
        Parallel.forSlices(4, (slice, from, to) -> { // a slice body that splits again runs that split on itself
            for (int i = from; i < to; i++) {
                int base = i * 10;
                Parallel.forSlices(10, (s2, f2, t2) -> { for (int j = f2; j < t2; j++) inner[base + j] = base + j; });
            }
        });
        for (int i = 0; i < 40; i++) assertEquals(i, inner[i]);
        long[] sums = new long[2];
        Thread other = new Thread(() -> {
            for (int rep = 0; rep < 300; rep++) sums[1] += sum(1000);
        });
        other.start();
        for (int rep = 0; rep < 300; rep++) sums[0] += sum(1000);
        other.join();
        assertEquals(300L * 999 * 1000 / 2, sums[0]);
        assertEquals(300L * 999 * 1000 / 2, sums[1]);
    }

    private static long sum(int n) {
        long[] parts = new long[Parallel.slices(n)];
        Parallel.forSlices(n, (slice, from, to) -> { for (int i = from; i < to; i++) parts[slice] += i; });
        long s = 0;
        for (long p : parts) s += p;
        return s;
    }
}
