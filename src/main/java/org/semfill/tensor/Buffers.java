package org.semfill.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where ops get the arrays of their outputs and of intermediate gradients. Outside a {@link Pool} scope
 * that is simply {@code new float[n]}. A loop that repeats the same computation (a training step, a
 * completion iteration) opens its pool's scope around each repetition; every array handed out inside goes
 * back to the pool when the scope closes and serves the next repetition. Without it a config-b
 * train step would allocate ~140 MB of fresh arrays, and zeroing them plus collecting them would cost more than
 * batch norm and the activations together (a step should make no large allocations).
 *
 * <p>The rule that makes it safe: nothing made inside the scope may be read after it closes, so the loop
 * copies out what it keeps (losses as floats, images into arrays of its own). Parameters and other leaves
 * are created outside any scope and never come from a pool. Scopes are per thread and do not nest (an
 * inner scope is refused, so a caller cannot recycle its caller's arrays).
 */
public final class Buffers {
    private static final ThreadLocal<Pool> ACTIVE = new ThreadLocal<>();
    /** Off: every scope hands out fresh arrays (tests compare both ways; -Dsemfill.recycle=false for debugging). */
    private static volatile boolean recycling = !"false".equals(System.getProperty("semfill.recycle"));

    private Buffers() {}

    /** Turns recycling on or off for pools opened from now on (results must not change: only speed does). */
    public static void setRecycling(boolean on) {
        recycling = on;
    }

    /** A zero-filled array of n floats: from the active pool if there is one on this thread. */
    public static float[] zeroed(int n) {
        Pool p = ACTIVE.get();
        if (p == null) return new float[n];
        float[] a = p.take(n);
        Arrays.fill(a, 0f);
        return a;
    }

    /** An array of n floats with unspecified contents, for an op that writes every element before reading any. */
    public static float[] forOverwrite(int n) {
        Pool p = ACTIVE.get();
        return p == null ? new float[n] : p.take(n);
    }

    /** Recycled arrays, by length. Owned by one loop (one train step, one search) and used on one thread. */
    public static final class Pool {
        private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
        private final List<float[]> lent = new ArrayList<>();

        /** Makes this pool serve {@link Buffers} on the calling thread until the scope is closed. */
        public Scope open() {
            if (ACTIVE.get() != null) throw new IllegalStateException("a buffer pool is already open on this thread");
            if (!recycling) return () -> {};
            ACTIVE.set(this);
            return () -> {
                ACTIVE.remove();
                for (float[] a : lent) free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
                lent.clear();
            };
        }

        private float[] take(int n) {
            ArrayDeque<float[]> q = free.get(n);
            float[] a = q == null || q.isEmpty() ? new float[n] : q.pop();
            lent.add(a);
            return a;
        }

        /** Floats held, lent or free (for tests and memory reports). */
        public long floatsHeld() {
            long s = 0;
            for (float[] a : lent) s += a.length;
            for (ArrayDeque<float[]> q : free.values()) for (float[] a : q) s += a.length;
            return s;
        }
    }

    /** The open scope of a pool; closing it returns every array lent inside. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
