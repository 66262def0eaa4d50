package org.semfill.autograd;

import java.util.Arrays;

/**
 * NumPy-style broadcasting: shapes are aligned at their last axis; a size-1 (or missing) axis stretches
 * to the other operand's size. {@link #indexMap} turns a broadcast into a gather: for every element of
 * the result, the index of the input element it reads. Backward then needs no separate reduction: an
 * op adds {@code grad[i]} into {@code inputGrad[map[i]]}, which sums over the stretched axes by itself.
 */
final class Broadcast {
    private Broadcast() {}

    /** The shape of the broadcast result, or an IllegalArgumentException naming both shapes. */
    static int[] shape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1)
                throw new IllegalArgumentException("cannot broadcast shapes " + Arrays.toString(a) + " and " + Arrays.toString(b));
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** For each element of {@code out}, the flat index of the element of {@code in} it reads; null when shapes are equal. */
    static int[] indexMap(int[] in, int[] out) {
        if (Arrays.equals(in, out)) return null;
        // A search step broadcasts the same shapes every iteration (the contextual loss: 786,432 entries for
        // config a); the maps are only read, so the last few are kept per thread instead of rebuilt each time.
        String key = Arrays.toString(in) + Arrays.toString(out);
        java.util.Map<String, int[]> cache = RECENT.get();
        int[] map = cache.get(key);
        if (map == null) {
            map = build(in, out);
            if (map.length <= MAX_CACHED) cache.put(key, map);
        }
        return map;
    }

    /** Larger maps (more than 16 MB) are not kept. */
    private static final int MAX_CACHED = 1 << 22;

    /** The last few maps made on this thread (least recently used dropped first). */
    private static final ThreadLocal<java.util.Map<String, int[]>> RECENT = ThreadLocal.withInitial(() ->
            new java.util.LinkedHashMap<String, int[]>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, int[]> eldest) {
                    return size() > 4;
                }
            });

    private static int[] build(int[] in, int[] out) {
        int rank = out.length;
        int[] stride = new int[rank]; // stride of `in` along each axis of `out`, 0 where broadcast
        int s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int j = i - (rank - in.length);
            int d = j >= 0 ? in[j] : 1;
            stride[i] = d == 1 ? 0 : s;
            s *= d;
        }
        int n = 1;
        for (int d : out) n *= d;
        int[] map = new int[n];
        int[] counter = new int[rank];
        int idx = 0;
        for (int k = 0; k < n; k++) {
            map[k] = idx;
            for (int ax = rank - 1; ax >= 0; ax--) { // odometer increment
                counter[ax]++;
                idx += stride[ax];
                if (counter[ax] < out[ax]) break;
                idx -= stride[ax] * counter[ax];
                counter[ax] = 0;
            }
        }
        return map;
    }
}
