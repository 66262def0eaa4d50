package org.semfill.kernels;

/**
 * Which arithmetic made a result. The same seed gives the same bits on any machine (any thread count, either kernel
 * path, any vector width, JDK 17 or later): the bits are fixed by the order of float operations described in
 * {@link Kernels}, not by the hardware. That order is part of the engine, and {@link #VERSION} names it: it goes up
 * whenever a change to the engine changes a single bit a seed gives, so a run folder's config.json, which records
 * it, says which engine can repeat the run.
 */
public final class Engine {
    /** The current arithmetic. 2: batch sums in fixed groups, 16 canonical lanes, our own exp/tanh/sigmoid. */
    public static final int VERSION = 2;

    private Engine() {}

    /** One line for {@code semfill info} and run logs. */
    public static String describe() {
        return "engine " + VERSION + " (same seed, same bits on any machine)";
    }
}
