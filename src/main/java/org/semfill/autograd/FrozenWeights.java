package org.semfill.autograd;

import java.util.HashMap;
import java.util.Map;
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

    /** The kernels and the weight's array it was made with: made again if either has changed. */
    private record Entry(Kernels kernels, float[] data, Object made) {}

    private final Map<Key, Entry> packed = new HashMap<>(); // keys compare weights by identity
    /** Whether weights that require a gradient are cached too (one part of a training step), not only frozen ones. */
    private final boolean learningToo;

    /** A search's cache: frozen weights, for as many steps as the search runs. */
    public FrozenWeights() {
        this(false);
    }

    private FrozenWeights(boolean learningToo) {
        this.learningToo = learningToo;
    }

    /**
     * A cache for one part of a training step, between two optimiser updates: the weights that learn are still while
     * its scope is open, so what is made of them serves every call in it (config a: D's weights, packed or
     * transformed, serve its passes on the real and on the fake batch). The caller closes the scope before the update.
     */
    public static FrozenWeights untilTheNextUpdate() {
        return new FrozenWeights(true);
    }

    /** Opens a scope on this thread in which convolutions of frozen weights use this cache; close it at the step's end. */
    public Scope use() {
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
        return cached(w, trans ? Kind.PACKED_TRANSPOSED : Kind.PACKED, (long) m << 32 | k, kk -> kk.prepareA(trans, m, k, w.data(), 0));
    }

    /**
     * What {@code make} makes of w with the kernels in use for the given geometry (any number that tells the shapes
     * it was made for apart): from the open scope's cache when there is one and w is frozen, else made now.
     */
    @SuppressWarnings("unchecked")
    static <T> T cached(Tensor w, Kind kind, long geometry, Function<Kernels, T> make) {
        Kernels kk = KernelProvider.get();
        if (!caches(w)) return make.apply(kk);
        FrozenWeights f = CURRENT.get();
        Key key = new Key(w, kind, geometry);
        Entry e = f.packed.get(key);
        if (e == null || e.kernels != kk || e.data != w.data()) {
            e = new Entry(kk, w.data(), make.apply(kk));
            f.packed.put(key, e);
        }
        return (T) e.made;
    }
}
