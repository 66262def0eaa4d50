package org.semfill.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.semfill.internal.Rng;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.ScalarKernels;

/**
 * Streaming kernels, plain Java vs Vector API: a sum (batch-norm statistics), tanh and one Adam step over
 * 2^20 floats (about the parameter count of a small DCGAN), and im2col/col2im of a DCGAN discriminator
 * layer input (64 channels, 32x32, 4x4 kernel, stride 2, padding 1). Microseconds per call. Adam is the
 * inherited reference in both (C2 vectorises it by itself): a check that the two paths really run alike.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class StreamingBenchmark {
    @Param({"scalar", "vector"})
    public String kernels;

    private static final int N = 1 << 20;
    private static final int C = 64, H = 32, W = 32, KS = 4, STRIDE = 2, PAD = 1, OH = 16, OW = 16;

    private Kernels impl;
    private float[] p, g, m, v, out;
    private float[] image, col;

    @Setup
    public void setUp() {
        impl = kernels.equals("vector") ? KernelProvider.loadVector() : new ScalarKernels();
        Rng rng = new Rng(7);
        p = gaussian(rng, N);
        g = gaussian(rng, N);
        m = new float[N];
        v = new float[N];
        out = new float[N];
        image = gaussian(rng, C * H * W);
        col = gaussian(rng, C * KS * KS * OH * OW);
    }

    private static float[] gaussian(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.nextGaussian();
        return x;
    }

    @Benchmark
    public float[] adam() {
        impl.adam(N, p, g, m, v, 2e-4f, 0.5f, 0.999f, 1e-8f, 0.5f, 0.001f);
        return p;
    }

    @Benchmark
    public double sum() {
        return impl.sum(g, 0, N);
    }

    @Benchmark
    public float[] tanh() {
        impl.tanh(N, g, out);
        return out;
    }

    @Benchmark
    public float[] im2col() {
        impl.im2col(image, 0, C, H, W, KS, STRIDE, PAD, OH, OW, col, 0, OH * OW);
        return col;
    }

    @Benchmark
    public float[] col2im() {
        impl.col2im(col, 0, OH * OW, C, H, W, KS, STRIDE, PAD, OH, OW, image, 0);
        return image;
    }
}
