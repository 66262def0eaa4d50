package org.semfill.completion;

import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots a search keeps for its strip and GIF, in bounded memory whatever {@code --iters}: past a count
 * ({@link #forSnapshotsOf}: at most {@link #MAX}, and at most a quarter of the heap, 256 MB at most) every other kept snapshot is dropped and from then on only every 2nd (then 4th, ...) one asked for is kept, so
 * they stay spread over the whole search. The last iteration's snapshot is always kept. Not thread-safe.
 */
final class Snapshots {
    /** Most snapshots kept. */
    static final int MAX = 256;
    /** Fewest kept, however large one is: the strip and the GIF need a few. */
    static final int MIN = 4;
    /** Most bytes of snapshots kept: at most this, and at most a quarter of the heap. */
    static final long BYTES = 256L << 20;

    /** Snapshots of {@code floats} floats each, as many as fit in the memory budget (between {@link #MIN} and {@link #MAX}). */
    static Snapshots forSnapshotsOf(long floats) {
        long budget = Math.min(BYTES, Runtime.getRuntime().maxMemory() / 4);
        return new Snapshots((int) Math.max(MIN, Math.min(MAX, budget / Math.max(1, 4 * floats))));
    }

    private final int max;
    private final List<float[]> data = new ArrayList<>();
    private final List<Integer> iterations = new ArrayList<>();
    private final List<Float> values = new ArrayList<>(); // one number per snapshot (HMC's acceptance), or unused
    private int stride = 1;
    private long asked;

    Snapshots() {
        this(MAX);
    }

    Snapshots(int max) {
        this.max = Math.max(MIN, max);
    }

    /** Whether the snapshot asked for now is kept (then call {@link #add}); decided first, so a dropped one is never copied. */
    boolean keeps(boolean last) {
        return asked++ % stride == 0 || last;
    }

    void add(int iteration, float[] snapshot, float value) {
        data.add(snapshot);
        iterations.add(iteration);
        values.add(value);
        if (data.size() > max) thin();
    }

    private void thin() {
        int n = data.size();
        List<float[]> d = new ArrayList<>();
        List<Integer> it = new ArrayList<>();
        List<Float> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % 2 != 0 && i != n - 1) continue; // the newest stays: it may be the last iteration
            d.add(data.get(i));
            it.add(iterations.get(i));
            v.add(values.get(i));
        }
        data.clear();
        data.addAll(d);
        iterations.clear();
        iterations.addAll(it);
        values.clear();
        values.addAll(v);
        stride *= 2;
    }

    /** Most snapshots kept at once. */
    int capacity() {
        return max;
    }

    List<float[]> data() {
        return data;
    }

    List<Integer> iterations() {
        return iterations;
    }

    float[] values() {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }
}
