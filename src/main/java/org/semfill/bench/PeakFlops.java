package org.semfill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CyclicBarrier;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Kernels;

/**
 * This host's floating-point peak, measured: T plain threads at once each run {@link Kernels#fmaLoop}, a loop of
 * independent FMAs on register-resident accumulators (no memory traffic, no hand-offs), and the GFLOP/s of all of
 * them together is the most any kernel could reach on T threads here. The vector loop is used whenever the
 * {@code jdk.incubator.vector} module is present (it is the machine's peak, whichever kernels the run uses);
 * otherwise the scalar {@link Math#fma} loop, which is a 16th of it or less on an AVX-512 machine.
 *
 * <p>The loop runs on threads of its own, not on {@code kernels.Parallel}: there the caller takes over the
 * slice of a late worker, and the measurement would then count one thread's work on two. With more threads than
 * processors the result is the processors' peak (the threads take turns). On a shared machine the result is what
 * the cores gave us at that moment: measure it in the same run as the workload it is compared with.
 */
public final class PeakFlops {
    private PeakFlops() {}

    /** One measurement: T threads together, their GFLOP/s, and which loop ran. */
    public record Result(int threads, double gflops, double seconds, String kernels, String simd) {
        public double perThread() {
            return gflops / threads;
        }
    }

    /** The kernels whose loop measures the peak: the vector ones when this JVM can load them. */
    public static Kernels peakKernels() {
        return KernelProvider.vectorAvailable() ? KernelProvider.loadVector() : KernelProvider.get();
    }

    /**
     * Measures the peak of {@code threads} threads running at once: best of {@code repeats} rounds of about
     * {@code seconds} each (the best, because anything else running on the cores only ever lowers it).
     */
    public static Result measure(Kernels k, int threads, int repeats, double seconds) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        long rounds = roundsFor(k, seconds);
        double best = 0, bestSeconds = 0;
        for (int r = 0; r < repeats; r++) {
            double s = runTogether(k, threads, rounds);
            double gflops = (double) threads * rounds * k.fmaFlopsPerRound() / s / 1e9;
            if (gflops > best) {
                best = gflops;
                bestSeconds = s;
            }
        }
        return new Result(threads, best, bestSeconds, k.name(), k.describe());
    }

    /** Sink for the loops' results, so the JIT must compute them. */
    private static volatile float sink;

    /**
     * Warms the loop up until C2 has compiled it (hundreds of calls: a method with a long loop is otherwise
     * only compiled on-stack-replacement style, and each new call would start in slower code), then times one
     * call to find how many rounds take about {@code seconds} on one thread.
     */
    static long roundsFor(Kernels k, double seconds) {
        float s = 0;
        for (int i = 0; i < 1000; i++) s += k.fmaLoop(2000);
        long rounds = 100_000;
        double took;
        while (true) {
            long t0 = System.nanoTime();
            s += k.fmaLoop(rounds);
            took = (System.nanoTime() - t0) / 1e9;
            if (took > 0.02 || rounds > (1L << 40)) break;
            rounds *= 4;
        }
        sink = s;
        return Math.max(1, (long) (rounds * seconds / took));
    }

    /** Wall-clock seconds from the common start until the last of {@code threads} threads finished its rounds. */
    static double runTogether(Kernels k, int threads, long rounds) {
        // The clock starts in the barrier's action, which the last thread to arrive runs before any is released: taken
        // after the release instead, a caller descheduled on a busy machine would start it late (seen: 490 GFLOP/s "on"
        // 2 cores whose peak is about 210).
        long[] t0 = new long[1];
        CyclicBarrier start = new CyclicBarrier(threads + 1, () -> t0[0] = System.nanoTime());
        Thread[] ts = new Thread[threads];
        float[] results = new float[threads];
        for (int i = 0; i < threads; i++) {
            int index = i;
            ts[i] = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                results[index] = k.fmaLoop(rounds);
            }, "semfill-peak-" + (i + 1));
            ts[i].setDaemon(true);
            ts[i].start();
        }
        try {
            start.await();
            for (Thread t : ts) t.join();
            double s = (System.nanoTime() - t0[0]) / 1e9;
            float sum = 0;
            for (float f : results) sum += f;
            sink = sum;
            return s;
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IllegalStateException("peak measurement interrupted", e);
        }
    }

    /** The CPU's model name from /proc/cpuinfo (Linux), else the OS architecture. */
    public static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    int colon = line.indexOf(':');
                    if (colon >= 0) return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        return System.getProperty("os.arch");
    }
}
