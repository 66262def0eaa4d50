package org.semfill.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.semfill.internal.Rng;
import org.semfill.kernels.Assign;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.ScalarKernels;
import org.semfill.kernels.Transpose;

/**
 * Single-threaded SGEMM speed, plain Java reference vs Vector API, on squares and on a convolution-shaped
 * product (M = 128 output channels, K = 1024 = 64 channels * 4 * 4, N = 4096 output pixels). The primary
 * score is calls per second; the secondary result {@code gemm:gflops} is the achieved GFLOP/s
 * (2*M*N*K floating-point operations per call), and {@code gemm:gflopsPerCpuSecond} the same per second of
 * the benchmark thread's CPU time (robust when other processes share the cores).
 * Run with the command in docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class GemmBenchmark {
    /** "256", "512", "1024": M = N = K; "conv": M = 128, N = 4096, K = 1024. */
    @Param({"256", "512", "1024", "conv"})
    public String shape;

    @Param({"scalar", "vector"})
    public String kernels;

    /** op(A) and op(B) storage: NN, TN (A transposed), NT (B transposed). */
    @Param({"NN"})
    public String layout;

    private Kernels impl;
    private int m, n, k;
    private float[] a, b, c;

    /** Achieved GFLOP/s, reported next to the time per call. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflops;

        @Setup(Level.Iteration)
        public void reset() {
            gflops = 0;
        }
    }

    /**
     * GFLOP per second of this thread's CPU time. On a shared machine other processes steal wall-clock
     * time; this figure is much less affected (the caches are still shared). JMH sums EVENTS counters over
     * all measured iterations and forks, so each iteration reports its share of the mean.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuFlops {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private long cpuStart;
        private double flopsDone;
        private int iterations;
        public double gflopsPerCpuSecond;

        @Setup(Level.Iteration)
        public void start(BenchmarkParams params) {
            iterations = Math.max(1, params.getMeasurement().getCount() * Math.max(1, params.getForks()));
            cpuStart = THREADS.getCurrentThreadCpuTime();
            flopsDone = 0;
            gflopsPerCpuSecond = 0;
        }

        void add(double flops) {
            flopsDone += flops;
            long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
            if (cpuNanos > 0) gflopsPerCpuSecond = flopsDone / cpuNanos / iterations;
        }
    }

    @Setup
    public void setUp() {
        impl = kernels.equals("vector") ? KernelProvider.loadVector() : new ScalarKernels();
        if (shape.equals("conv")) {
            m = 128;
            n = 4096;
            k = 1024;
        } else {
            m = n = k = Integer.parseInt(shape);
        }
        Rng rng = new Rng(42);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) rng.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) rng.nextGaussian();
    }

    @Benchmark
    public float[] gemm(Flops flops, CpuFlops cpu) {
        impl.gemm(Transpose.of(layout.charAt(0) == 'T', layout.charAt(1) == 'T'), m, n, k, a, 0, b, 0, c, 0, Assign.SET);
        flops.gflops += 2e-9 * m * n * k;
        cpu.add(2.0 * m * n * k);
        return c;
    }
}
