package org.semfill.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Says when a repeated step has stopped being compiled. For the first 10-40 s of config a the Vector API kernels run
 * partly in the interpreter and in C1 code, where every vector operation is a Java object (5-50x slower), and some are
 * compiled again by C2 after a deoptimisation; a step timed then measures the JIT, not the kernels. The signal is the
 * JVM's own total compilation time: warm-up ends once it has not grown during {@link #QUIET_STEPS} steps in a row
 * that together took at least {@link #QUIET_SECONDS}. Where the JVM does not report it, warm-up ends at once.
 */
final class JitWarmup {
    /** Steps in a row without a finished compilation. */
    static final int QUIET_STEPS = 3;
    /** ... that took at least this long together (a C2 compile of a large kernel takes a few hundred ms). */
    static final double QUIET_SECONDS = 2.0;
    /** Warm-up gives up waiting after this long and says so (the line's {@code jit_settled} is false). */
    static final double MAX_SECONDS = 120.0;

    /** The JVM's total compilation time in milliseconds, or null where it is not reported. */
    private final LongSupplier compileMillis;
    private final LongSupplier nanoTime;
    private long lastTotalMillis = -1;
    private int quietSteps;
    private long quietSince;

    /** Watches this JVM's JIT. */
    JitWarmup() {
        this(jitClock(), System::nanoTime);
    }

    /** Watches the given compilation-time clock (null: not reported), with the given wall clock in nanoseconds. */
    JitWarmup(LongSupplier compileMillis, LongSupplier nanoTime) {
        this.compileMillis = compileMillis;
        this.nanoTime = nanoTime;
    }

    private static LongSupplier jitClock() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : null;
    }

    /** Call after each warm-up step: true once the last {@link #QUIET_STEPS} steps (at least {@link #QUIET_SECONDS}) compiled nothing. */
    boolean settledAfterStep() {
        if (compileMillis == null) return true;
        long now = nanoTime.getAsLong();
        long total = compileMillis.getAsLong();
        if (total != lastTotalMillis) {
            lastTotalMillis = total;
            quietSteps = 0;
            quietSince = now;
            return false;
        }
        quietSteps++;
        return quietSteps >= QUIET_STEPS && (now - quietSince) / 1e9 >= QUIET_SECONDS;
    }
}
