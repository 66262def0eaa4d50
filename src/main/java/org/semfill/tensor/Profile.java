package org.semfill.tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall-clock time per layer forward and per op backward, for {@code semfill bench --profile}: the per-op
 * breakdown that says where a step's time goes. Off by default, and then it costs one branch per layer
 * or op. Records on the thread that runs the graph (ops wait for their worker threads, so their time is
 * included).
 */
public final class Profile {
    private static volatile boolean on;
    private static final Map<String, long[]> TOTALS = new LinkedHashMap<>(); // key -> {nanoseconds, calls}

    private Profile() {}

    /** One line of the breakdown: total milliseconds and calls since {@link #start()}. */
    public record Row(String what, double millis, long calls) {}

    public static boolean on() {
        return on;
    }

    /** Clears the totals and starts recording. */
    public static synchronized void start() {
        TOTALS.clear();
        on = true;
    }

    /** Stops recording and returns the totals, slowest first. */
    public static synchronized List<Row> stop() {
        on = false;
        List<Row> rows = new ArrayList<>();
        TOTALS.forEach((k, v) -> rows.add(new Row(k, v[0] / 1e6, v[1])));
        rows.sort((a, b) -> Double.compare(b.millis(), a.millis()));
        return rows;
    }

    /** Adds the time since {@code startNanos} (from {@link System#nanoTime()}) to {@code what}. */
    public static synchronized void add(String what, long startNanos) {
        long[] t = TOTALS.computeIfAbsent(what, k -> new long[2]);
        t[0] += System.nanoTime() - startNanos;
        t[1]++;
    }
}
