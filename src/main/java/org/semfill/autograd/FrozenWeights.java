package org.semfill.autograd;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.PreparedA;
import org.semfill.tensor.Tensor;

/**
 * Convolution weights packed once for many steps of a search whose networks are frozen (the completion search: G and
 * D do not change while it runs). A convolution packs its weights for the GEMM micro-kernels at every call
 * ({@link Kernels#prepareA}); while a {@link #use()} scope is open on the calling thread, the convolutions of
 * weights that do not require a gradient take their packed panels from here instead, packed at their first use.
 * The panels are the same values, so the results are the same bits.
 *
 * <p>The caller promises that the weights are not changed while it holds this object (a search keeps it for its
 * life; {@code LatentSearch}'s contract already forbids using G and D elsewhere meanwhile). A weight whose array
 * was replaced, or a change of kernels, is packed again. Not thread-safe: one search, one thread.
 */
public final class FrozenWeights {
    private static final ThreadLocal<FrozenWeights> CURRENT = new ThreadLocal<>();

    /** What was made of a weight: its packed panels (either orientation) or one of its Winograd plans. */
    enum Kind { PACKED, PACKED_TRANSPOSED, WINOGRAD_CONV, WINOGRAD_TRANSPOSED }

    private record Key(Tensor weight, Kind kind, long geometry) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.weight == weight && k.kind == kind && k.geometry == geometry;
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(weight) * 4 + kind.ordinal()) * 31 + Long.hashCode(geometry);
        }
    }

    /**
     * The kernels and the weight's array it was made with (made again if either has changed), and the scope it was made
     * or last refreshed in.
     */
    private record Entry(Kernels kernels, float[] data, Object made, long scope) {}

    private final Map<Key, Entry> packed = new HashMap<>(); // keys compare weights by identity
    /** Whether weights that require a gradient are cached too (training), not only frozen ones. */
    private final boolean learningToo;
    /** Scopes opened so far: in training, what was made in an earlier scope is refreshed from the weights' new values. */
    private long scopes;

    /** A search's cache: frozen weights, for as many steps as the search runs. */
    public FrozenWeights() {
        this(false);
    }

    private FrozenWeights(boolean learningToo) {
        this.learningToo = learningToo;
    }

    /**
     * A cache for training, kept for the whole run: while one of its scopes is open the weights that learn are still
     * (the caller opens one per part of a step and closes it before the optimiser's update), so what is made of them
     * serves every call in that scope (config a: D's weights, packed or transformed, serve its passes on the real and
     * on the fake batch). In the next scope each thing is refreshed from the weights' new values in its own arrays:
     * a step allocates nothing for it (allocating a plan's tens of MB each time cost more than transforming them).
     */
    public static FrozenWeights forTraining() {
        return new FrozenWeights(true);
    }

    /** Opens a scope on this thread in which convolutions of frozen weights use this cache; close it at the step's end. */
    public Scope use() {
        scopes++;
        FrozenWeights before = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (before == null) CURRENT.remove();
            else CURRENT.set(before);
        };
    }

    /** A {@link #use()} scope. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** What has been made so far: packed weights (each orientation counts) and Winograd plans. */
    public int size() {
        return packed.size();
    }

    /** Whether what is made of w now is kept for the next calls: a scope is open on this thread and w is frozen. */
    static boolean caches(Tensor w) {
        FrozenWeights f = CURRENT.get();
        return f != null && (f.learningToo || !w.requiresGrad());
    }

    /** Whether w is frozen for a whole search: a search's scope is open and w does not learn. */
    static boolean frozenForSearch(Tensor w) {
        FrozenWeights f = CURRENT.get();
        return f != null && !f.learningToo && !w.requiresGrad();
    }

    /** op(w) packed for the kernels: from the open scope's cache when there is one and w is frozen, else packed now. */
    static PreparedA prepareA(boolean trans, int m, int k, Tensor w) {
        return cached(w, trans ? Kind.PACKED_TRANSPOSED : Kind.PACKED, (long) m << 32 | k, kk -> kk.prepareA(trans, m, k, w.data(), 0),
                Kernels::repack);
    }

    /**
     * What {@code make} makes of w with the kernels in use for the given geometry (any number that tells the shapes
     * it was made for apart): from the open scope's cache when there is one and w is frozen (or the cache is for
     * training), else made now. A training cache's thing from an earlier scope is brought up to date by
     * {@code refresh}, which recomputes it from w's values in its own arrays.
     */
    @SuppressWarnings("unchecked")
    static <T> T cached(Tensor w, Kind kind, long geometry, Function<Kernels, T> make, BiFunction<Kernels, T, T> refresh) {
        Kernels kk = KernelProvider.get();
        if (!caches(w)) return make.apply(kk);
        FrozenWeights f = CURRENT.get();
        Key key = new Key(w, kind, geometry);
        Entry e = f.packed.get(key);
        if (e == null || e.kernels != kk || e.data != w.data()) e = new Entry(kk, w.data(), make.apply(kk), f.scopes);
        else if (e.scope != f.scopes && f.learningToo) e = new Entry(kk, w.data(), refresh.apply(kk, (T) e.made), f.scopes);
        else return (T) e.made;
        f.packed.put(key, e);
        return (T) e.made;
    }
}
