package org.semfill.autograd;

import java.util.HashMap;
import java.util.Map;
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

    private record Key(Tensor weight, boolean trans) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.weight == weight && k.trans == trans;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(weight) * 2 + (trans ? 1 : 0);
        }
    }

    private record Entry(Kernels kernels, PreparedA prepared) {}

    private final Map<Key, Entry> packed = new HashMap<>(); // keys compare weights by identity

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

    /** Weights packed so far (both orientations count). */
    public int size() {
        return packed.size();
    }

    /** op(w) packed for the kernels: from the open scope's cache when there is one and w is frozen, else packed now. */
    static PreparedA prepareA(boolean trans, int m, int k, Tensor w) {
        Kernels kk = KernelProvider.get();
        FrozenWeights f = CURRENT.get();
        if (f == null || w.requiresGrad()) return kk.prepareA(trans, m, k, w.data(), 0);
        Key key = new Key(w, trans);
        Entry e = f.packed.get(key);
        if (e == null || e.kernels != kk || e.prepared.data() != w.data() || e.prepared.rows() != m || e.prepared.depth() != k) {
            e = new Entry(kk, kk.prepareA(trans, m, k, w.data(), 0));
            f.packed.put(key, e);
        }
        return e.prepared;
    }
}
