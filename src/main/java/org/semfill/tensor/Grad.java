package org.semfill.tensor;

/**
 * Switches graph recording off for inference, frozen networks and optimiser updates:
 * {@code try (var g = Grad.off()) { ... }}. Per thread, nestable.
 */
public final class Grad {
    private static final ThreadLocal<int[]> OFF_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Grad() {}

    /** Whether new ops record their backward step on this thread. */
    public static boolean enabled() {
        return OFF_DEPTH.get()[0] == 0;
    }

    /** Turns recording off until the returned scope is closed. */
    public static Scope off() {
        int[] depth = OFF_DEPTH.get();
        depth[0]++;
        return () -> depth[0]--;
    }

    /** A no-grad region; closing it never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
